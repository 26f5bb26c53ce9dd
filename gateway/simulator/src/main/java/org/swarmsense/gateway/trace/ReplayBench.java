package org.swarmsense.gateway.trace;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.swarmsense.gateway.mqtt.MqttLink;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.wire.Channel;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.Payloads;
import org.swarmsense.gateway.wire.Telemetry;

/**
 * How fast {@code trace replay --speed max} publishes, next to a plain Paho publisher sending the same
 * messages from memory on the same broker in the same run. A synthetic trace (each device: an online
 * status at QoS 1, not retained, then telemetry at QoS 0, about 190 bytes each) is written as gzip; each round runs the
 * plain publisher (fleet {@code bench-raw}: publish every message with at most the same number
 * outstanding as the replay sink, 1,000, then wait until the client has written them all) and the replay (fleet {@code bench-replay}: read and parse the file, pace at max
 * speed, publish through {@link MqttTraceSink}, drain). A subscriber counts what the broker delivered
 * in each phase. Rates are messages per second of wall time from the first publish until everything
 * is written. Not thread-safe; one run at a time.
 */
public final class ReplayBench {

  /**
   * The figures of one round.
   *
   * @param messages messages in the trace
   * @param rawS plain publisher seconds
   * @param replayS replay seconds
   * @param rawDelivered messages the subscriber received from the plain publisher
   * @param replayDelivered messages the subscriber received from the replay
   */
  public record Round(long messages, double rawS, double replayS, long rawDelivered, long replayDelivered) {
    /** Plain publisher messages per second. */
    public double rawRate() {
      return messages / rawS;
    }

    /** Replay messages per second. */
    public double replayRate() {
      return messages / replayS;
    }

    /** Replay rate over plain rate. */
    public double ratio() {
      return replayRate() / rawRate();
    }

    /** A table row. */
    public String row(int round) {
      return String.format(Locale.ROOT, "| %d | %,d | %,.0f | %,d | %,.0f | %,d | %.2f |", round, messages,
          rawRate(), rawDelivered, replayRate(), replayDelivered, ratio());
    }
  }

  /** The table header for {@link Round#row}. */
  public static final String HEADER =
      "| round | messages | plain Paho msgs/s | delivered | replay --speed max msgs/s | delivered | replay/plain |\n"
          + "|---|---|---|---|---|---|---|";

  /** Publishes outstanding at most, for both sides (the replay sink's window). */
  static final int WINDOW = 1000;

  private ReplayBench() {}

  /** Writes the synthetic trace: {@code devices} devices, {@code messages} messages in all, 10 ms apart per device. */
  public static List<TraceMessage> writeTrace(Path file, int devices, int messages) {
    if (devices < 1 || messages < devices) {
      throw new IllegalArgumentException("need devices >= 1 and messages >= devices, were " + devices + ", " + messages);
    }
    List<TraceMessage> all = new ArrayList<>(messages);
    long t0 = 1_763_900_000_000L;
    for (int d = 0; d < devices; d++) {
      DeviceId id = new DeviceId("bench", DeviceKind.DRONE, String.format(Locale.ROOT, "d%05d", d));
      // not retained: a later round's subscriber would receive it again and count it twice
      all.add(TraceMessage.of(t0, id.topic(Channel.STATUS).toString(), 1, false, Payloads.status(true)));
    }
    for (int i = devices; i < messages; i++) {
      int d = i % devices;
      long t = t0 + (i / devices) * 10L;
      DeviceId id = new DeviceId("bench", DeviceKind.DRONE, String.format(Locale.ROOT, "d%05d", d));
      Telemetry tel = new Telemetry(1, t, 47.3769 + d * 1e-4, 8.5417 + (i % 1000) * 1e-5, 50, 10, 90,
          100 - (i % 1000) * 0.01, "flying");
      all.add(TraceMessage.of(t, id.topic(Channel.TELEMETRY).toString(), 0, false, Payloads.toJson(tel)));
    }
    try (TraceWriter w = TraceWriter.create(file, TraceHeader.of("bench", "bench", "", null, t0))) {
      all.forEach(w::write);
    }
    return all;
  }

  /** One round: the plain publisher, then the replay of {@code file} (which holds {@code trace}). */
  public static Round round(String url, Path file, List<TraceMessage> trace) throws Exception {
    AtomicLong raw = new AtomicLong();
    AtomicLong replayed = new AtomicLong();
    try (MqttLink counter = MqttLink.create(
        MqttLinkSettings.defaults(url, "bench-count-" + System.nanoTime()).withCleanStart(true))) {
      counter.subscribe("swarmsense/bench-raw/#", 0, (t, m) -> raw.incrementAndGet());
      counter.subscribe("swarmsense/bench-replay/#", 0, (t, m) -> replayed.incrementAndGet());
      counter.connect();
      if (!counter.awaitConnected(Duration.ofSeconds(30))) {
        throw new IllegalStateException("cannot connect to " + url);
      }
      double rawS = plain(url, trace);
      settle(raw, trace.size());
      long t0 = System.nanoTime();
      try (TraceReader in = TraceReader.open(file);
          MqttTraceSink sink = MqttTraceSink.connect(url, "bench-replay-" + System.nanoTime(), "", "", WINDOW,
              Duration.ofSeconds(30))) {
        Replayer.replay(in, sink, Double.POSITIVE_INFINITY, "bench-replay", ReplayClock.system(), null);
      }
      double replayS = (System.nanoTime() - t0) / 1e9;
      settle(replayed, trace.size());
      return new Round(trace.size(), rawS, replayS, raw.get(), replayed.get());
    }
  }

  /** The baseline: a plain Paho client publishing prepared messages as fast as it takes them. */
  private static double plain(String url, List<TraceMessage> trace) throws Exception {
    List<String> topics = new ArrayList<>(trace.size());
    List<MqttMessage> msgs = new ArrayList<>(trace.size());
    for (TraceMessage m : trace) {
      TraceMessage r = m.withFleet("bench-raw");
      MqttMessage mm = new MqttMessage(r.payload());
      mm.setQos(r.qos());
      mm.setRetained(r.retained());
      topics.add(r.topic());
      msgs.add(mm);
    }
    MqttAsyncClient c = new MqttAsyncClient(url, "bench-raw-" + System.nanoTime(), new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    c.connect(o).waitForCompletion(30_000);
    try {
      ArrayDeque<IMqttToken> tokens = new ArrayDeque<>();
      long t0 = System.nanoTime();
      for (int i = 0; i < msgs.size(); i++) {
        while (true) {
          try {
            tokens.add(c.publish(topics.get(i), msgs.get(i)));
            break;
          } catch (MqttException e) {
            // Paho's own limits: in-flight QoS 1 (the broker's receive maximum) and 65,535 message ids
            // (QoS 0 messages hold one until written): wait for the oldest, as any publisher must
            boolean full = e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT
                || e.getReasonCode() == MqttClientException.REASON_CODE_NO_MESSAGE_IDS_AVAILABLE;
            if (!full) {
              throw e;
            }
            if (tokens.isEmpty()) {
              Thread.sleep(1); // acknowledged, but Paho has not freed the slot yet
            } else {
              tokens.poll().waitForCompletion(30_000);
            }
          }
        }
        while (tokens.size() > WINDOW) {
          tokens.poll().waitForCompletion(30_000);
        }
      }
      for (IMqttToken t : tokens) {
        t.waitForCompletion(30_000);
      }
      return (System.nanoTime() - t0) / 1e9;
    } finally {
      c.disconnect().waitForCompletion(5000);
      c.close();
    }
  }

  /** Waits until {@code count} reaches {@code n} or stops growing for half a second. */
  private static void settle(AtomicLong count, long n) throws InterruptedException {
    long last = -1;
    while (count.get() < n && count.get() != last) {
      last = count.get();
      Thread.sleep(500);
    }
  }
}
