package org.swarmsense.gateway.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates {@code shared/data} (maps, traces, missions) by walking up from the working directory. */
public final class SharedData {
  private SharedData() {}

  /** A file under shared/data, which must exist. */
  public static Path file(String relative) {
    Path start = Path.of("").toAbsolutePath();
    for (Path p = start; p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("data").resolve(relative);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("shared/data/" + relative + " not found above " + start);
  }
}
