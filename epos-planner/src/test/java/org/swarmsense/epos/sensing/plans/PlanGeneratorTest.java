package org.swarmsense.epos.sensing.plans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.swarmsense.epos.sensing.energy.DroneModel;
import org.swarmsense.epos.sensing.energy.EnergyModel;
import org.swarmsense.epos.sensing.flight.FlightPhase;
import org.swarmsense.epos.sensing.flight.FlightState;
import org.swarmsense.epos.sensing.flight.FlightTimeline;
import org.swarmsense.epos.sensing.flight.LocalWaypoint;
import org.swarmsense.epos.sensing.mission.Mission.Fleet;

class PlanGeneratorTest {

  static final EnergyModel ENERGY = EnergyModel.of(DroneModel.defaults());

  /** A 10 x 10 grid of 100 m cells, demand growing to the east, 1 h in 12 slots, one base. */
  static SensingProblem grid(double windowS) {
    List<double[]> xy = new ArrayList<>();
    int[] ids = new int[100];
    int slots = (int) Math.ceil(windowS / 300);
    double[] v = new double[100 * slots];
    for (int i = 0; i < 100; i++) {
      xy.add(new double[] {50 + 100 * (i % 10), 50 + 100 * (i / 10)});
      ids[i] = i;
      for (int t = 0; t < slots; t++) {
        v[i * slots + t] = 1 + i % 10;
      }
    }
    return SensingProblem.of(xy, ids, slots, 300, windowS, v, List.<double[]>of(new double[] {0, 0}));
  }

  static Fleet fleet(int drones, int k) {
    return new Fleet(drones, DroneModel.defaults(), k, 120, 0, 6, 2, 1000, 60);
  }

  @Test
  void plansAreFeasibleAndDiverse() {
    SensingProblem p = grid(3600);
    Fleet f = fleet(4, 16);
    double cap = PlanGenerator.fleetHoverCapacityS(f, ENERGY, 3600);
    p = p.withGoalFor(2, cap);
    long seed = 42;
    System.out.println("seed " + seed);
    List<List<CandidatePlan>> all = PlanGenerator.generate(p, f, ENERGY, LegRouter.straight(), seed);
    assertEquals(4, all.size());
    double capacityJ = ENERGY.drone().batteryCapacityJ();
    int batteries = PlanGenerator.batteriesPerDay(f, ENERGY, 3600);
    assertEquals(2, batteries, "48 min per battery: 2 batteries cover an hour");
    for (List<CandidatePlan> plans : all) {
      assertEquals(16, plans.size());
      Set<String> distinct = new HashSet<>();
      for (int k = 0; k < plans.size(); k++) {
        CandidatePlan c = plans.get(k);
        double budget = batteries * capacityJ * (1 - k / (2.0 * 16));
        assertTrue(c.energyJ() <= budget + 1e-6, "plan " + k + " over its budget E_k");
        assertEquals(c.energyJ() / capacityJ, c.cost(), 1e-12);
        double[] dense = c.dense(p.dimension());
        for (int cell = 0; cell < p.cells(); cell++) {
          for (int t = 0; t < p.slots(); t++) {
            assertTrue(dense[cell * p.slots() + t] <= p.slotLengthS(t) + 1e-6,
                "no more hover than the slot lasts");
          }
        }
        double hover = 0;
        for (CandidatePlan.Sortie s : c.sorties()) {
          assertTrue(s.energyJ() <= capacityJ + 1e-6, "one battery per sortie");
          double[] first = s.path().get(0);
          double[] last = s.path().get(s.path().size() - 1);
          assertEquals(0, Math.hypot(first[0], first[1]), 1e-9, "starts at the base");
          assertEquals(0, Math.hypot(last[0], last[1]), 1e-9, "ends at the base");
          for (CandidatePlan.Stop stop : s.stops()) {
            hover += stop.durationS();
            assertTrue(stop.startS() + stop.durationS() <= 3600 + 1e-6, "within the window");
          }
        }
        assertEquals(c.totalHoverS(), hover, 1e-6, "plan vector = hover seconds of the stops");
        distinct.add(java.util.Arrays.toString(c.indices()));
      }
      assertTrue(distinct.size() >= 12, "plans differ in which (cell, slot) they sense");
      assertTrue(plans.get(0).energyJ() > plans.get(15).energyJ(), "budgets decrease with k");
    }
  }

  @Test
  void sameSeedSamePlans() {
    SensingProblem p = grid(3600).withGoalFor(1, 7200);
    Fleet f = fleet(3, 8);
    var a = PlanGenerator.generate(p, f, ENERGY, LegRouter.straight(), 7);
    var b = PlanGenerator.generate(p, f, ENERGY, LegRouter.straight(), 7);
    var c = PlanGenerator.generate(p, f, ENERGY, LegRouter.straight(), 8);
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 8; k++) {
        assertTrue(java.util.Arrays.equals(a.get(i).get(k).hoverS(), b.get(i).get(k).hoverS()));
      }
    }
    assertFalse(java.util.Arrays.equals(a.get(0).get(0).indices(), c.get(0).get(0).indices()));
  }

  @Test
  void hoverIsSizedToTheDemandOfEachCellAndSlot() {
    SensingProblem p = grid(3600).withGoalFor(2, 2 * 3600);
    var plans = PlanGenerator.generate(p, fleet(2, 12), ENERGY, LegRouter.straight(), 3);
    double capacityJ = ENERGY.drone().batteryCapacityJ();
    for (var ps : plans) {
      for (CandidatePlan c : ps) {
        double[] dense = c.dense(p.dimension());
        for (int i = 0; i < dense.length; i++) {
          assertTrue(dense[i] <= p.goalAt(i) + 1e-6, "plan " + c.index() + " hovers " + dense[i]
              + " s where " + p.goalAt(i) + " s are asked (index " + i + ")");
        }
      }
      // demand is everywhere (more than the fleet can give): the full-budget plan keeps the
      // drone busy (hovering or flying, both at least hover power) for nearly the whole window,
      // or spends nearly its budget
      CandidatePlan full = ps.get(0);
      double busyJ = Math.min(2 * capacityJ, 3600 * ENERGY.hoverPowerW());
      assertTrue(full.energyJ() > 0.85 * busyJ,
          "plan 0 uses " + full.energyJ() + " J of " + busyJ + " J it could");
    }
  }

  @Test
  void plansOfTheSameIndexSplitTheDemandBetweenDrones() {
    SensingProblem p = grid(3600).withGoalFor(2, 4 * 3600);
    int drones = 4;
    var plans = PlanGenerator.generate(p, fleet(drones, 6), ENERGY, LegRouter.straight(), 11);
    for (int k = 0; k < 6; k++) {
      double sum = 0;
      double overlap = 0;
      double[] m = new double[p.dimension()];
      for (int i = 0; i < drones; i++) {
        CandidatePlan c = plans.get(i).get(k);
        for (int j = 0; j < c.nonZeros(); j++) {
          overlap += Math.min(m[c.indexAt(j)], c.hoverAt(j));
        }
        c.addTo(m, 1);
        sum += c.totalHoverS();
      }
      System.out.printf("plan %d: hover %.0f s, sensed twice %.0f s%n", k, sum, overlap);
      assertTrue(overlap < 0.1 * sum, "plans " + k + " of the drones mostly sense apart");
    }
  }

  @Test
  void cellsInForbiddenZonesAreNeverSensed() {
    SensingProblem p = grid(3600).withGoalFor(1, 7200);
    LegRouter eastClosed = new LegRouter() {
      @Override
      public Leg route(double x1, double y1, double x2, double y2) {
        return LegRouter.straight().route(x1, y1, x2, y2);
      }

      @Override
      public boolean forbidden(double x, double y) {
        return x > 500;
      }
    };
    var plans = PlanGenerator.generate(p, fleet(2, 16), ENERGY, eastClosed, 5);
    for (var ps : plans) {
      for (CandidatePlan c : ps) {
        for (int i = 0; i < c.nonZeros(); i++) {
          int cell = c.indexAt(i) / p.slots();
          assertTrue(p.x(cell) < 500, "sensed a forbidden cell " + cell);
        }
      }
    }
  }

  @Test
  void shortWindowStillGivesFlyablePlans() {
    SensingProblem p = grid(300).withGoalFor(2, 300);
    var plans = PlanGenerator.generate(p, fleet(1, 16), ENERGY, LegRouter.straight(), 9);
    long flying = plans.get(0).stream().filter(c -> c.flights() > 0).count();
    assertTrue(flying >= 12, "most plans fly within a 300 s window, got " + flying);
  }

  /**
   * The plans are flown as planned: every hover stop of every generated plan, flown by {@link
   * FlightTimeline} at the fleet's altitude (climb over the base, the legs, descent, swap), starts
   * and ends when the plan says, the flight uses the plan's energy and lands within the window. The
   * flown start of each stop is worked out here from the route's waypoints alone (distance / ground
   * speed, holds for their holdS or until their untilS), and checked against the timeline's own state. Before the generator counted the
   * climb, every stop started 100 / 6.94 = 14.4 s late (more after each swap) and each sortie used
   * 2 x 14.4 s of flight power more than its plan.
   */
  @Test
  void generatedPlansAreFlownByTheTimelineAsPlanned() {
    SensingProblem p = grid(3600);
    Fleet f = new Fleet(2, DroneModel.defaults(), 6, 120, 0, 6, 2, 1000, 100);
    p = p.withGoalFor(2, PlanGenerator.fleetHoverCapacityS(f, ENERGY, 3600));
    double speed = ENERGY.drone().groundSpeedMps();
    int stops = 0;
    int sorties = 0;
    for (List<CandidatePlan> plans : PlanGenerator.generate(p, f, ENERGY, LegRouter.straight(), 21)) {
      for (CandidatePlan c : plans) {
        double bx = p.bx(c.base());
        double by = p.by(c.base());
        FlightTimeline tl = FlightTimeline.of(c, bx, by, f.altitudeM(), f.batterySwapS(), 0, ENERGY);
        List<LocalWaypoint> route = FlightTimeline.route(c, bx, by, f.altitudeM(), f.batterySwapS(), 0, ENERGY);
        List<double[]> flown = new ArrayList<>(); // {start, duration} of each hover hold, in order
        double t = 0;
        double x = bx;
        double y = by;
        double z = 0;
        for (LocalWaypoint w : route) {
          t += Math.sqrt(Math.pow(w.xM() - x, 2) + Math.pow(w.yM() - y, 2) + Math.pow(w.altitudeM() - z, 2))
              / speed;
          // a waypoint is held holdS after arriving, and at least until untilS after the flight's start (0)
          double holdS = Math.max(w.holdS(), w.untilS() - t);
          if (w.cell() >= 0) {
            flown.add(new double[] {t, holdS});
          }
          t += holdS;
          x = w.xM();
          y = w.yM();
          z = w.altitudeM();
        }
        int i = 0;
        for (CandidatePlan.Sortie s : c.sorties()) {
          sorties++;
          for (CandidatePlan.Stop stop : s.stops()) {
            double[] hold = flown.get(i++);
            String where = "drone " + c.drone() + " plan " + c.index() + " stop at cell " + stop.cell()
                + ": planned start " + stop.startS() + " s, flown " + hold[0] + " s";
            if (stops++ == 0) {
              System.out.println(where);
            }
            assertEquals(stop.startS(), hold[0], 1e-6, where);
            assertEquals(stop.durationS(), hold[1], 1e-9, where);
            FlightState in = tl.stateAt(stop.startS() + 1e-3);
            assertEquals(FlightPhase.HOVERING, in.phase(), where);
            assertEquals(stop.cell(), in.cell(), where);
            assertEquals(f.altitudeM(), in.altitudeM(), 1e-9, where);
          }
        }
        assertEquals(flown.size(), i, "every hold is a stop of the plan");
        assertEquals(c.energyJ(), tl.totalEnergyJ(), 1e-9 * c.energyJ(), "drone " + c.drone() + " plan "
            + c.index() + ": the plan's energy is the flight's");
        if (c.flights() > 0) {
          assertTrue(tl.endS() - f.batterySwapS() <= 3600 + 1e-6,
              "drone " + c.drone() + " plan " + c.index() + " lands at " + (tl.endS() - f.batterySwapS()));
        }
      }
    }
    assertTrue(stops > 50 && sorties > 12, stops + " stops in " + sorties + " sorties");
  }
}
