package org.swarmsense.gateway.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.epos.sensing.plans.SensingProblem;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.maps.camera.CameraSettings;
import org.swarmsense.maps.geo.LocalProjection;
import org.swarmsense.maps.traffic.TrafficDemand;

/**
 * Which observations of traffic a fleet's flying mission takes, and where they fall: a device's
 * count (telemetry {@code observed.vehicles}) at its reported position becomes a count on the
 * mission cell whose square (side {@code cellSizeM}, centred on the cell) holds that position.
 * Bounded and counted: at most one observation per device per {@link #MIN_INTERVAL} is looked at
 * (the rest are {@code throttled}); of those, a position in no mission cell is {@code
 * outsideMission}, the others are {@code accepted}. A count also says how much of the area the
 * forecast counts it covers ({@link #cellShare}: a sensor the whole cell, a drone its camera footprint;
 * the forecast counts whole cells, or for a camera mission the camera's footprint over each cell's
 * centre), so the mission compares it with the forecast for that much area. Plain Java; thread-safe (the MQTT callback threads call {@link #cellFor}).
 */
final class MissionTraffic {
  /** The shortest interval between two observations of one device that are both taken. */
  static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  /** The most devices remembered for the interval check (a fleet's devices are bounded far lower). */
  static final int MAX_DEVICES = 100_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LocalProjection projection;
  private final double[] cellX;
  private final double[] cellY;
  private final double halfM;
  private final double cellSizeM;
  private final double forecastAreaM2;
  private final CameraSettings camera;
  private final long minIntervalNanos;
  private final Map<String, Long> lastTakenNanos = new ConcurrentHashMap<>();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder throttled = new LongAdder();
  private final LongAdder outside = new LongAdder();

  /**
   * @param projection the mission's local frame
   * @param problem the mission's cells (centres in local metres)
   * @param cellSizeM the side of a cell, > 0
   * @param minInterval the shortest interval between taken observations of one device, >= 0
   * @param camera the fleet's drone camera (maps {@code swarmsense.maps.camera}): its field of view and
   *     image shape give a drone's footprint, its altitude is used for a drone that reports none above 0
   * @param forecastView the footprint over each cell's centre the mission's forecast counts (a camera
   *     mission, epos-planner {@code MissionPlanner.demandView}); empty: whole cells
   */
  MissionTraffic(LocalProjection projection, SensingProblem problem, double cellSizeM, Duration minInterval,
      CameraSettings camera, java.util.Optional<TrafficDemand.Footprint> forecastView) {
    if (projection == null || problem == null || !(cellSizeM > 0) || !Double.isFinite(cellSizeM)
        || minInterval == null || minInterval.isNegative() || camera == null || forecastView == null) {
      throw new IllegalArgumentException("mission traffic: need a projection, a problem, cellSizeM > 0, an interval"
          + " >= 0, a camera and a forecast view, were " + projection + ", " + problem + ", " + cellSizeM + ", "
          + minInterval + ", " + camera + ", " + forecastView);
    }
    this.cellSizeM = cellSizeM;
    this.forecastAreaM2 = forecastView.map(f -> inCellM2(f.widthM(), f.heightM())).orElse(cellSizeM * cellSizeM);
    this.camera = camera;
    this.projection = projection;
    this.cellX = problem.cellX();
    this.cellY = problem.cellY();
    this.halfM = cellSizeM / 2;
    this.minIntervalNanos = minInterval.toNanos();
  }

  /**
   * The mission cell a device's observation at ({@code latDeg}, {@code lonDeg}) counts for, or empty
   * when it is not taken (too soon after the device's last taken one, or outside every cell); counted
   * either way. {@code nowNanos} is the gateway's clock (never the device's).
   */
  OptionalInt cellFor(String device, double latDeg, double lonDeg, long nowNanos) {
    Long last = lastTakenNanos.get(device);
    if (last != null && nowNanos - last < minIntervalNanos) {
      throttled.increment();
      return OptionalInt.empty();
    }
    if (lastTakenNanos.size() < MAX_DEVICES || last != null) {
      lastTakenNanos.put(device, nowNanos); // before the cell search: a flood outside costs no search either
    }
    Coordinate local = projection.toLocal(lonDeg, latDeg);
    int best = -1;
    double bestD = Double.POSITIVE_INFINITY;
    for (int i = 0; i < cellX.length; i++) {
      double dx = Math.abs(local.x - cellX[i]);
      double dy = Math.abs(local.y - cellY[i]);
      if (dx <= halfM && dy <= halfM && dx + dy < bestD) {
        best = i;
        bestD = dx + dy;
      }
    }
    if (best < 0) {
      outside.increment();
      return OptionalInt.empty();
    }
    accepted.increment();
    return OptionalInt.of(best);
  }

  /**
   * The area a count of a device of {@code kind} at {@code altM} covers, over the area of its cell the
   * forecast counts (&gt; 0; above 1 when the count covers more than the forecast does). A sensor's count
   * is of the whole cell. A drone's count is of its nadir camera's footprint (ground width x height at
   * {@code altM}; the fleet camera's altitude when {@code altM} is not above 0), centred on the cell's
   * centre where the plans hover and clipped to the cell. The forecast counts the whole cell, or for a
   * camera mission the footprint at the mission's altitude, clipped the same way; vehicles are taken to
   * spread evenly over a cell. E.g. 60 degrees at 100 m over a 200 m whole-cell forecast: 115.5 m x
   * 115.5 m, 1/3; the same drone on a camera mission flown at 100 m: 1; a sensor there: 3.
   */
  double cellShare(DeviceKind kind, double altM) {
    if (kind != DeviceKind.DRONE) {
      return cellSizeM * cellSizeM / forecastAreaM2;
    }
    CameraSettings at = altM > 0 && Double.isFinite(altM) ? camera.withAltitudeM(altM) : camera;
    return inCellM2(at.groundWidthM(), at.groundHeightM()) / forecastAreaM2;
  }

  /** The area of a widthM x heightM rectangle centred on a cell's centre that lies in the cell. */
  private double inCellM2(double widthM, double heightM) {
    return Math.min(widthM, cellSizeM) * Math.min(heightM, cellSizeM);
  }

  /** The counts: {@code {"accepted":..,"throttled":..,"outsideMission":..}}. */
  ObjectNode counts() {
    ObjectNode n = JSON.createObjectNode();
    n.put("accepted", accepted.sum());
    n.put("throttled", throttled.sum());
    n.put("outsideMission", outside.sum());
    return n;
  }
}
