package org.swarmsense.edge.runtime;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads what edge-inference ships on its classpath: models, model cards and their side files.
 * Stateless and thread-safe.
 */
public final class ModelResources {
  private ModelResources() {}

  /**
   * The bytes of the classpath resource {@code dir + file}.
   *
   * @param dir a folder from the classpath root, ending in {@code /} (e.g. {@code
   *     org/swarmsense/edge/stereo/learned-occupancy/})
   * @param file a file in it (may hold sub-folders)
   * @throws IllegalArgumentException when the resource is missing (the message names it)
   * @throws IllegalStateException when it cannot be read
   */
  public static byte[] bytes(String dir, String file) {
    String path = dir + file;
    try (InputStream in = ModelResources.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("resource missing: " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + path, e);
    }
  }
}
