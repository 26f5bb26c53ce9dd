package org.swarmsense.maps.camera;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.swarmsense.maps.geo.LocalProjection;
import org.swarmsense.maps.traffic.GpxReader;
import org.swarmsense.maps.traffic.PneumaCsvReader;
import org.swarmsense.maps.traffic.SumoFcdReader;
import org.swarmsense.maps.traffic.Trajectory;

/**
 * A traffic trace projected once into a scene's local metres: positions linearly interpolated at
 * any t, heading and speed from the motion between the surrounding samples (a stopped vehicle keeps
 * the heading of its last move). SUMO reports a vehicle's front bumper; traces read with {@link
 * #load} from SUMO FCD are moved back by half the vehicle's length so that poses are footprint
 * centres, like pNEUMA's and GPX's. Immutable and thread-safe.
 */
public final class TrafficTrace implements TrafficSource {

  private static final double MIN_MOVE_M = 0.05;

  private final List<Track> tracks;
  private final double startS;
  private final double endS;
  private final Envelope boundsM;

  private TrafficTrace(List<Track> tracks) {
    this.tracks = List.copyOf(tracks);
    double s = Double.POSITIVE_INFINITY;
    double e = Double.NEGATIVE_INFINITY;
    for (Track t : tracks) {
      s = Math.min(s, t.t[0]);
      e = Math.max(e, t.t[t.t.length - 1]);
    }
    this.startS = tracks.isEmpty() ? 0 : s;
    this.endS = tracks.isEmpty() ? 0 : e;
    this.boundsM = new Envelope();
    for (Track t : tracks) {
      for (int i = 0; i < t.x.length; i++) {
        boundsM.expandToInclude(t.x[i], t.y[i]);
      }
    }
  }

  /** Extent of every sample, local metres (null envelope when empty). */
  public Envelope boundsM() {
    return new Envelope(boundsM);
  }

  /**
   * The trajectories projected with {@code projection}, positions taken as footprint centres; empty
   * trajectories are dropped.
   */
  public static TrafficTrace of(List<Trajectory> trajectories, LocalProjection projection) {
    return of(trajectories, projection, false);
  }

  /**
   * As {@link #of(List, LocalProjection)}; with {@code frontBumper} the positions are the vehicles'
   * front bumpers (SUMO's convention) and poses are moved back by half the class length.
   */
  public static TrafficTrace of(List<Trajectory> trajectories, LocalProjection projection, boolean frontBumper) {
    List<Track> tracks = new ArrayList<>();
    for (Trajectory tr : trajectories) {
      int n = tr.size();
      if (n == 0) {
        continue;
      }
      double[] x = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        Coordinate c = projection.toLocal(tr.lonDeg(i), tr.latDeg(i));
        x[i] = c.x;
        y[i] = c.y;
      }
      VehicleClass cls = VehicleClass.of(tr.vehicleType());
      tracks.add(new Track(tr.vehicleId(), cls, tr.tS(), x, y, frontBumper ? cls.lengthM() / 2 : 0));
    }
    return new TrafficTrace(tracks);
  }

  /**
   * Reads a trace file the product reads: {@code .gpx} (GPX), {@code .csv}/{@code .csv.gz} (pNEUMA),
   * anything else as SUMO FCD XML (plain or gzip); IAE naming the file when it cannot be read.
   */
  public static TrafficTrace load(Path file, LocalProjection projection) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".gpx") || name.endsWith(".gpx.gz")) {
      return of(GpxReader.read(file), projection, false);
    } else if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
      return of(PneumaCsvReader.read(file), projection, false);
    }
    return of(SumoFcdReader.read(file), projection, true);
  }

  /** Earliest sample time, seconds (0 when empty). */
  public double startS() {
    return startS;
  }

  /** Latest sample time, seconds (0 when empty). */
  public double endS() {
    return endS;
  }

  /** Number of vehicle tracks. */
  public int vehicleCount() {
    return tracks.size();
  }

  @Override
  public List<VehiclePose> posesAt(double tS) {
    List<VehiclePose> out = new ArrayList<>();
    for (Track tr : tracks) {
      VehiclePose p = tr.at(tS);
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  private record Track(String id, VehicleClass cls, double[] t, double[] x, double[] y, double backM) {

    VehiclePose at(double tS) {
      int n = t.length;
      if (tS < t[0] || tS > t[n - 1]) {
        return null;
      }
      if (n == 1) {
        return new VehiclePose(id, cls, x[0], y[0] - backM, 0, 0);
      }
      int j = java.util.Arrays.binarySearch(t, tS);
      if (j < 0) {
        j = -j - 2;
      }
      j = Math.min(j, n - 2);
      double f = (tS - t[j]) / (t[j + 1] - t[j]);
      double px = x[j] + f * (x[j + 1] - x[j]);
      double py = y[j] + f * (y[j + 1] - y[j]);
      double dx = x[j + 1] - x[j];
      double dy = y[j + 1] - y[j];
      double move = Math.hypot(dx, dy);
      double speed = move / (t[j + 1] - t[j]);
      if (move < MIN_MOVE_M) {
        speed = 0;
        int k = moveAround(j);
        if (k >= 0) {
          dx = x[k + 1] - x[k];
          dy = y[k + 1] - y[k];
        }
      }
      double heading = Math.toDegrees(Math.atan2(dx, dy));
      if (heading < 0) {
        heading += 360;
      }
      double a = Math.toRadians(heading);
      return new VehiclePose(id, cls, px - backM * Math.sin(a), py - backM * Math.cos(a), heading, speed);
    }

    /** The nearest segment (before j first, then after) along which the vehicle moved, or -1. */
    private int moveAround(int j) {
      for (int k = j - 1; k >= 0; k--) {
        if (Math.hypot(x[k + 1] - x[k], y[k + 1] - y[k]) >= MIN_MOVE_M) {
          return k;
        }
      }
      for (int k = j + 1; k < t.length - 1; k++) {
        if (Math.hypot(x[k + 1] - x[k], y[k + 1] - y[k]) >= MIN_MOVE_M) {
          return k;
        }
      }
      return -1;
    }
  }
}
