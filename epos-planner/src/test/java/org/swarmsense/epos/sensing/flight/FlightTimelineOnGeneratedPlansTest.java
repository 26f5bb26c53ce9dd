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
 * The flight of real generated plans, at the fleet's altitude, uses exactly the energy the plan
 * generator computed. Was agents' {@code FlightPlanOnGeneratedPlansTest} (a model without climb);
 * until issue 14's climb fix the generator left out each sortie's climb and descent, and this test
 * added 2 x 50 / v s at flight power per sortie by hand (flying at 50 m); the generator now counts
 * them at the fleet's altitude, so the flight's energy is the plan's.
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
        FlightTimeline f = FlightTimeline.of(cp, p.bx(cp.base()), p.by(cp.base()), m.fleet().altitudeM(),
            m.fleet().batterySwapS(), 0, r.energy());
        assertEquals(cp.energyJ(), f.totalEnergyJ(), 1e-6 * cp.energyJ(),
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
}
