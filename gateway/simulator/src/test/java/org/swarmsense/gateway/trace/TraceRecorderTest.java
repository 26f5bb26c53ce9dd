package org.swarmsense.gateway.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.mqtt.MqttLink;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.testing.MqttBrokers.BrokerFactory;

/**
 * The recorder keeps QoS, the retained flag (live, via retain-as-published), MQTT 5 response topic
 * and correlation data, and its own receive clock; the replay restores them (response topic moved to
 * the new fleet).
 */
class TraceRecorderTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.swarmsense.gateway.testing.MqttBrokers#all")
  void recordsAndRestoresFlagsAndProperties(BrokerFactory factory) throws Exception {
    try (MqttBroker broker = factory.start()) {
      Path file = dir.resolve("p.jsonl");
      AtomicLong clock = new AtomicLong(1_000_000);
      byte[] correlation = {9, 8, 7, 0, -1};
      try (TraceRecorder rec = TraceRecorder.start(MqttLinkSettings.defaults(broker.url(), "rec-" + System.nanoTime()),
              file, TraceHeader.of("p", "test", "", null, 0), () -> clock.addAndGet(10));
          MqttLink pub = MqttLink.start(MqttLinkSettings.defaults(broker.url(), "pub-" + System.nanoTime()))) {
        assertTrue(rec.awaitSubscribed(Duration.ofSeconds(10)));
        assertTrue(pub.awaitConnected(Duration.ofSeconds(10)));
        MqttProperties props = new MqttProperties();
        props.setResponseTopic("swarmsense/p/gateway/g1/reply");
        props.setCorrelationData(correlation);
        pub.publish("swarmsense/p/drone/d1/cmd", utf8("{\"v\":1,\"t_ms\":5,\"cmd\":\"land\"}"), 1, false, props).get();
        pub.publish("swarmsense/p/drone/d1/status", utf8("online"), 1, true).get();
        pub.publish("swarmsense/other/drone/d1/status", utf8("online"), 1, false).get(); // another fleet
        pub.publish("swarmsense/p/drone/d1/telemetry", utf8("not json"), 0, false).get();
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (rec.recorded() < 3 && System.nanoTime() < end) {
          Thread.sleep(20);
        }
      }
      List<TraceMessage> got = new ArrayList<>();
      try (TraceReader r = TraceReader.open(file)) {
        for (TraceMessage m; (m = r.next()) != null; ) {
          got.add(m);
        }
      }
      assertEquals(3, got.size(), got.toString());
      TraceMessage cmd = got.get(0);
      assertEquals("swarmsense/p/drone/d1/cmd", cmd.topic());
      assertEquals(1, cmd.qos());
      assertEquals("swarmsense/p/gateway/g1/reply", cmd.responseTopic());
      assertArrayEquals(correlation, cmd.correlationData());
      assertEquals(1_000_010, cmd.tMs(), "the recorder's clock, not the payload's t_ms");
      assertTrue(got.get(1).retained(), "live retained message recorded retained");
      assertEquals(0, got.get(2).qos());
      assertEquals("not json", new String(got.get(2).payload(), StandardCharsets.UTF_8));

      // replay into fleet q and receive the properties back
      List<MqttMessage> received = new ArrayList<>();
      try (MqttLink sub = MqttLink.create(MqttLinkSettings.defaults(broker.url(), "sub-" + System.nanoTime())
          .withCleanStart(true))) {
        sub.subscribe("swarmsense/q/drone/d1/cmd", 1, (t, m) -> {
          synchronized (received) {
            received.add(m);
          }
        });
        sub.connect();
        assertTrue(sub.awaitConnected(Duration.ofSeconds(10)));
        try (TraceReader in = TraceReader.open(file);
            MqttTraceSink sink = MqttTraceSink.connect(broker.url(), "replay-" + System.nanoTime(), "", "", 10,
                Duration.ofSeconds(10))) {
          Replayer.replay(in, sink, Double.POSITIVE_INFINITY, "q", ReplayClock.system(), null);
        }
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (size(received) < 1 && System.nanoTime() < end) {
          Thread.sleep(20);
        }
      }
      assertEquals(1, size(received));
      MqttMessage m = received.get(0);
      assertEquals("swarmsense/q/gateway/g1/reply", m.getProperties().getResponseTopic());
      assertArrayEquals(correlation, m.getProperties().getCorrelationData());
      assertArrayEquals(cmd.payload(), m.getPayload());
    }
  }

  private static int size(List<?> l) {
    synchronized (l) {
      return l.size();
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
