package org.swarmsense.maps;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates {@code shared/data} (maps, traces, missions, EPOS datasets) by walking up from the working
 * directory; fails clearly if absent. Shared with every module's tests through the maps test-jar.
 */
public final class SharedData {

  private SharedData() {}

  /** The shared data directory. */
  public static Path dir() {
    Path start = Path.of("").toAbsolutePath();
    for (Path p = start; p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("data");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "shared/data not found in " + start + " or any parent directory; the maps tests need it");
  }

  /** A file under the shared data directory, which must exist. */
  public static Path file(String relative) {
    Path f = dir().resolve(relative);
    if (!Files.isRegularFile(f)) {
      throw new IllegalStateException("shared data file missing: " + f);
    }
    return f;
  }

  /** A folder under the shared data directory, which must exist. */
  public static Path folder(String relative) {
    Path f = dir().resolve(relative);
    if (!Files.isDirectory(f)) {
      throw new IllegalStateException("shared data folder missing: " + f);
    }
    return f;
  }
}
