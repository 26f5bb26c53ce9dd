package org.swarmsense.gateway.trace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Set;
import org.swarmsense.gateway.wire.Channel;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.Payloads;
import org.swarmsense.gateway.wire.Telemetry;
import org.swarmsense.gateway.wire.Topic;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.maps.geo.LocalProjection;
import org.swarmsense.maps.traffic.GpxReader;
import org.swarmsense.maps.traffic.PneumaCsvReader;
import org.swarmsense.maps.traffic.SumoFcdReader;
import org.swarmsense.maps.traffic.Trajectory;

/**
 * A vehicle trace (SUMO FCD {@code .xml}, pNEUMA-style {@code .csv}, GPX {@code .gpx}; each also
 * {@code .gz}) as device streams to replay: every vehicle becomes a device of the chosen kind whose id
 * is the vehicle id (characters outside {@code [A-Za-z0-9_-]} become {@code _}, cut to 64; a clash
 * gets {@code -2}, {@code -3}, ...). Each device publishes, in time order across all vehicles:
 * retained {@code online} on its status topic at its first sample, one validated {@link Telemetry}
 * per sample on its telemetry topic (QoS 0) stamped with the sample time, and retained {@code offline}
 * 1 ms after its last sample.
 *
 * <p>Times: {@code t_ms = round(t_s * 1000) + offsetMs}, where {@code t_s} is the source's time (SUMO
 * and pNEUMA: seconds from the simulation or recording start; GPX: seconds since the Unix epoch).
 * Telemetry fields: {@code speed_m_s} and {@code heading_deg} from the segment leading to the sample
 * (the first sample uses the segment after it; speed capped at 150 m/s, the wire's limit; heading kept
 * when standing still), {@code alt_m} the given altitude, {@code battery_percent} 100, {@code state}
 * {@code moving} or {@code stopped} (below 0.5 m/s). The whole trace is read into memory first
 * (15,196 samples of the shared Monaco trace take a few MB). Not thread-safe.
 */
public final class VehicleStreams implements TraceSource {
  private static final double STOPPED_MPS = 0.5;

  /** The vehicle trace formats, by file name. */
  public enum Format {
    SUMO_FCD("sumo-fcd", ".xml"),
    PNEUMA_CSV("pneuma-csv", ".csv"),
    GPX("gpx", ".gpx");

    private final String label;
    private final String extension;

    Format(String label, String extension) {
      this.label = label;
      this.extension = extension;
    }

    /** The format of a file name (a trailing {@code .gz} is ignored), or null when none fits. */
    public static Format of(Path file) {
      String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
      if (n.endsWith(".gz")) {
        n = n.substring(0, n.length() - 3);
      }
      for (Format f : values()) {
        if (n.endsWith(f.extension)) {
          return f;
        }
      }
      return null;
    }

    List<Trajectory> read(Path file) {
      return switch (this) {
        case SUMO_FCD -> SumoFcdReader.read(file);
        case PNEUMA_CSV -> PneumaCsvReader.read(file);
        case GPX -> GpxReader.read(file);
      };
    }
  }

  private record Vehicle(DeviceId device, Trajectory path) {}

  /** The next thing one vehicle publishes; step -1 is online, size() is offline. */
  private record Due(long tMs, long seq, int vehicle, int step) {}

  private final TraceHeader header;
  private final List<Vehicle> vehicles;
  private final long offsetMs;
  private final double altM;
  private final PriorityQueue<Due> queue = new PriorityQueue<>(
      (a, b) -> a.tMs != b.tMs ? Long.compare(a.tMs, b.tMs) : Long.compare(a.seq, b.seq));
  private final double[] headingDeg;
  private final long firstMs;
  private final long lastMs;
  private long seq;
  private long nowMs;
  private long produced;

  private VehicleStreams(TraceHeader header, List<Vehicle> vehicles, long offsetMs, double altM) {
    this.header = header;
    this.vehicles = vehicles;
    this.offsetMs = offsetMs;
    this.altM = altM;
    this.headingDeg = new double[vehicles.size()];
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int i = 0; i < vehicles.size(); i++) {
      Trajectory p = vehicles.get(i).path();
      long t = timeMs(p.tS(0));
      first = Math.min(first, t);
      last = Math.max(last, timeMs(p.tS(p.size() - 1)) + 1);
      queue.add(new Due(t, seq++, i, -1));
    }
    this.firstMs = vehicles.isEmpty() ? 0 : first;
    this.lastMs = vehicles.isEmpty() ? 0 : last;
    this.nowMs = firstMs;
  }

  /**
   * Reads a vehicle trace.
   *
   * @param fleet the fleet the devices join
   * @param kind {@link DeviceKind#SENSOR} or {@link DeviceKind#DRONE}
   * @param offsetMs added to every source time to give {@code t_ms}
   * @param altM altitude reported, m (-500..20000)
   */
  public static VehicleStreams open(Path file, String fleet, DeviceKind kind, long offsetMs, double altM) {
    Format format = Format.of(file);
    if (format == null) {
      throw new IllegalArgumentException("vehicle trace must end in .xml (SUMO FCD), .csv (pNEUMA) or"
          + " .gpx, optionally .gz, was '" + file + "'");
    }
    Topic.requireName("fleet", fleet);
    if (kind != DeviceKind.SENSOR && kind != DeviceKind.DRONE) {
      throw new IllegalArgumentException("kind must be sensor or drone, was " + kind);
    }
    if (!(altM >= -500 && altM <= 20_000)) {
      throw new IllegalArgumentException("alt_m must be -500..20000, was " + altM);
    }
    List<Trajectory> paths = format.read(file);
    if (paths.isEmpty()) {
      throw new IllegalArgumentException(file + ": no vehicles in the trace");
    }
    Set<String> used = new HashSet<>();
    List<Vehicle> vehicles = new ArrayList<>();
    for (Trajectory p : paths) {
      vehicles.add(new Vehicle(new DeviceId(fleet, kind, uniqueId(p.vehicleId(), used)), p));
    }
    long first = Math.round(paths.stream().mapToDouble(p -> p.tS(0)).min().orElse(0) * 1000) + offsetMs;
    if (first < 0) {
      throw new IllegalArgumentException("offset-ms " + offsetMs + " makes the first t_ms negative (" + first + ")");
    }
    TraceHeader h = TraceHeader.of(fleet, format.label + ":" + file.getFileName(), "", null, first);
    return new VehicleStreams(h, vehicles, offsetMs, altM);
  }

  /** A device id from a vehicle id (see the class comment). */
  static String uniqueId(String vehicleId, Set<String> used) {
    String base = vehicleId.replaceAll("[^A-Za-z0-9_-]", "_");
    if (base.length() > 60) {
      base = base.substring(0, 60);
    }
    String id = base;
    for (int n = 2; !used.add(id); n++) {
      id = base + "-" + n;
    }
    return id;
  }

  /** Devices, one per vehicle, in the source's order. */
  public List<DeviceId> devices() {
    return vehicles.stream().map(Vehicle::device).toList();
  }

  @Override
  public TraceHeader header() {
    return header;
  }

  @Override
  public TraceMessage next() {
    Due d = queue.poll();
    if (d == null) {
      return null;
    }
    nowMs = d.tMs;
    produced++;
    Vehicle v = vehicles.get(d.vehicle);
    Trajectory p = v.path();
    if (d.step == -1) {
      queue.add(new Due(timeMs(p.tS(0)), seq++, d.vehicle, 0));
      return TraceMessage.of(d.tMs, v.device().topic(Channel.STATUS).toString(), 1, true, Payloads.status(true));
    }
    if (d.step == p.size()) {
      return TraceMessage.of(d.tMs, v.device().topic(Channel.STATUS).toString(), 1, true, Payloads.status(false));
    }
    int i = d.step;
    queue.add(i + 1 < p.size()
        ? new Due(timeMs(p.tS(i + 1)), seq++, d.vehicle, i + 1)
        : new Due(timeMs(p.tS(i)) + 1, seq++, d.vehicle, p.size()));
    return TraceMessage.of(d.tMs, v.device().topic(Channel.TELEMETRY).toString(), 0, false,
        Payloads.toJson(telemetry(d.vehicle, p, i, d.tMs)));
  }

  private Telemetry telemetry(int vehicle, Trajectory p, int i, long tMs) {
    double speed = 0;
    if (p.size() > 1) {
      int a = i == 0 ? 0 : i - 1;
      int b = a + 1;
      double dt = p.tS(b) - p.tS(a);
      Coordinate step = LocalProjection.centredOn(p.lonDeg(a), p.latDeg(a)).toLocal(p.lonDeg(b), p.latDeg(b));
      double xM = step.x; // east
      double yM = step.y; // north
      double distM = Math.hypot(xM, yM);
      speed = Math.min(150, distM / dt);
      if (speed >= STOPPED_MPS) {
        double h = Math.toDegrees(Math.atan2(xM, yM));
        h = h < 0 ? h + 360 : h;
        headingDeg[vehicle] = h >= 360 ? 0 : h;
      }
    }
    return new Telemetry(1, tMs, p.latDeg(i), p.lonDeg(i), altM, speed, headingDeg[vehicle], 100,
        speed >= STOPPED_MPS ? "moving" : "stopped");
  }

  private long timeMs(double tS) {
    return Math.round(tS * 1000) + offsetMs;
  }

  @Override
  public String position() {
    double span = Math.max(1, lastMs - firstMs);
    return String.format(Locale.ROOT, "trace time %.1f of %.1f s (%.0f %%), %,d messages",
        (nowMs - firstMs) / 1000.0, (lastMs - firstMs) / 1000.0, 100.0 * (nowMs - firstMs) / span, produced);
  }

  @Override
  public void close() {
    queue.clear();
  }
}
