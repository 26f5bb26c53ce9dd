package org.swarmsense.epos.sensing;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.swarmsense.epos.sensing.mission.Mission;
import org.swarmsense.maps.MapsSettings;
import org.swarmsense.maps.geo.LocalProjection;
import org.swarmsense.maps.grid.SensingGrid;
import org.swarmsense.maps.traffic.TrafficDemand;
import org.swarmsense.maps.traffic.Trajectory;

/**
 * An area mission's traffic as the planner counts it: the local projection centred on the area, the
 * grid of {@code cellSizeM} cells over it, the trajectories of the demand source, and the counting
 * window in whole seconds (the demand's vehicle-seconds are {@code TrafficDemand}'s count of these
 * trajectories on this grid in {@code view}, slot 0 starting at {@code startS}). The detection loop
 * reads the same object, so the vehicles it looks for are exactly the planner's. Immutable.
 *
 * @param projection the mission's local metric frame
 * @param grid the sensing cells, local metres
 * @param trajectories WGS84 trajectories of the demand source
 * @param startS start of slot 0, whole seconds of the trace's clock
 * @param slotS slot length, whole seconds (&gt;= 1)
 * @param slots number of slots
 * @param frontBumper whether the trajectories' positions are the vehicles' front bumpers (SUMO's
 *     convention, a SUMO demand source): a camera drawing them moves them back by half the vehicle's
 *     length (maps {@code TrafficTrace.of(..., frontBumper)}, the one correction); the demand counts
 *     the positions as given
 * @param view the footprint over each cell's centre the planner's demand is counted in (a camera
 *     mission, {@code demand.view: camera}); empty: whole cells
 */
public record AreaTraffic(LocalProjection projection, SensingGrid grid, List<Trajectory> trajectories,
    long startS, long slotS, int slots, boolean frontBumper, Optional<TrafficDemand.Footprint> view) {

  /** Validates the fields. */
  public AreaTraffic {
    if (projection == null || grid == null || trajectories == null || view == null) {
      throw new IllegalArgumentException("projection, grid, trajectories and view must not be null");
    }
    if (slotS < 1) {
      throw new IllegalArgumentException("slotS must be >= 1, got: " + slotS);
    }
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be >= 1, got: " + slots);
    }
    trajectories = List.copyOf(trajectories);
  }

  /** The planner's demand of these trajectories, index {@code cell * slots + slot} ({@code TrafficDemand}). */
  public double[] demandVehicleSeconds() {
    return TrafficDemand.vehicleSeconds(trajectories, projection, grid, startS, slotS, slots, view);
  }

  /** End of the counting window (exclusive), whole seconds of the trace's clock. */
  public long endS() {
    return startS + slotS * slots;
  }

  /**
   * Reads an area mission's traffic (the same reading the planner does).
   *
   * @throws IllegalArgumentException for a mission without an area
   */
  public static AreaTraffic of(Mission mission, MapsSettings maps, Consumer<String> progress) {
    return AreaDemand.traffic(mission, maps, progress);
  }
}
