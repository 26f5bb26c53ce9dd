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

/**
 * Which observations of traffic a fleet's flying mission takes, and where they fall: a device's
 * count (telemetry {@code observed.vehicles}) at its reported position becomes a count on the
 * mission cell whose square (side {@code cellSizeM}, centred on the cell) holds that position.
 * Bounded and counted: at most one observation per device per {@link #MIN_INTERVAL} is looked at
 * (the rest are {@code throttled}); of those, a position in no mission cell is {@code
 * outsideMission}, the others are {@code accepted}. A count also says how much of its cell it covers
 * ({@link #cellShare}: a sensor the whole cell, a drone its camera footprint), so the mission compares
 * it with the forecast for that much of the cell. Plain Java; thread-safe (the MQTT callback threads call {@link #cellFor}).
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
  private final double cellAreaM2;
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
   */
  MissionTraffic(LocalProjection projection, SensingProblem problem, double cellSizeM, Duration minInterval,
      CameraSettings camera) {
    if (projection == null || problem == null || !(cellSizeM > 0) || !Double.isFinite(cellSizeM)
        || minInterval == null || minInterval.isNegative() || camera == null) {
      throw new IllegalArgumentException("mission traffic: need a projection, a problem, cellSizeM > 0, an interval"
          + " >= 0 and a camera, were " + projection + ", " + problem + ", " + cellSizeM + ", " + minInterval + ", "
          + camera);
    }
    this.cellAreaM2 = cellSizeM * cellSizeM;
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
   * The share of its cell's area, in (0, 1], that a count of a device of {@code kind} at {@code altM}
   * covers. A sensor's count is of the whole cell: 1. A drone's count is of its nadir camera's
   * footprint (ground width x height at {@code altM}; the fleet camera's altitude when {@code altM}
   * is not above 0) over the cell's area, at most 1: the footprint is taken to lie inside the cell
   * (the plans hover a drone over a cell's centre) and the forecast to spread the cell's vehicles
   * evenly over it. E.g. 60 degrees at 100 m over a 200 m cell: 115.5 m x 115.5 m, 1/3.
   */
  double cellShare(DeviceKind kind, double altM) {
    if (kind != DeviceKind.DRONE) {
      return 1;
    }
    CameraSettings at = altM > 0 && Double.isFinite(altM) ? camera.withAltitudeM(altM) : camera;
    return Math.min(1, at.groundWidthM() * at.groundHeightM() / cellAreaM2);
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
