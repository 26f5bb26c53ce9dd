package org.swarmsense.gateway.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsense.gateway.tenancy.FleetRegistry;

/**
 * The zero-setup broker: HiveMQ Community Edition embedded in this JVM, listening on loopback only,
 * anonymous usage statistics off. Its configuration lives in a temporary folder removed on
 * {@link #close()}; so does its data, unless it was given a persistent data folder ({@link
 * #startPersistent}: sessions, retained messages and queued QoS 1 messages kept on disk across
 * restarts, e.g. in {@code serve}'s data directory). Not thread-safe for concurrent start/close; {@link #url()} is.
 */
public final class EmbeddedBroker implements MqttBroker {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

  private final int port;
  private final int tlsPort;
  private final Path home;
  private final EmbeddedHiveMQ hivemq;

  private EmbeddedBroker(int port, int tlsPort, Path home, EmbeddedHiveMQ hivemq) {
    this.port = port;
    this.tlsPort = tlsPort;
    this.home = home;
    this.hivemq = hivemq;
  }

  /** Starts a broker on a free loopback port with in-memory persistence. */
  public static EmbeddedBroker start() {
    return start(0, false);
  }

  /**
   * Starts a broker.
   *
   * @param port the TCP port on 127.0.0.1, or 0 for a free one
   * @param filePersistence keep sessions and queued messages on disk (in the temporary folder)
   */
  public static EmbeddedBroker start(int port, boolean filePersistence) {
    return start(port, filePersistence, null);
  }

  /**
   * Starts a broker with tenancy: clients must log in with an account of {@code registry} and may
   * only publish and subscribe under their fleet's subtree ({@link FleetAuthExtension}). A null
   * registry means anonymous access, as {@link #start(int, boolean)}.
   */
  public static EmbeddedBroker start(int port, boolean filePersistence, FleetRegistry registry) {
    return start(port, filePersistence, registry, BrokerLimits.defaults());
  }

  /** As {@link #start(int, boolean, FleetRegistry)} with other per-fleet limits. */
  public static EmbeddedBroker start(int port, boolean filePersistence, FleetRegistry registry, BrokerLimits limits) {
    return start(port, filePersistence, registry, limits, null, 0);
  }

  /**
   * As {@link #start(int, boolean, FleetRegistry, BrokerLimits)} with a second listener speaking MQTT
   * over TLS ({@link #tlsUrl()}) with {@code tls}'s certificate and key.
   *
   * @param tls the server certificate and key, or null for no TLS listener
   * @param tlsPort its port on 127.0.0.1, or 0 for a free one
   */
  public static EmbeddedBroker start(int port, boolean filePersistence, FleetRegistry registry, BrokerLimits limits,
      TlsMaterial tls, int tlsPort) {
    return start(port, filePersistence, null, registry, limits, tls, tlsPort);
  }

  /**
   * As {@link #start(int, boolean, FleetRegistry, BrokerLimits, TlsMaterial, int)} with file
   * persistence in {@code dataFolder}, which is kept on {@link #close()}: a broker started later on
   * the same folder has the same sessions (subscriptions, queued QoS 1 messages) and retained
   * messages. One broker per folder at a time (the caller's lock).
   */
  public static EmbeddedBroker startPersistent(int port, Path dataFolder, FleetRegistry registry, BrokerLimits limits,
      TlsMaterial tls, int tlsPort) {
    if (dataFolder == null) {
      throw new IllegalArgumentException("dataFolder must not be null");
    }
    return start(port, true, dataFolder, registry, limits, tls, tlsPort);
  }

  private static EmbeddedBroker start(int port, boolean filePersistence, Path dataFolder, FleetRegistry registry,
      BrokerLimits limits, TlsMaterial tls, int tlsPort) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    int chosen = port == 0 ? FreePorts.pick() : port;
    int chosenTls = 0;
    Path home;
    try {
      home = Files.createTempDirectory("swarmsense-hivemq-");
      Path conf = Files.createDirectories(home.resolve("conf"));
      Files.createDirectories(dataFolder != null ? dataFolder : home.resolve("data"));
      Files.createDirectories(home.resolve("extensions"));
      String tlsListener = "";
      if (tls != null) {
        chosenTls = tlsPort == 0 ? FreePorts.pick() : tlsPort;
        Path keystore = conf.resolve("tls.p12");
        String pw = tls.writeKeyStore(keystore);
        tlsListener = """
                <tls-tcp-listener>
                  <port>%d</port>
                  <bind-address>127.0.0.1</bind-address>
                  <tls>
                    <keystore>
                      <path>%s</path>
                      <password>%s</password>
                      <private-key-password>%s</private-key-password>
                    </keystore>
                  </tls>
                </tls-tcp-listener>
            """.formatted(chosenTls, keystore.toAbsolutePath(), pw, pw);
      }
      Files.writeString(conf.resolve("config.xml"),
          configXml(chosen, filePersistence).replace("</listeners>", tlsListener + "  </listeners>"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the embedded broker's folder", e);
    }
    var builder =
        EmbeddedHiveMQ.builder()
            .withConfigurationFolder(home.resolve("conf"))
            .withDataFolder(dataFolder != null ? dataFolder : home.resolve("data"))
            .withExtensionsFolder(home.resolve("extensions"))
            .withoutLoggingBootstrap();
    if (registry != null) {
      builder = builder.withEmbeddedExtension(FleetAuthExtension.embedded(registry, limits));
    }
    EmbeddedHiveMQ hivemq = builder.build();
    try {
      hivemq.start().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the embedded broker", e);
    } catch (ExecutionException | TimeoutException e) {
      deleteQuietly(home);
      throw new IllegalStateException(
          "embedded HiveMQ broker did not start on 127.0.0.1:" + chosen + ": " + e, e);
    }
    log.info("embedded HiveMQ CE broker listening on tcp://127.0.0.1:{}", chosen);
    return new EmbeddedBroker(chosen, chosenTls, home, hivemq);
  }

  static String configXml(int port, boolean filePersistence) {
    return """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
            <tcp-listener>
              <port>%d</port>
              <bind-address>127.0.0.1</bind-address>
            </tcp-listener>
          </listeners>
          <anonymous-usage-statistics>
            <enabled>false</enabled>
          </anonymous-usage-statistics>
          <persistence>
            <mode>%s</mode>
          </persistence>
        </hivemq>
        """
        .formatted(port, filePersistence ? "file" : "in-memory");
  }

  @Override
  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  /** The MQTT-over-TLS URL, {@code ssl://127.0.0.1:PORT}, or null without a TLS listener. */
  public String tlsUrl() {
    return tlsPort == 0 ? null : "ssl://127.0.0.1:" + tlsPort;
  }

  @Override
  public String kind() {
    return "embedded-hivemq";
  }

  /** The port the broker listens on. */
  public int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      hivemq.stop().get(30, TimeUnit.SECONDS);
      hivemq.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("embedded broker did not stop cleanly: {}", e.toString());
    } finally {
      deleteQuietly(home);
    }
  }

  /** Removes a directory tree, as far as it can (also used by benches for their temporary data directories). */
  public static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.debug("could not remove {}: {}", dir, e.toString());
    }
  }
}
