package org.swarmsense.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.swarmsense.gateway.broker.FreePorts;

/**
 * While no broker answers, the link keeps trying (counting failed attempts), keeps QoS 1 messages
 * up to {@code max-queued} and fails the rest at once, drops QoS 0 messages and counts them, and
 * refuses bad arguments with the value in the message.
 */
class MqttLinkOutboxTest {

  @Test
  void withoutABrokerQos1WaitsUpToTheLimitAndQos0IsDropped() throws Exception {
    String url = "tcp://127.0.0.1:" + FreePorts.pick(); // nothing listens there
    MqttLinkSettings d = MqttLinkSettings.defaults(url, "outbox-test");
    MqttLinkSettings s = new MqttLinkSettings(d.url(), d.clientId(), "", "", false, d.sessionExpiry(),
        d.keepAlive(), d.connectTimeout(), new ReconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(80)),
        4, 100, null);
    try (MqttLink link = MqttLink.start(s)) {
      List<CompletableFuture<Void>> qos1 = new ArrayList<>();
      for (int i = 0; i < 150; i++) {
        qos1.add(link.publish("swarmsense/f/drone/d/cmd", new byte[] {1}, 1, false));
      }
      CompletableFuture<Void> qos0 = link.publish("swarmsense/f/drone/d/telemetry", new byte[] {1}, 0, false);
      ExecutionException e = assertThrows(ExecutionException.class, () -> qos0.get(1, TimeUnit.SECONDS));
      assertTrue(e.getCause().getMessage().contains("QoS 0 dropped"), e.getCause().getMessage());
      long failed = qos1.stream().filter(CompletableFuture::isCompletedExceptionally).count();
      assertEquals(50, failed, "beyond max-queued a publish fails at once");
      assertEquals(100, link.stats().queued());
      assertFalse(link.awaitConnected(Duration.ofMillis(500)));
      assertTrue(link.stats().failedAttempts() >= 3, "keeps trying: " + link.stats());
      assertEquals(1, link.stats().qos0Dropped());
      link.close();
      assertTrue(qos1.stream().allMatch(CompletableFuture::isCompletedExceptionally), "closing fails what waited");
    }
  }

  @Test
  void badArgumentsNameTheValue() {
    try (MqttLink link = MqttLink.create(MqttLinkSettings.defaults("tcp://127.0.0.1:1", "args-test"))) {
      IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
          () -> link.publish("swarmsense/+/x", new byte[0], 1, false));
      assertTrue(t.getMessage().contains("'swarmsense/+/x'"), t.getMessage());
      IllegalArgumentException q = assertThrows(IllegalArgumentException.class,
          () -> link.subscribe("swarmsense/#", 2, (topic, m) -> {}));
      assertEquals("qos must be 0 or 1, was 2", q.getMessage());
    }
    IllegalArgumentException u = assertThrows(IllegalArgumentException.class,
        () -> MqttLinkSettings.defaults("mqtt://nowhere", "x"));
    assertTrue(u.getMessage().contains("'mqtt://nowhere'"), u.getMessage());
  }
}
