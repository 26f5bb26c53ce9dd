package org.swarmsense.gateway.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Replaces a file whole or not at all: the new content is written to a temporary file in the target's
 * folder and moved over the target in one step, so a reader (another process, a second run sharing a cache)
 * sees the old file or the new one, never a part; a write that fails (disk full, an interrupted build)
 * leaves the old file and no temporary file behind. Stateless.
 */
public final class AtomicWrite {

  /** Writes the new content into the temporary file it is given. */
  @FunctionalInterface
  public interface Content {
    /** Writes into {@code tmp}, an empty file in the target's folder. */
    void writeTo(Path tmp) throws IOException;
  }

  private AtomicWrite() {}

  /**
   * Replaces (or creates) {@code target} with what {@code content} writes.
   *
   * @throws IOException when the target's folder is missing or the write or the move fails; the old file
   *     is then untouched
   */
  public static void replace(Path target, Content content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
    try {
      content.writeTo(tmp);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp); // gone after the move; after a failure, the part file
    }
  }

  /** Replaces (or creates) {@code target} with {@code bytes}. */
  public static void replace(Path target, byte[] bytes) throws IOException {
    replace(target, tmp -> Files.write(tmp, bytes));
  }
}
