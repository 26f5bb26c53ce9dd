package org.swarmsense.gateway.mission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.epos.sensing.energy.DroneModel;
import org.swarmsense.epos.sensing.energy.EnergyModel;
import org.swarmsense.epos.sensing.plans.CandidatePlan;
import org.swarmsense.gateway.wire.Waypoint;
import org.swarmsense.maps.geo.LocalProjection;

class PlanWaypointsTest {
  private static final EnergyModel ENERGY = EnergyModel.of(DroneModel.defaults());
  private static final LocalProjection FRAME = LocalProjection.centredOn(8.54, 47.37);

  @Test
  void theRestOfAFlightInTheAirGoesOnFromWhereItIsAndLandsAtItsBase() {
    // a re-plan at mission time 70 s keeps the rest of a sortie in the air: hover at (300, 0) from 100 s for
    // 20 s, then home to its base at (-50, 20)
    CandidatePlan.Sortie rest = new CandidatePlan.Sortie(List.of(new double[] {300, 0}, new double[] {-50, 20}),
        List.of(new CandidatePlan.Stop(1, 300, 0, 100, 20)), 10, 1000, true);
    CandidatePlan plan = new CandidatePlan(0, 0, 0, new int[] {3}, new double[] {20}, 1000, 0.01, List.of(rest));

    List<Waypoint> w = PlanWaypoints.of(plan, FRAME, 50, 100, ENERGY, 70);

    Coordinate stop = FRAME.toWgs84(300, 0);
    Coordinate base = FRAME.toWgs84(-50, 20);
    assertEquals(List.of(
        new Waypoint(stop.y, stop.x, 50, 30), // in the air at once: wait there for the stop's start
        new Waypoint(stop.y, stop.x, 50, 20),
        new Waypoint(base.y, base.x, 50, 0),
        new Waypoint(base.y, base.x, 0, 100)), w, "no take-off from the base, the landing at the path's end");
  }
}
