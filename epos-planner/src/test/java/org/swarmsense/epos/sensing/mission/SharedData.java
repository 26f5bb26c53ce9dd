package org.swarmsense.epos.sensing.mission;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds /work/shared/data by walking up from the working directory; fails clearly if absent. */
public final class SharedData {

  private SharedData() {}

  /** The {@code shared/data} directory. */
  public static Path dir() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      Path c = p.resolve("shared").resolve("data");
      if (Files.isDirectory(c)) {
        return c;
      }
      p = p.getParent();
    }
    throw new IllegalStateException(
        "shared/data not found above " + Path.of("").toAbsolutePath()
            + ": the sensing tests need /work/shared/data (missions, traces)");
  }

  /** A file under shared/data. */
  public static Path file(String relative) {
    Path f = dir().resolve(relative);
    if (!Files.isReadable(f)) {
      throw new IllegalStateException("test data missing: " + f);
    }
    return f;
  }
}
