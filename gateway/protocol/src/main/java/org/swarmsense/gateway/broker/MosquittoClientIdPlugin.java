package org.swarmsense.gateway.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.swarmsense.gateway.files.AtomicWrite;

/**
 * The Mosquitto plugin that binds client ids to accounts (source: {@code
 * resources/mosquitto/swarmsense_clientid.c}), compiled on first use with the system C compiler
 * against the mosquitto-dev headers. Mosquitto 2.0 itself has no per-user client-id rule
 * ({@code clientid_prefixes} is one prefix for every client), so this is what enforces
 * {@link org.swarmsense.gateway.tenancy.Account#mayUseClientId} there; it also enforces the retained
 * limits of {@link BrokerLimits} (size, status topics only, distinct retained topics per fleet),
 * configured by {@link MosquittoBroker}. The library is cached by the
 * source's SHA-256 under the system temporary folder. Thread-safe (compilation is synchronized).
 */
public final class MosquittoClientIdPlugin {
  private static final String SOURCE = "/mosquitto/swarmsense_clientid.c";

  private MosquittoClientIdPlugin() {}

  /** The plugin's C source, as shipped. */
  public static byte[] source() {
    try (InputStream in = MosquittoClientIdPlugin.class.getResourceAsStream(SOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + SOURCE + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + SOURCE, e);
    }
  }

  /**
   * The compiled plugin, built now if not cached.
   *
   * @throws IllegalStateException naming the Debian packages when the compiler or headers are missing
   */
  public static synchronized Path library() {
    byte[] src = source();
    String hash;
    try {
      hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(src)).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "swarmsense-mosquitto-plugin-" + hash);
    Path lib = dir.resolve("swarmsense_clientid.so");
    if (Files.isRegularFile(lib)) {
      return lib;
    }
    try {
      Files.createDirectories(dir);
      Path c = dir.resolve("swarmsense_clientid.c");
      AtomicWrite.replace(c, src); // a second broker starting beside never compiles a part-written source
      Path out = dir.resolve("cc.log");
      AtomicWrite.replace(lib, tmp -> {
        Process p = new ProcessBuilder("cc", "-shared", "-fPIC", "-O2", "-o", tmp.toString(), c.toString())
            .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
          if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("cannot build the Mosquitto client-id plugin (install gcc and"
                + " mosquitto-dev): " + Files.readString(out).strip());
          }
        } catch (InterruptedException e) {
          p.destroyForcibly();
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while building the Mosquitto client-id plugin", e);
        }
      });
      return lib;
    } catch (IOException e) {
      throw new IllegalStateException("cannot build the Mosquitto client-id plugin (install gcc and"
          + " mosquitto-dev): " + e.getMessage(), e);
    }
  }
}
