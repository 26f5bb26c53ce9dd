package org.swarmsense.agents.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates /work/shared/data by walking up from the working directory. */
public final class SharedData {
  private SharedData() {}

  /** The {@code shared/data} folder; fails with a clear message when absent. */
  public static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("data");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("cannot find shared/data above " + dir
        + " (expected ../../shared/data from the agents module directory)");
  }

  /** The gaussian EPOS dataset folder. */
  public static Path gaussian() {
    Path p = root().resolve("epos").resolve("gaussian");
    if (!Files.isDirectory(p)) {
      throw new IllegalStateException("missing EPOS gaussian dataset at " + p);
    }
    return p;
  }
}
