package org.swarmsense.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.swarmsense.gateway.broker.MosquittoBroker;
import org.swarmsense.gateway.testing.MqttBrokers;

/**
 * The link under broker crashes: mosquitto is killed (SIGKILL) and restarted several times; both a
 * subscribing and a publishing link must be connected again within 5 s of the restart, with their
 * subscriptions renewed, and every QoS 1 message published during the outage (queued in the
 * outbox) and after it must arrive. Prints the figures of each round.
 */
class MqttLinkRestartTest {
  private static final int ROUNDS = 4;
  private static final int PER_PHASE = 50;

  @Test
  void reconnectsResubscribesAndDeliversQos1AcrossBrokerRestarts() throws Exception {
    try (MosquittoBroker broker = MqttBrokers.mosquitto()) {
      MqttLinkSettings base = MqttLinkSettings.defaults(broker.url(), "restart-consumer");
      Set<String> got = ConcurrentHashMap.newKeySet();
      try (MqttLink consumer = MqttLink.start(base);
          MqttLink producer = MqttLink.start(base.withClientId("restart-producer"))) {
        consumer.subscribe("swarmsense/f1/drone/+/cmd", 1,
            (topic, msg) -> got.add(new String(msg.getPayload(), StandardCharsets.UTF_8)));
        assertTrue(consumer.awaitConnected(Duration.ofSeconds(10)), "consumer never connected");
        assertTrue(producer.awaitConnected(Duration.ofSeconds(10)), "producer never connected");
        awaitSessionsSaved(broker, System.currentTimeMillis());
        int sent = 0;
        for (int round = 1; round <= ROUNDS; round++) {
          broker.kill();
          awaitDisconnected(consumer);
          awaitDisconnected(producer);
          for (int i = 0; i < PER_PHASE; i++) {
            producer.publish("swarmsense/f1/drone/d1/cmd", ("m" + sent++).getBytes(StandardCharsets.UTF_8), 1, false);
          }
          Thread.sleep(300 * round);
          long restartedAt = System.nanoTime();
          broker.restart();
          assertTrue(consumer.awaitConnected(Duration.ofSeconds(5)), "consumer not back within 5 s, round " + round);
          double consumerS = (System.nanoTime() - restartedAt) / 1e9;
          assertTrue(producer.awaitConnected(Duration.ofSeconds(5)), "producer not back within 5 s, round " + round);
          double producerS = (System.nanoTime() - restartedAt) / 1e9;
          for (int i = 0; i < PER_PHASE; i++) {
            producer.publish("swarmsense/f1/drone/d2/cmd", ("m" + sent++).getBytes(StandardCharsets.UTF_8), 1, false);
          }
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
          while (got.size() < sent && System.nanoTime() < deadline) {
            Thread.sleep(20);
          }
          System.out.printf(
              "round %d: outage %s, reconnected after restart in %.3f s (consumer) / %.3f s (producer), delivered %d of %d%n",
              round, consumer.stats().lastOutage(), consumerS, producerS, got.size(), sent);
          assertEquals(sent, got.size(), "QoS 1 messages lost in round " + round);
          Thread.sleep(1200);
        }
        assertEquals(ROUNDS, consumer.stats().connectionLosses());
        assertTrue(consumer.stats().connects() >= ROUNDS + 1);
      }
    }
  }

  /**
   * Waits until mosquitto has written its database after {@code sinceMs} (it saves every second,
   * autosave_interval 1; later under load): a session it never saved dies with the process, and
   * messages published for it before it is renewed are rightly dropped by the broker.
   */
  private static void awaitSessionsSaved(MosquittoBroker broker, long sinceMs) throws Exception {
    java.nio.file.Path db = broker.home().resolve("mosquitto.db");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (java.nio.file.Files.exists(db)
          && java.nio.file.Files.getLastModifiedTime(db).toMillis() > sinceMs + 100) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("mosquitto did not save its sessions to " + db + " within 15 s");
  }

  private static void awaitDisconnected(MqttLink link) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (link.isConnected() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(!link.isConnected(), "link did not notice the broker died");
  }
}
