package org.swarmsense.maps.traffic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads pNEUMA-style drone trajectory CSV (plain or gzip), one line at a time.
 *
 * <p>Accepted layout (the pNEUMA data set's): fields separated by {@code ;} with optional spaces;
 * an optional header line starting with {@code track_id}; then one line per vehicle:
 * {@code track_id; type; traveled_d; avg_speed;} followed by groups of six fields repeating to the
 * end of the line: {@code lat; lon; speed; lon_acc; lat_acc; time} (degrees, km/h, m/s^2, seconds).
 * A trailing empty field (line ending with {@code ;}) is allowed. Only track_id, type, lat, lon and time
 * are kept, with the type as {@link Trajectory#vehicleType()}; the vehicle id is the track_id. Times within a line must increase. Errors name the file,
 * line and field number (1-based). Stateless and thread-safe.
 */
public final class PneumaCsvReader {

  private PneumaCsvReader() {}

  /** The trajectories of every track in the file, in file order. */
  public static List<Trajectory> read(Path file) {
    List<Trajectory> out = new ArrayList<>();
    forEach(file, out::add);
    return out;
  }

  /**
   * Streams the file's trajectories to {@code sink}, one per line as it is read, so that a large
   * file is never held in memory. On an error the sink may already have received some.
   */
  public static void forEach(Path file, Consumer<Trajectory> sink) {
    TraceFiles.Opened opened = TraceFiles.open(file);
    Set<String> ids = new HashSet<>();
    int lineNo = 0;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(opened.stream(), StandardCharsets.UTF_8), 1 << 16)) {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNo++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || (lineNo == 1 && trimmed.startsWith("track_id"))) {
          continue;
        }
        Trajectory t = parseLine(trimmed, file, lineNo);
        if (!ids.add(t.vehicleId())) {
          throw new IllegalArgumentException(file + ": line " + lineNo + ": track_id " + t.vehicleId() + " appears twice");
        }
        sink.accept(t);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": truncated or corrupt trace after line " + lineNo
          + (opened.gzip() ? " (gzip, compressed byte offset " + opened.raw().count() + ")" : "")
          + ": " + e.getMessage(), e);
    }
  }

  private static Trajectory parseLine(String line, Path file, int lineNo) {
    String[] f = line.split(";", -1);
    int n = f.length;
    if (f[n - 1].isBlank()) {
      n--;
    }
    if (n < 4 + 6 || (n - 4) % 6 != 0) {
      throw new IllegalArgumentException(file + ": line " + lineNo + ": " + n
          + " fields; expected 4 + 6k (track_id; type; traveled_d; avg_speed; then lat; lon; speed;"
          + " lon_acc; lat_acc; time repeating)" + (n > 4 ? ": the line looks truncated" : ""));
    }
    String id = f[0].strip();
    if (id.isEmpty()) {
      throw new IllegalArgumentException(file + ": line " + lineNo + ": field 1 (track_id) is empty");
    }
    int samples = (n - 4) / 6;
    double[] t = new double[samples];
    double[] lon = new double[samples];
    double[] lat = new double[samples];
    for (int k = 0; k < samples; k++) {
      int base = 4 + 6 * k;
      lat[k] = number(f, base, "lat", file, lineNo);
      lon[k] = number(f, base + 1, "lon", file, lineNo);
      t[k] = number(f, base + 5, "time", file, lineNo);
      if (!(lat[k] >= -90 && lat[k] <= 90)) {
        throw new IllegalArgumentException(file + ": line " + lineNo + ": field " + (base + 1) + " (lat) = " + lat[k] + " outside [-90, 90]");
      }
      if (!(lon[k] >= -180 && lon[k] <= 180)) {
        throw new IllegalArgumentException(file + ": line " + lineNo + ": field " + (base + 2) + " (lon) = " + lon[k] + " outside [-180, 180]");
      }
      if (k > 0 && !(t[k] > t[k - 1])) {
        throw new IllegalArgumentException(file + ": line " + lineNo + ": field " + (base + 6) + " (time) = " + t[k]
            + " does not follow " + t[k - 1]);
      }
    }
    return new Trajectory(id, t, lon, lat, f[1].strip());
  }

  private static double number(String[] f, int index, String name, Path file, int lineNo) {
    String v = f[index].strip();
    try {
      double d = Double.parseDouble(v);
      if (!Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          file + ": line " + lineNo + ": field " + (index + 1) + " (" + name + ") \"" + v + "\" is not a number");
    }
  }
}
