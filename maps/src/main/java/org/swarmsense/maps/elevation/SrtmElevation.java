package org.swarmsense.maps.elevation;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Terrain elevation (metres above the EGM96 geoid) from SRTM tiles in one local directory.
 *
 * <p>Tiles are named for their south-west corner, e.g. {@code N42E001.hgt} (or {@code
 * N42E001.hgt.zip} holding it), and cover one degree; 1201 x 1201 (3 arc-second) and 3601 x 3601
 * (1 arc-second) samples of big-endian signed 16-bit metres, rows from north to south. Elevations
 * are interpolated bilinearly between the four surrounding samples; a void sample (-32768) next to
 * the point gives NaN. Tiles are read on first use and kept in memory (about 2.9 MB each at 3
 * arc-seconds). Thread-safe.
 */
public final class SrtmElevation {

  private static final short VOID = Short.MIN_VALUE;

  private final Path dir;
  private final Map<String, Tile> tiles = new ConcurrentHashMap<>();

  private record Tile(int size, short[] samples) {}

  private SrtmElevation(Path dir) {
    this.dir = dir;
  }

  /** Elevations from the tiles in {@code dir}, which must be a directory. */
  public static SrtmElevation fromDirectory(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("SRTM tile directory not found: " + dir);
    }
    return new SrtmElevation(dir);
  }

  /**
   * The elevation at a WGS84 point, metres; NaN if a neighbouring sample is a data void.
   *
   * @throws IllegalArgumentException if the point is out of range or its tile is not in the
   *     directory (naming the point and the tile file expected)
   */
  public double elevationM(double lonDeg, double latDeg) {
    if (!(latDeg >= -60 && latDeg <= 60)) {
      throw new IllegalArgumentException("latDeg must be in [-60, 60] (SRTM coverage), got: " + latDeg);
    }
    if (!(lonDeg >= -180 && lonDeg <= 180)) {
      throw new IllegalArgumentException("lonDeg must be in [-180, 180], got: " + lonDeg);
    }
    int lat0 = (int) Math.floor(latDeg);
    int lon0 = (int) Math.floor(lonDeg);
    if (lon0 == 180) {
      lon0 = 179;
    }
    String name = tileName(lon0, lat0);
    Tile tile = tiles.computeIfAbsent(name, n -> load(n, lonDeg, latDeg));
    int last = tile.size() - 1;
    double rowF = (lat0 + 1 - latDeg) * last;
    double colF = (lonDeg - lon0) * last;
    int r = Math.min((int) Math.floor(rowF), last - 1);
    int c = Math.min((int) Math.floor(colF), last - 1);
    double fr = rowF - r;
    double fc = colF - c;
    short s00 = tile.samples()[r * tile.size() + c];
    short s01 = tile.samples()[r * tile.size() + c + 1];
    short s10 = tile.samples()[(r + 1) * tile.size() + c];
    short s11 = tile.samples()[(r + 1) * tile.size() + c + 1];
    if (s00 == VOID || s01 == VOID || s10 == VOID || s11 == VOID) {
      return Double.NaN;
    }
    return (1 - fr) * ((1 - fc) * s00 + fc * s01) + fr * ((1 - fc) * s10 + fc * s11);
  }

  /** The tile name for a south-west corner, e.g. N42E001. */
  static String tileName(int lon0, int lat0) {
    return String.format(Locale.ROOT, "%s%02d%s%03d", lat0 < 0 ? "S" : "N", Math.abs(lat0), lon0 < 0 ? "W" : "E",
        Math.abs(lon0));
  }

  private Tile load(String name, double lonDeg, double latDeg) {
    Path hgt = dir.resolve(name + ".hgt");
    Path zip = dir.resolve(name + ".hgt.zip");
    try {
      if (Files.isRegularFile(hgt)) {
        try (InputStream in = Files.newInputStream(hgt)) {
          return parse(hgt.toString(), in, Files.size(hgt));
        }
      }
      if (Files.isRegularFile(zip)) {
        try (ZipFile z = new ZipFile(zip.toFile())) {
          ZipEntry entry = z.getEntry(name + ".hgt");
          if (entry == null) {
            throw new IllegalArgumentException(zip + " holds no " + name + ".hgt");
          }
          try (InputStream in = z.getInputStream(entry)) {
            return parse(zip + "!" + entry.getName(), in, entry.getSize());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read SRTM tile " + name + " in " + dir, e);
    }
    throw new IllegalArgumentException(String.format(Locale.ROOT,
        "no SRTM tile for (lon %.6f, lat %.6f): expected %s.hgt or %s.hgt.zip in %s", lonDeg, latDeg, name, name, dir));
  }

  private static Tile parse(String source, InputStream in, long length) throws IOException {
    int size;
    if (length == 1201L * 1201 * 2) {
      size = 1201;
    } else if (length == 3601L * 3601 * 2) {
      size = 3601;
    } else {
      throw new IllegalArgumentException(source + ": " + length
          + " bytes is not an SRTM tile (expected 2,884,802 for 3 arc-seconds or 25,934,402 for 1 arc-second)");
    }
    byte[] bytes = new byte[(int) length];
    try {
      new DataInputStream(in).readFully(bytes);
    } catch (java.io.EOFException e) {
      throw new IllegalArgumentException(source + ": truncated SRTM tile", e);
    }
    ShortBuffer sb = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).asShortBuffer();
    short[] samples = new short[size * size];
    sb.get(samples);
    return new Tile(size, samples);
  }
}
