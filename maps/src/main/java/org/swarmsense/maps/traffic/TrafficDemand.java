package org.swarmsense.maps.traffic;

import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
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
    Counter counter = counter(projection, grid, startS, slotS, slots);
    trajectories.forEach(counter);
    return counter.vehicleSeconds();
  }

  /** Receives the vehicle-seconds of {@link #forEachVehicleSecond}, one call each. */
  @FunctionalInterface
  public interface VehicleSecondSink {
    /**
     * One vehicle-second.
     *
     * @param vehicleId the trajectory's vehicle
     * @param tS the whole second, in the trajectories' time base
     * @param cell the grid cell holding the vehicle at that second
     * @param slot the slot of that second
     */
    void accept(String vehicleId, long tS, int cell, int slot);
  }

  /**
   * The vehicle-seconds of one trajectory, by the rule of {@link #vehicleSeconds} (the one place it
   * is written): resampled at 1 Hz, each sample at whole second t in {@code [startS, startS + slots
   * x slotS)} that lies in a cell of {@code grid} is one vehicle-second of that cell and slot.
   */
  public static void forEachVehicleSecond(Trajectory raw, LocalProjection projection, SensingGrid grid,
      long startS, long slotS, int slots, VehicleSecondSink sink) {
    Trajectory t = raw.at1Hz();
    long endS = startS + slotS * slots;
    for (int i = 0; i < t.size(); i++) {
      double s = t.tS(i);
      if (s < startS || s >= endS) {
        continue;
      }
      int slot = (int) Math.floorDiv((long) s - startS, slotS);
      Coordinate local = projection.toLocal(t.lonDeg(i), t.latDeg(i));
      OptionalInt cell = grid.cellAt(local.x, local.y);
      if (cell.isPresent()) {
        sink.accept(t.vehicleId(), (long) s, cell.getAsInt(), slot);
      }
    }
  }

  /**
   * A counter to feed trajectories one at a time (e.g. {@code SumoFcdReader.forEach(file, counter)}),
   * with the same rule and index order as {@link #vehicleSeconds}.
   */
  public static Counter counter(LocalProjection projection, SensingGrid grid, long startS, long slotS, int slots) {
    return new Counter(projection, grid, startS, slotS, slots);
  }

  /**
   * Accumulates vehicle-seconds per (cell, slot) from trajectories fed one at a time. Not
   * thread-safe: feed it from one thread.
   */
  public static final class Counter implements Consumer<Trajectory> {
    private final LocalProjection projection;
    private final SensingGrid grid;
    private final long startS;
    private final long slotS;
    private final int slots;
    private final double[] counts;

    private Counter(LocalProjection projection, SensingGrid grid, long startS, long slotS, int slots) {
      if (projection == null || grid == null) {
        throw new IllegalArgumentException("projection and grid must not be null");
      }
      if (slotS <= 0) {
        throw new IllegalArgumentException("slotS must be > 0, got: " + slotS);
      }
      if (slots <= 0) {
        throw new IllegalArgumentException("slots must be > 0, got: " + slots);
      }
      if ((long) grid.size() * slots > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("cells x slots = " + (long) grid.size() * slots + " is too large");
      }
      this.projection = projection;
      this.grid = grid;
      this.startS = startS;
      this.slotS = slotS;
      this.slots = slots;
      this.counts = new double[grid.size() * slots];
    }

    /** Adds one trajectory's vehicle-seconds. */
    @Override
    public void accept(Trajectory raw) {
      forEachVehicleSecond(raw, projection, grid, startS, slotS, slots,
          (vehicleId, tS, cell, slot) -> counts[cell * slots + slot] += 1.0);
    }

    /** A copy of the counts so far, index {@code cell * slots + slot}. */
    public double[] vehicleSeconds() {
      return counts.clone();
    }
  }
}
