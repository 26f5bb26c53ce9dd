package org.swarmsense.epos.sensing.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.swarmsense.maps.SharedData;
import org.swarmsense.epos.sensing.MissionPlanner;
import org.swarmsense.epos.sensing.mission.Mission;
import org.swarmsense.epos.sensing.mission.MissionReader;
import org.swarmsense.epos.sensing.plans.CandidatePlan;
import org.swarmsense.epos.sensing.plans.SensingProblem;

/**
 * The flight of real generated plans uses exactly the energy the plan generator computed, plus the
 * climb and descent the generator does not model, less the hover the climb costs. Was agents' {@code
 * FlightPlanOnGeneratedPlansTest} (a model without climb, which matched {@code energyJ} alone): each
 * sortie now also climbs 50 m over the base and comes down again, 2 x 50 / v s at flight power, which
 * the expected value adds by hand; and since stops are held until their planned ends (not for their
 * durations), a stop reached late by the climb (or by a take-off delayed by the previous sortie's
 * descent) hovers that much less, which the expected value takes off, walked here stop by stop.
 */
class FlightTimelineOnGeneratedPlansTest {
  @Test
  void simulatedEnergyAndFlightsMatchThePlanGenerator() {
    Path cells = SharedData.dir().resolve("missions").resolve("pneuma_grid.csv");
    Mission m = MissionReader.parse("""
        name: flight-check
        cells: %s
        window: {startS: 0, endS: 3600, slotS: 300}
        drones: {count: 4, plansPerDrone: 6, batterySwapS: 120, maxCellsPerSortie: 8, localityM: 1000}
        coverageTarget: 2
        planner: {iterations: 2, cost: SQR, seed: 1}
        """.formatted(cells.toAbsolutePath()), true, cells.getParent(), "flight-check");
    MissionPlanner.Result r = MissionPlanner.plan(m, s -> {});
    MissionPlanner.Run run = r.runs().get(0);
    SensingProblem p = run.problem();
    int checked = 0;
    for (List<CandidatePlan> plans : run.plans()) {
      for (CandidatePlan cp : plans) {
        FlightTimeline f =
            FlightTimeline.of(cp, p.bx(cp.base()), p.by(cp.base()), 50, m.fleet().batterySwapS(), 0, r.energy());
        double v = r.energy().drone().groundSpeedMps();
        double climbAndDescentJ = cp.flights() * r.energy().flightPowerW() * 2 * 50 / v;
        double lostHoverJ = r.energy().hoverPowerW() * hoverLostS(cp, p.bx(cp.base()), p.by(cp.base()), 50 / v, v,
            m.fleet().batterySwapS());
        assertEquals(cp.energyJ() + climbAndDescentJ - lostHoverJ, f.totalEnergyJ(), 1e-6 * cp.energyJ(),
            "drone " + cp.drone() + " plan " + cp.index());
        assertEquals(cp.flights(), f.sorties());
        FlightState end = f.stateAt(f.endS() + 1);
        assertEquals(FlightPhase.IDLE, end.phase());
        assertEquals(cp.flights(), end.flightsDone());
        checked++;
      }
    }
    assertTrue(checked == 24, "checked " + checked);
  }

  /**
   * The planned hover the flight does not make, s: each sortie takes off at its time or once the previous
   * one is down and swapped, climbs {@code climbS}, flies its path at {@code v}, hovers at each stop until
   * the stop's planned end (nothing if it is past), flies home and comes down {@code climbS}, swaps.
   */
  private static double hoverLostS(CandidatePlan cp, double bx, double by, double climbS, double v, double swapS) {
    double downS = 0;
    double lostS = 0;
    for (CandidatePlan.Sortie s : cp.sorties()) {
      double t = Math.max(s.takeOffS(), downS) + climbS;
      double x = bx;
      double y = by;
      int stop = 0;
      for (double[] p : s.path()) {
        t += Math.hypot(p[0] - x, p[1] - y) / v;
        x = p[0];
        y = p[1];
        while (stop < s.stops().size() && Math.hypot(s.stops().get(stop).xM() - x, s.stops().get(stop).yM() - y) < 1e-3) {
          CandidatePlan.Stop st = s.stops().get(stop++);
          double hoverS = Math.max(0, st.startS() + st.durationS() - t);
          lostS += st.durationS() - hoverS;
          t += hoverS;
        }
      }
      downS = t + Math.hypot(bx - x, by - y) / v + climbS + swapS;
    }
    return lostS;
  }
}
