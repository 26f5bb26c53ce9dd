package org.swarmsense.edge.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Python script shipped as a classpath resource beside the class that runs it: copied into a work
 * folder and run with Debian's interpreter ({@link #PYTHON}), its standard output returned. The one
 * place edge-inference starts such a script for the ONNX graph tools (stage splitting, layer
 * listing). Standard error goes to a file beside the script, so a chatty script cannot block on a
 * full pipe, and is quoted in the error when the script fails. Stateless; thread-safe for distinct
 * work folders.
 */
public final class BundledScript {

  /** Debian's interpreter: python3-onnx and python3-opencv are installed for it, not for a virtualenv's. */
  public static final String PYTHON = "/usr/bin/python3";

  private BundledScript() {}

  /**
   * Copies the resource {@code name} (beside {@code anchor}) into {@code workDir} and runs it with
   * {@code args}.
   *
   * @param what what the run does, for errors ("splitting model.onnx")
   * @param needs the Debian packages the script imports, for errors ("python3-onnx")
   * @param timeout the longest the script may run
   * @return what the script printed on standard output
   * @throws IllegalStateException if it cannot be started, runs longer than {@code timeout} or exits
   *     with a non-zero code (its standard output and error quoted)
   */
  public static String run(Class<?> anchor, String name, Path workDir, String what, String needs, Duration timeout,
      String... args) {
    try {
      Files.createDirectories(workDir);
      Path script = workDir.resolve(name);
      try (InputStream in = anchor.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("script resource missing: " + name + " beside " + anchor.getName());
        }
        Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
      }
      Path err = workDir.resolve(name + ".err");
      List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
      command.addAll(List.of(args));
      Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(what + " took longer than " + timeout + "; killed");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(what + " failed (needs " + PYTHON + " with " + needs + "): " + out
            + Files.readString(err, StandardCharsets.UTF_8));
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(what + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + what, e);
    }
  }
}
