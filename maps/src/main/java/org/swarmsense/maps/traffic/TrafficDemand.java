package org.swarmsense.maps.traffic;

import java.util.List;
import java.util.Optional;
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
   * The ground a camera hovering over a cell's centre sees, as the demand counts it: an
   * axis-aligned rectangle of {@code widthM} (east-west) x {@code heightM} (north-south) centred on
   * the cell's centre ({@link SensingGrid.Cell#xM()}, {@link SensingGrid.Cell#yM()}). A vehicle-second
   * counts for its cell only when the sample lies within half the width east or west and half the
   * height north or south of that centre (edges included); the rectangle is clipped to the cell, so
   * each sample still counts at most once. The sizes come from the camera's own ground formula
   * ({@code CameraSettings.groundWidthM()} / {@code groundHeightM()}), not from here.
   *
   * @param widthM ground width seen, metres (&gt; 0, finite)
   * @param heightM ground height seen, metres (&gt; 0, finite)
   */
  public record Footprint(double widthM, double heightM) {
    /** Validates both sides; the message names the field and the value. */
    public Footprint {
      if (!(widthM > 0) || !Double.isFinite(widthM)) {
        throw new IllegalArgumentException("footprint widthM must be a positive finite number of metres, got: " + widthM);
      }
      if (!(heightM > 0) || !Double.isFinite(heightM)) {
        throw new IllegalArgumentException("footprint heightM must be a positive finite number of metres, got: "
            + heightM);
      }
    }

    /** Whether local point ({@code xM}, {@code yM}) is in this footprint over {@code cell}'s centre. */
    public boolean contains(SensingGrid.Cell cell, double xM, double yM) {
      return Math.abs(xM - cell.xM()) <= widthM / 2 && Math.abs(yM - cell.yM()) <= heightM / 2;
    }
  }

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
    return vehicleSeconds(trajectories, projection, grid, startS, slotS, slots, Optional.empty());
  }

  /**
   * As {@link #vehicleSeconds(List, LocalProjection, SensingGrid, long, long, int)}, counting in each
   * cell only the samples inside {@code footprint} over the cell's centre when one is given (empty:
   * the whole cell).
   */
  public static double[] vehicleSeconds(
      List<Trajectory> trajectories, LocalProjection projection, SensingGrid grid, long startS, long slotS,
      int slots, Optional<Footprint> footprint) {
    Counter counter = counter(projection, grid, startS, slotS, slots, footprint);
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
    forEachVehicleSecond(raw, projection, grid, startS, slotS, slots, Optional.empty(), sink);
  }

  /**
   * The same rule with an optional {@link Footprint}: a sample counts for the cell containing it
   * only if it also lies in the footprint over that cell's centre (empty: the whole cell).
   */
  public static void forEachVehicleSecond(Trajectory raw, LocalProjection projection, SensingGrid grid,
      long startS, long slotS, int slots, Optional<Footprint> footprint, VehicleSecondSink sink) {
    if (footprint == null) {
      throw new IllegalArgumentException("footprint must not be null (use Optional.empty() for whole cells)");
    }
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
      if (cell.isPresent()
          && (footprint.isEmpty() || footprint.get().contains(grid.cells().get(cell.getAsInt()), local.x, local.y))) {
        sink.accept(t.vehicleId(), (long) s, cell.getAsInt(), slot);
      }
    }
  }

  /**
   * A counter to feed trajectories one at a time (e.g. {@code SumoFcdReader.forEach(file, counter)}),
   * with the same rule and index order as {@link #vehicleSeconds}.
   */
  public static Counter counter(LocalProjection projection, SensingGrid grid, long startS, long slotS, int slots) {
    return counter(projection, grid, startS, slotS, slots, Optional.empty());
  }

  /** As {@link #counter(LocalProjection, SensingGrid, long, long, int)}, with an optional footprint. */
  public static Counter counter(LocalProjection projection, SensingGrid grid, long startS, long slotS, int slots,
      Optional<Footprint> footprint) {
    return new Counter(projection, grid, startS, slotS, slots, footprint);
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
    private final Optional<Footprint> footprint;

    private Counter(LocalProjection projection, SensingGrid grid, long startS, long slotS, int slots,
        Optional<Footprint> footprint) {
      if (projection == null || grid == null || footprint == null) {
        throw new IllegalArgumentException("projection, grid and footprint must not be null");
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
      this.footprint = footprint;
    }

    /** Adds one trajectory's vehicle-seconds. */
    @Override
    public void accept(Trajectory raw) {
      forEachVehicleSecond(raw, projection, grid, startS, slotS, slots, footprint,
          (vehicleId, tS, cell, slot) -> counts[cell * slots + slot] += 1.0);
    }

    /** A copy of the counts so far, index {@code cell * slots + slot}. */
    public double[] vehicleSeconds() {
      return counts.clone();
    }
  }
}
