package org.swarmsense.gateway.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.swarmsense.gateway.files.AtomicWrite;

/**
 * The city shipped inside the jar for {@code swarmsense demo}: Monaco's OpenStreetMap extract and a
 * SUMO trace on its streets (ODbL; see demo/README.md in the resources). Copied once into a cache
 * folder, since GraphHopper and the trace readers read files.
 *
 * @param osmFile the OSM extract
 * @param traceFile the SUMO FCD trace (geo coordinates)
 * @param cacheDir where road graphs are cached between runs
 */
public record DemoData(Path osmFile, Path traceFile, Path cacheDir) {
  public static final String ATTRIBUTION =
      "Map data (c) OpenStreetMap contributors, ODbL; traffic: SUMO random trips on it";

  /** Copies the shipped files into {@code cacheDir} (skipping ones already there with the same size). */
  public static DemoData extractTo(Path cacheDir) {
    try {
      Files.createDirectories(cacheDir);
      return new DemoData(
          copy("demo/monaco.osm.gz", cacheDir.resolve("monaco.osm.gz")),
          copy("demo/monaco-sumo-fcd-300s.xml.gz", cacheDir.resolve("monaco-sumo-fcd-300s.xml.gz")),
          cacheDir.resolve("graphs"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo data to " + cacheDir, e);
    }
  }

  private static Path copy(String resource, Path target) throws IOException {
    try (InputStream in = DemoData.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + resource + "; rebuild with ./mvnw install");
      }
      byte[] bytes = in.readAllBytes();
      if (!Files.isRegularFile(target) || Files.size(target) != bytes.length) {
        AtomicWrite.replace(target, bytes); // two runs sharing the cache never read a part file
      }
      return target;
    }
  }

  /** The default cache folder: {@code $XDG_CACHE_HOME/swarmsense} or {@code ~/.cache/swarmsense}. */
  public static Path defaultCacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("swarmsense").resolve("demo");
  }
}
