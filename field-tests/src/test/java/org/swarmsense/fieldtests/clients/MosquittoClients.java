package org.swarmsense.fieldtests.clients;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Mosquitto command-line clients ({@code mosquitto_pub}, {@code mosquitto_sub}, Debian
 * package {@code mosquitto-clients}) as separate processes: clients we did not write, acting as
 * devices and operators in the field tests. Not thread-safe; one instance per test.
 */
public final class MosquittoClients {
  private final String host = "127.0.0.1";
  private final int port;

  /** Clients for the broker at {@code url} ({@code tcp://127.0.0.1:PORT}). */
  public MosquittoClients(String url) {
    this.port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
  }

  /** One message as printed by {@link Subscriber} (format {@link #FORMAT}). */
  public record Received(String topic, int qos, String responseTopic, byte[] payload, byte[] correlation) {
    /** The payload as UTF-8 text. */
    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  /** The output format of {@link #subscribe}: topic, QoS, response topic, payload (hex), correlation data (raw bytes). */
  static final String FORMAT = "~~MSG|%t|%q|%R|%x|%D~~END";

  /** A running {@code mosquitto_sub} whose output is collected in the background. */
  public final class Subscriber implements AutoCloseable {
    private final Process process;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Thread reader;

    private Subscriber(Process process) {
      this.process = process;
      this.reader = new Thread(() -> {
        byte[] buf = new byte[8192];
        try (InputStream in = process.getInputStream()) {
          int n;
          while ((n = in.read(buf)) > 0) {
            synchronized (out) {
              out.write(buf, 0, n);
            }
          }
        } catch (IOException e) {
          // process ended
        }
      }, "mosquitto_sub-reader");
      reader.setDaemon(true);
      reader.start();
    }

    /** Waits until the broker acknowledged the subscription (the debug line "received SUBACK"). */
    public void awaitSubscribed(long timeoutMs) throws InterruptedException {
      long end = System.currentTimeMillis() + timeoutMs;
      while (System.currentTimeMillis() < end) {
        if (raw().contains("received SUBACK")) {
          return;
        }
        Thread.sleep(20);
      }
      throw new IllegalStateException("mosquitto_sub got no SUBACK within " + timeoutMs + " ms: " + raw());
    }

    /** Everything printed so far, as text (debug lines included). */
    public String raw() {
      synchronized (out) {
        return out.toString(StandardCharsets.ISO_8859_1);
      }
    }

    /** The messages printed so far. */
    public List<Received> messages() {
      byte[] all;
      synchronized (out) {
        all = out.toByteArray();
      }
      String s = new String(all, StandardCharsets.ISO_8859_1); // one char per byte
      List<Received> got = new ArrayList<>();
      int from = 0;
      while (true) {
        int start = s.indexOf("~~MSG|", from);
        int end = start < 0 ? -1 : s.indexOf("~~END", start);
        if (end < 0) {
          return got;
        }
        String body = s.substring(start + 6, end);
        String[] f = body.split("\\|", 5);
        got.add(new Received(f[0], Integer.parseInt(f[1]), f[2].isEmpty() ? null : f[2], HexFormat.of().parseHex(f[3]),
            f[4].getBytes(StandardCharsets.ISO_8859_1)));
        from = end + 5;
      }
    }

    /** Waits until at least {@code n} messages were printed; returns them. */
    public List<Received> await(int n, long timeoutMs) throws InterruptedException {
      long end = System.currentTimeMillis() + timeoutMs;
      while (System.currentTimeMillis() < end) {
        List<Received> m = messages();
        if (m.size() >= n) {
          return m;
        }
        Thread.sleep(20);
      }
      throw new IllegalStateException("mosquitto_sub printed " + messages().size() + " of " + n
          + " messages within " + timeoutMs + " ms");
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
        reader.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Starts {@code mosquitto_sub -V mqttv5 -d -q qos -t filter -F FORMAT} with optional credentials
   * (null for anonymous) and extra arguments, line-buffered through {@code stdbuf -oL} (its output
   * is a pipe here, which the C library would otherwise buffer in blocks).
   */
  public Subscriber subscribe(String filter, int qos, String user, String password, String... extra) {
    List<String> cmd = new ArrayList<>(List.of("stdbuf", "-oL", "mosquitto_sub", "-h", host, "-p", Integer.toString(port),
        "-V", "mqttv5", "-d", "-q", Integer.toString(qos), "-t", filter, "-F", FORMAT));
    credentials(cmd, user, password);
    cmd.addAll(List.of(extra));
    try {
      return new Subscriber(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start mosquitto_sub (apt-get install mosquitto-clients)", e);
    }
  }

  /** What a finished {@code mosquitto_pub} did: its exit code and output. */
  public record Outcome(int exitCode, String output) {}

  /**
   * Runs {@code mosquitto_pub -V mqttv5 -d -q qos -t topic -m payload [extra...]} to the end. The
   * payload must be text without NUL.
   */
  public Outcome publish(String topic, String payload, int qos, String user, String password, String... extra) {
    List<String> cmd = new ArrayList<>(List.of("mosquitto_pub", "-h", host, "-p", Integer.toString(port),
        "-V", "mqttv5", "-d", "-q", Integer.toString(qos), "-t", topic, "-m", payload));
    credentials(cmd, user, password);
    cmd.addAll(List.of(extra));
    return run(cmd);
  }

  /**
   * Runs {@code mosquitto_pub} answering on {@code responseTopic} with binary {@code correlation}
   * data: a shell's {@code printf} turns the hex escapes into the bytes of {@code -D publish
   * correlation-data}. A command line cannot carry a NUL byte, and a command substitution drops
   * trailing newlines: for such data this throws (the caller must choose another transport).
   */
  public Outcome answer(String responseTopic, byte[] correlation, String payload) {
    for (int i = 0; i < correlation.length; i++) {
      if (correlation[i] == 0 || (i == correlation.length - 1 && correlation[i] == '\n')) {
        throw new IllegalArgumentException("correlation data " + HexFormat.of().formatHex(correlation)
            + " holds a byte a command line cannot carry (0x00, or a trailing 0x0a)");
      }
    }
    StringBuilder escaped = new StringBuilder();
    for (byte b : correlation) {
      escaped.append(String.format("\\x%02x", b & 0xff));
    }
    String script = "exec mosquitto_pub -h " + host + " -p " + port + " -V mqttv5 -d -q 1 -t \"$1\" -m \"$2\""
        + " -D publish correlation-data \"$(printf \"$3\")\"";
    return run(List.of("bash", "-c", script, "answer", responseTopic, payload, escaped.toString()));
  }

  private static void credentials(List<String> cmd, String user, String password) {
    if (user != null) {
      cmd.addAll(List.of("-u", user, "-P", password));
    }
  }

  private static Outcome run(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      byte[] output = p.getInputStream().readAllBytes();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + cmd);
      }
      return new Outcome(p.exitValue(), new String(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + cmd.get(0) + " (apt-get install mosquitto-clients)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
