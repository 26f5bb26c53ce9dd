package org.swarmsense.maps.traffic;

import java.util.List;
import java.util.OptionalInt;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.maps.geo.LocalProjection;
import org.swarmsense.maps.grid.SensingGrid;

/**
 * Vehicle-seconds per (cell, slot): the traffic demand behind a sensing goal. Stateless and
 * thread-safe.
 */
public final class TrafficDemand {

  private TrafficDemand() {}

  /**
   * Counts vehicle-seconds: every trajectory is resampled at 1 Hz ({@link Trajectory#at1Hz()}) and
   * each sample at whole second t adds one vehicle-second to the cell containing it and to slot
   * {@code floor((t - startS) / slotS)}, if that slot is in {@code [0, slots)}. Samples outside every
   * cell or every slot are not counted.
   *
   * @param trajectories WGS84 trajectories, times in the same base as {@code startS}
   * @param projection projection of the grid
   * @param grid cells in local metres
   * @param startS start of slot 0, seconds
   * @param slotS slot length, seconds (> 0)
   * @param slots number of slots (> 0)
   * @return array of length {@code cells * slots}, cell-major: index {@code cell * slots + slot}
   */
  public static double[] vehicleSeconds(
      List<Trajectory> trajectories, LocalProjection projection, SensingGrid grid, long startS, long slotS,
      int slots) {
    if (slotS <= 0) {
      throw new IllegalArgumentException("slotS must be > 0, got: " + slotS);
    }
    if (slots <= 0) {
      throw new IllegalArgumentException("slots must be > 0, got: " + slots);
    }
    if ((long) grid.size() * slots > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("cells x slots = " + (long) grid.size() * slots + " is too large");
    }
    double[] out = new double[grid.size() * slots];
    long endS = startS + slotS * slots;
    for (Trajectory raw : trajectories) {
      Trajectory t = raw.at1Hz();
      for (int i = 0; i < t.size(); i++) {
        double s = t.tS(i);
        if (s < startS || s >= endS) {
          continue;
        }
        int slot = (int) Math.floorDiv((long) s - startS, slotS);
        Coordinate local = projection.toLocal(t.lonDeg(i), t.latDeg(i));
        OptionalInt cell = grid.cellAt(local.x, local.y);
        if (cell.isPresent()) {
          out[cell.getAsInt() * slots + slot] += 1.0;
        }
      }
    }
    return out;
  }
}
