package org.swarmsense.gateway.mission;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.epos.sensing.energy.EnergyModel;
import org.swarmsense.epos.sensing.flight.FlightTimeline;
import org.swarmsense.epos.sensing.flight.LocalWaypoint;
import org.swarmsense.epos.sensing.plans.CandidatePlan;
import org.swarmsense.gateway.wire.Waypoint;
import org.swarmsense.maps.geo.LocalProjection;

/**
 * A selected sensing plan as the waypoint list a drone flies (the {@code plan} command): epos-planner's
 * {@link FlightTimeline#route} (per sortie: wait on the ground at the base until its take-off time,
 * climb, follow the routed path holding at each hover stop until its planned end, come back, land and
 * hold for the battery swap; a re-planned flight already in the air goes on from where the drone is)
 * from the plan's base, taken back to WGS84 by the mission's {@link LocalProjection}. The planned
 * times go out as the waypoints' {@code until_s}, counted from the mission time the plan is sent at,
 * so a drone that gets somewhere late (the flight from wherever it is to a re-planned first stop)
 * holds only what is left of the planned hover. Stateless.
 */
public final class PlanWaypoints {
  private PlanWaypoints() {}

  /**
   * @param projection the mission's local frame (plans are in local metres)
   * @param altitudeM cruise and sensing altitude above take-off
   * @param swapS battery swap time on the ground after each sortie
   * @param energy the drone's energy model (its ground speed times the legs)
   */
  public static List<Waypoint> of(
      CandidatePlan plan, LocalProjection projection, double altitudeM, double swapS, EnergyModel energy) {
    return of(plan, projection, altitudeM, swapS, energy, 0);
  }

  /**
   * The same, for a drone that gets the plan at mission time {@code startS} (a re-planned rest of a
   * mission): take-offs and the ends of stops are sent as times counted from {@code startS}.
   */
  public static List<Waypoint> of(CandidatePlan plan, LocalProjection projection, double altitudeM, double swapS,
      EnergyModel energy, double startS) {
    if (plan.sorties().isEmpty()) {
      return List.of();
    }
    double[] base = base(plan);
    List<Waypoint> out = new ArrayList<>();
    for (LocalWaypoint w : FlightTimeline.route(plan, base[0], base[1], altitudeM, swapS, startS, energy)) {
      Coordinate c = projection.toWgs84(w.xM(), w.yM());
      out.add(new Waypoint(c.y, c.x, w.altitudeM(), w.holdS(), w.untilS()));
    }
    return out;
  }

  /**
   * Where the plan's drone takes off and lands: the start of its first sortie's path, or, when that
   * sortie is the rest of a flight already in the air, the end of its path (every planned sortie
   * flies back to its base).
   */
  private static double[] base(CandidatePlan plan) {
    CandidatePlan.Sortie first = plan.sorties().get(0);
    return first.airborne() ? first.path().get(first.path().size() - 1) : first.path().get(0);
  }
}
