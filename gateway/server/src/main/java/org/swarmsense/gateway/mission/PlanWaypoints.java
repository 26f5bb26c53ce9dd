package org.swarmsense.gateway.mission;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.agents.drone.FlightPlan;
import org.swarmsense.epos.sensing.energy.EnergyModel;
import org.swarmsense.epos.sensing.plans.CandidatePlan;
import org.swarmsense.gateway.simulator.WaypointFlight;
import org.swarmsense.gateway.wire.Waypoint;
import org.swarmsense.maps.geo.LocalProjection;

/**
 * A selected sensing plan as the waypoint list a drone flies (the {@code plan} command): per sortie,
 * wait on the ground at the base until its take-off time, climb, follow the routed path holding at
 * each hover stop for its duration, come back, land and hold for the battery swap. Stateless.
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
    List<Waypoint> out = new ArrayList<>();
    List<Waypoint> timeline = new ArrayList<>();
    if (plan.sorties().isEmpty()) {
      return out;
    }
    double[] first = plan.sorties().get(0).path().get(0);
    Coordinate start = projection.toWgs84(first[0], first[1]);
    Waypoint origin = new Waypoint(start.y, start.x, 0, 0);
    for (CandidatePlan.Sortie sortie : plan.sorties()) {
      List<double[]> path = sortie.path();
      double[] base = path.get(0);
      double elapsedS = new WaypointFlight(origin, timeline, energy).durationS();
      double waitS = Math.max(0, sortie.takeOffS() - elapsedS);
      add(out, timeline, projection, base, 0, waitS);
      add(out, timeline, projection, base, altitudeM, 0);
      int stop = 0;
      for (int i = 1; i < path.size(); i++) {
        double[] v = path.get(i);
        double holdS = 0;
        while (stop < sortie.stops().size() && near(sortie.stops().get(stop), v)) {
          holdS += sortie.stops().get(stop).durationS();
          stop++;
        }
        add(out, timeline, projection, v, altitudeM, holdS);
      }
      if (stop < sortie.stops().size()) {
        throw new IllegalStateException(
            "plan " + plan.index() + " of drone " + plan.drone() + ": hover stop " + stop
                + " is not on its sortie's path");
      }
      double[] end = path.get(path.size() - 1);
      add(out, timeline, projection, end, 0, swapS);
    }
    return out;
  }

  private static boolean near(CandidatePlan.Stop s, double[] v) {
    return Math.hypot(s.xM() - v[0], s.yM() - v[1]) <= FlightPlan.SAME_POINT_M;
  }

  private static void add(
      List<Waypoint> out,
      List<Waypoint> timeline,
      LocalProjection projection,
      double[] xy,
      double altM,
      double holdS) {
    Coordinate c = projection.toWgs84(xy[0], xy[1]);
    out.add(new Waypoint(c.y, c.x, altM, holdS));
    timeline.add(new Waypoint(c.y, c.x, altM, holdS));
  }
}
