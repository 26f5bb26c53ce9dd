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
        new Waypoint(stop.y, stop.x, 50, 0, 30), // in the air at once: wait there for the stop's start, 100 s
        new Waypoint(stop.y, stop.x, 50, 0, 50), // hover until the stop's planned end, 120 s
        new Waypoint(base.y, base.x, 50, 0),
        new Waypoint(base.y, base.x, 0, 100)), w, "no take-off from the base, the landing at the path's end");

    // flown by a simulated drone 250 m west of the stop when it takes the plan (36.0 s away): it gets there at
    // 106 s of mission time, 36 s after the plan's start, and hovers until the stop's planned end, 120 s (50 s)
    Coordinate there = FRAME.toWgs84(50, 0);
    org.swarmsense.gateway.simulator.WaypointFlight flown =
        new org.swarmsense.gateway.simulator.WaypointFlight(new Waypoint(there.y, there.x, 50, 0), w, ENERGY);
    double arriveS = 250 / ENERGY.drone().groundSpeedMps();
    assertEquals("flying", flown.stateAt(arriveS - 0.5, 0).state());
    assertEquals("hovering", flown.stateAt(arriveS + 0.5, 0).state());
    assertEquals("hovering", flown.stateAt(49.5, 0).state());
    assertEquals("flying", flown.stateAt(50.5, 0).state(), "leaves at the planned end, not 36 s later");
  }
}
