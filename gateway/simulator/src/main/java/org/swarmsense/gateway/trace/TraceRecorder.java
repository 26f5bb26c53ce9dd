package org.swarmsense.gateway.trace;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsense.gateway.mqtt.MqttLink;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.wire.Topic;

/**
 * Records every message of one fleet ({@code swarmsense/{fleet}/#}, QoS 1, retain-as-published) to
 * a trace file with its receive time ({@link TraceWriter}; gzip when the name ends in {@code .gz}).
 * Messages are written on the MQTT callback thread in arrival order; the file is flushed every
 * {@link #FLUSH_EVERY} so a killed recorder loses at most that much. The connection is an {@link
 * MqttLink} (reconnects and resubscribes after a loss; messages sent while it is away are missed).
 * Retained messages present when the recorder subscribes are recorded too, flagged retained.
 * Thread-safe.
 */
public final class TraceRecorder implements AutoCloseable {
  /** How often the file is flushed. */
  public static final Duration FLUSH_EVERY = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(TraceRecorder.class);

  private final TraceWriter writer;
  private final MqttLink link;
  private final LongSupplier clockMs;
  private final ScheduledExecutorService flusher;
  private final AtomicLong recorded = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile boolean closed;

  private TraceRecorder(TraceWriter writer, MqttLink link, LongSupplier clockMs) {
    this.writer = writer;
    this.link = link;
    this.clockMs = clockMs;
    this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "trace-flush");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Creates {@code out} with the header and starts recording {@code header.fleet()} over a link with
   * {@code settings}; receive times come from {@code clockMs} (ms since the epoch).
   */
  public static TraceRecorder start(
      MqttLinkSettings settings, Path out, TraceHeader header, LongSupplier clockMs) {
    if (settings == null || out == null || header == null || clockMs == null) {
      throw new IllegalArgumentException("settings, out, header and clockMs must not be null");
    }
    TraceWriter w = TraceWriter.create(out, header);
    MqttLink link = MqttLink.create(settings);
    TraceRecorder r = new TraceRecorder(w, link, clockMs);
    link.subscribe(Topic.fleetSubtree(header.fleet()), 1, r::onMessage, true);
    link.connect();
    long every = FLUSH_EVERY.toMillis();
    r.flusher.scheduleWithFixedDelay(r::flushQuietly, every, every, TimeUnit.MILLISECONDS);
    return r;
  }

  /** {@link #start(MqttLinkSettings, Path, TraceHeader, LongSupplier)} on the system clock. */
  public static TraceRecorder start(MqttLinkSettings settings, Path out, TraceHeader header) {
    return start(settings, out, header, System::currentTimeMillis);
  }

  /** Waits until connected and subscribed (true) or the timeout passes (false). */
  public boolean awaitSubscribed(Duration timeout) throws InterruptedException {
    return link.awaitConnected(timeout);
  }

  /** Messages written so far. */
  public long recorded() {
    return recorded.get();
  }

  /** Messages that could not be written (a full disk, a closed file). */
  public long failed() {
    return failed.get();
  }

  /** Uncompressed bytes written so far. */
  public long bytes() {
    return writer.bytes();
  }

  /** The MQTT link (connection state and counters). */
  public MqttLink link() {
    return link;
  }

  /** Stops listening, then finishes the file; later calls do nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    link.close();
    flusher.shutdownNow();
    writer.close();
  }

  private void onMessage(String topic, MqttMessage m) {
    if (closed) {
      return;
    }
    MqttProperties p = m.getProperties();
    String responseTopic = p == null ? null : p.getResponseTopic();
    byte[] correlation = p == null ? null : p.getCorrelationData();
    try {
      writer.write(new TraceMessage(clockMs.getAsLong(), topic, Math.min(1, m.getQos()), m.isRetained(),
          m.getPayload(), responseTopic, correlation));
      recorded.incrementAndGet();
    } catch (RuntimeException e) {
      if (failed.getAndIncrement() == 0) {
        log.error("trace recorder: cannot record a message on {}: {}", topic, e.toString());
      }
    }
  }

  private void flushQuietly() {
    try {
      writer.flush();
    } catch (RuntimeException e) {
      log.error("trace recorder: flush failed: {}", e.toString());
    }
  }
}
