package org.swarmsense.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.testing.MqttBrokers.BrokerFactory;

/**
 * Persistent sessions: QoS 1 commands sent while a device is away wait at the broker and reach the
 * device, with response topic and correlation data, when it comes back with the same client id.
 */
class MqttLinkSessionTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.swarmsense.gateway.testing.MqttBrokers#all")
  void commandsForAnAbsentDeviceWaitInItsSession(BrokerFactory factory) throws Exception {
    try (MqttBroker broker = factory.start()) {
      String cmd = "swarmsense/f1/drone/d7/cmd";
      MqttLinkSettings deviceSettings = MqttLinkSettings.defaults(broker.url(), "device-d7-" + System.nanoTime());
      List<MqttMessage> got = new CopyOnWriteArrayList<>();
      try (MqttLink device = MqttLink.create(deviceSettings)) {
        device.subscribe(cmd, 1, (t, m) -> got.add(m));
        device.connect();
        assertTrue(device.awaitConnected(Duration.ofSeconds(10)));
      } // a clean goodbye; the session stays for session-expiry (1 h)
      try (MqttLink gateway = MqttLink.start(MqttLinkSettings.defaults(broker.url(), "gw-" + System.nanoTime()))) {
        assertTrue(gateway.awaitConnected(Duration.ofSeconds(10)));
        for (int i = 0; i < 5; i++) {
          MqttProperties p = new MqttProperties();
          p.setResponseTopic("swarmsense/f1/gateway/gw/reply");
          p.setCorrelationData(new byte[] {(byte) i});
          gateway.publish(cmd, ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8), 1, false, p)
              .get(10, TimeUnit.SECONDS);
        }
      }
      assertEquals(0, got.size());
      try (MqttLink device = MqttLink.create(deviceSettings)) {
        device.subscribe(cmd, 1, (t, m) -> got.add(m));
        device.connect();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (got.size() < 5 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
      }
      assertEquals(5, got.size(), factory.kind() + " did not keep the commands for the absent device");
      for (int i = 0; i < 5; i++) {
        assertEquals("{\"n\":" + i + "}", new String(got.get(i).getPayload(), StandardCharsets.UTF_8));
        assertEquals("swarmsense/f1/gateway/gw/reply", got.get(i).getProperties().getResponseTopic());
        assertArrayEquals(new byte[] {(byte) i}, got.get(i).getProperties().getCorrelationData());
      }
    }
  }
}
