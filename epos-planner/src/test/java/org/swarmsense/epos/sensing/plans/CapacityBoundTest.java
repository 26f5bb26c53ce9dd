package org.swarmsense.epos.sensing.plans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.swarmsense.epos.sensing.energy.DroneModel;
import org.swarmsense.epos.sensing.energy.EnergyModel;
import org.swarmsense.epos.sensing.evaluation.SensingMetrics;
import org.swarmsense.epos.sensing.mission.Mission.Fleet;

class CapacityBoundTest {

  static final EnergyModel ENERGY = EnergyModel.of(DroneModel.defaults());

  static Fleet fleet(int drones, int k) {
    return new Fleet(drones, DroneModel.defaults(), k, 120, 0, 8, 2, 1000, 60);
  }

  /** One cell at the base, one slot of 300 s: the bound is what one drone can hover there. */
  @Test
  void oneCellAtTheBaseIsBoundByTheSlot() {
    SensingProblem p = SensingProblem.of(List.of(new double[] {0, 0}), new int[] {7}, 1, 300, 300,
        new double[] {1}, List.<double[]>of(new double[] {0, 0})).withGoalFor(2, 300);
    CapacityBound b = CapacityBound.of(p, fleet(1, 1), ENERGY, LegRouter.straight());
    assertEquals(600, b.requiredS(), 1e-9);
    assertEquals(300, b.coverableS(), 1e-9, "no travel, one drone, one 300 s slot");
    assertEquals(50, b.mismatchPercent(), 1e-9);
  }

  /** Two cells 694 m apart (100 s of flight), base at one of them: travel is subtracted. */
  @Test
  void travelBetweenCellsIsSubtracted() {
    SensingProblem p = SensingProblem.of(
        List.of(new double[] {0, 0}, new double[] {694, 0}), new int[] {1, 2}, 1, 300, 300,
        new double[] {1, 1}, List.<double[]>of(new double[] {0, 0})).withGoalFor(1, 300);
    CapacityBound b = CapacityBound.of(p, fleet(1, 1), ENERGY, LegRouter.straight());
    double tau = ENERGY.flightTimeS(694);
    // 150 s asked per cell: the first cell costs no travel, the second tau
    assertEquals(Math.min(300, 300 - tau), b.perSlotS(), 1e-9);
    assertEquals(300 - tau, b.coverableS(), 1e-9);
  }

  /** No selection of the generated plans, nor random ones, beats the bound (seed printed). */
  @Test
  void noSelectionBeatsTheBound() {
    long seed = 20261201;
    System.out.println("seed " + seed);
    Random rng = new Random(seed);
    SensingProblem p = PlanGeneratorTest.grid(3600);
    Fleet f = fleet(5, 8);
    p = p.withGoalFor(2, PlanGenerator.fleetHoverCapacityS(f, ENERGY, 3600));
    CapacityBound bound = CapacityBound.of(p, f, ENERGY, LegRouter.straight());
    var plans = PlanGenerator.generate(p, f, ENERGY, LegRouter.straight(), seed);
    for (int trial = 0; trial < 200; trial++) {
      int[] sel = new int[f.count()];
      for (int i = 0; i < sel.length; i++) {
        sel[i] = rng.nextInt(f.plansPerDrone());
      }
      double[] m = SensingMetrics.aggregate(plans, sel, p.dimension());
      double mismatch = 0;
      for (int i = 0; i < m.length; i++) {
        mismatch += Math.abs(m[i] - p.goalAt(i));
      }
      mismatch = 100 * mismatch / bound.requiredS();
      assertTrue(mismatch >= bound.mismatchPercent() - 1e-9,
          "selection " + java.util.Arrays.toString(sel) + ": " + mismatch + " < bound "
              + bound.mismatchPercent());
    }
    assertTrue(bound.mismatchPercent() >= 50 - 1e-9, "coverage target 2: at least 50 %");
  }

  @Test
  void waterLevelLeavesTheCoverableAboveIt() {
    SensingProblem p = PlanGeneratorTest.grid(3600).withGoalFor(2, 4 * 3600);
    CapacityBound b = CapacityBound.of(p, fleet(4, 1), ENERGY, LegRouter.straight());
    double theta = b.waterLevel(p);
    double above = 0;
    for (int i = 0; i < p.dimension(); i++) {
      above += Math.max(0, p.goalAt(i) - theta);
    }
    assertEquals(b.coverableS(), above, 1e-6 * b.coverableS());
  }
}
