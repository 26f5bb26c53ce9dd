package org.swarmsense.gateway.broker;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsense.gateway.tenancy.FleetRegistry;
import org.swarmsense.gateway.tenancy.MosquittoAuthFiles;
import org.swarmsense.gateway.wire.DeviceKind;

/**
 * A Mosquitto 2 process started by this JVM on a loopback port, with a generated configuration. It
 * can be killed and restarted on the same port (for fault tests); persistence is on, so QoS 1
 * messages for persistent sessions survive a restart. Not thread-safe.
 */
public final class MosquittoBroker implements MqttBroker {
  private static final Logger log = LoggerFactory.getLogger(MosquittoBroker.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

  private final Path executable;
  private final Path home;
  private final int port;
  private final FleetRegistry registry;
  private final BrokerLimits limits;
  private TlsMaterial tls;
  private int tlsPort;
  private Process process;

  private MosquittoBroker(Path executable, Path home, int port, FleetRegistry registry, BrokerLimits limits) {
    this.executable = executable;
    this.home = home;
    this.port = port;
    this.registry = registry;
    this.limits = limits;
  }

  /** Where the mosquitto binary is, if installed ({@code /usr/sbin/mosquitto} on Debian, or PATH). */
  public static Optional<Path> findExecutable() {
    String[] candidates = {"/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto"};
    for (String c : candidates) {
      if (Files.isExecutable(Path.of(c))) {
        return Optional.of(Path.of(c));
      }
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        Path p = Path.of(dir, "mosquitto");
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Starts mosquitto on a free loopback port with anonymous access and persistence in a temporary
   * folder.
   *
   * @throws IllegalStateException if mosquitto is not installed or does not start
   */
  public static MosquittoBroker start() {
    return start(null);
  }

  /**
   * Starts mosquitto with tenancy: no anonymous access, a password file and an ACL file generated
   * from {@code registry} (every fleet only under {@code swarmsense/{fleet}/#}). A null registry
   * means anonymous access, as {@link #start()}.
   */
  public static MosquittoBroker start(FleetRegistry registry) {
    return start(registry, null);
  }

  /**
   * As {@link #start(FleetRegistry)} with a second listener speaking MQTT over TLS ({@link
   * #tlsUrl()}, Mosquitto's {@code certfile}/{@code keyfile} from {@code tls}), or none when null.
   */
  public static MosquittoBroker start(FleetRegistry registry, TlsMaterial tls) {
    return start(registry, tls, BrokerLimits.defaults());
  }

  /**
   * As {@link #start(FleetRegistry, TlsMaterial)} with the given retained-message limits (passed to
   * the swarmsense plugin; they apply only with a registry) instead of reference.conf's.
   */
  public static MosquittoBroker start(FleetRegistry registry, TlsMaterial tls, BrokerLimits limits) {
    if (limits == null) {
      throw new IllegalArgumentException("limits must not be null");
    }
    Path exe =
        findExecutable()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "mosquitto is not installed: apt-get install -y mosquitto mosquitto-clients"));
    try {
      Path home = Files.createTempDirectory("swarmsense-mosquitto-");
      MosquittoBroker broker = new MosquittoBroker(exe, home, FreePorts.pick(), registry, limits);
      if (tls != null) {
        broker.tls = tls;
        broker.tlsPort = FreePorts.pick();
      }
      broker.writeConfig();
      broker.restart();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare mosquitto's folder", e);
    }
  }

  private void writeConfig() throws IOException {
    String auth = "allow_anonymous true";
    if (registry != null) {
      Path passwords = home.resolve("passwords");
      Path acl = home.resolve("acl");
      Files.writeString(passwords, MosquittoAuthFiles.passwordFile(registry));
      Files.writeString(acl, MosquittoAuthFiles.aclFile(registry));
      Path prefixes = home.resolve("clientid-prefixes");
      Files.writeString(prefixes, MosquittoAuthFiles.clientIdPrefixFile(registry));
      auth = String.join("\n",
          "allow_anonymous false",
          // client ids bound to accounts (no session takeover); the password file still decides
          "plugin " + MosquittoClientIdPlugin.library().toAbsolutePath(),
          "plugin_opt_prefix_file " + prefixes.toAbsolutePath(),
          "plugin_opt_max_retained_bytes " + limits.maxRetainedBytes(),
          "plugin_opt_max_retained_per_fleet " + limits.maxRetainedPerFleet(),
          // the plugin counts only retained statuses the acl_file will accept, so it needs the kinds
          "plugin_opt_device_kinds " + Arrays.stream(DeviceKind.values()).map(DeviceKind::level)
              .collect(Collectors.joining(" ")),
          "password_file " + passwords.toAbsolutePath(),
          "acl_file " + acl.toAbsolutePath());
    }
    String conf =
        String.join(
            "\n",
            "listener " + port + " 127.0.0.1",
            tls == null ? "" : String.join("\n",
                "listener " + tlsPort + " 127.0.0.1",
                "certfile " + tls.certFile().toAbsolutePath(),
                "keyfile " + tls.keyFile().toAbsolutePath()),
            // Started as root, mosquitto would switch to user 'mosquitto', which cannot write the
            // private temporary folder: persistence and the log would silently fail.
            "user " + System.getProperty("user.name"),
            auth,
            "persistence true",
            "persistence_location " + home.toAbsolutePath() + "/",
            "autosave_interval 1",
            "max_queued_messages 100000",
            "log_dest file " + home.resolve("mosquitto.log").toAbsolutePath(),
            "");
    Files.writeString(home.resolve("mosquitto.conf"), conf);
  }

  /** (Re)starts the process on the same port; a running one is killed first. */
  public void restart() {
    kill();
    try {
      process =
          new ProcessBuilder(
                  executable.toString(), "-c", home.resolve("mosquitto.conf").toString())
              .redirectErrorStream(true)
              .redirectOutput(home.resolve("stdout.log").toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + executable, e);
    }
    if (!FreePorts.awaitListening(port, START_TIMEOUT)) {
      String why = tail(home.resolve("stdout.log")) + tail(home.resolve("mosquitto.log"));
      kill();
      throw new IllegalStateException(
          "mosquitto did not listen on 127.0.0.1:" + port + " within " + START_TIMEOUT + ": " + why);
    }
    log.info("mosquitto (pid {}) listening on {}", process.pid(), url());
  }

  /** Kills the process at once (SIGKILL), as a crash would. */
  public void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** True while the mosquitto process runs. */
  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The folder that holds the configuration, logs and persistence files. */
  public Path home() {
    return home;
  }

  public int port() {
    return port;
  }

  @Override
  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  /** The MQTT-over-TLS URL, {@code ssl://127.0.0.1:PORT}, or null without a TLS listener. */
  public String tlsUrl() {
    return tls == null ? null : "ssl://127.0.0.1:" + tlsPort;
  }

  @Override
  public String kind() {
    return "mosquitto";
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String tail(Path file) {
    try {
      String s = Files.exists(file) ? Files.readString(file) : "";
      return s.length() > 800 ? s.substring(s.length() - 800) : s;
    } catch (IOException e) {
      return "";
    }
  }
}
