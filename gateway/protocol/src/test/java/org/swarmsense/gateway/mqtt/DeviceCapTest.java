package org.swarmsense.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.swarmsense.gateway.broker.EmbeddedBroker;
import org.swarmsense.gateway.wire.Rejection;
import org.swarmsense.gateway.testing.TestClients;

/**
 * Issue 17, finding 6: distinct device ids are not kept without bound. A fleet link capped at 5
 * devices per fleet registers the first 5 ids and refuses (counts) the rest, while a known device
 * keeps working; the default cap is reference.conf's {@code swarmsense.gateway.fleet.max-devices}.
 */
class DeviceCapTest {
  @Test
  void newDeviceIdsBeyondTheCapAreRefusedAndCounted() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start()) {
      RecordingIngest ingest = new RecordingIngest();
      try (FleetLink link = FleetLink.start(MqttLink.create(MqttLinkSettings.defaults(broker.url(), "gw-cap")),
          ingest, f -> true, "gw", 5)) {
        assertTrue(link.mqtt().awaitConnected(Duration.ofSeconds(10)));
        MqttClient device = TestClients.plain(broker.url(), "many-ids");
        device.connect();
        for (int i = 0; i < 8; i++) {
          publish(device, "d" + i);
        }
        publish(device, "d0"); // a known device after the cap was reached
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (link.metrics().rejected("fleet-x", Rejection.TOO_MANY_DEVICES) < 3 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        Thread.sleep(200);
        System.out.println("registered " + ingest.registered().size() + ", rejections " + link.metrics().rejections());
        assertEquals(5, ingest.registered().size());
        assertEquals(3, link.metrics().rejected("fleet-x", Rejection.TOO_MANY_DEVICES));
        assertEquals(6, link.metrics().accepted("fleet-x", org.swarmsense.gateway.wire.Channel.TELEMETRY));
        device.disconnect();
        device.close();
      }
    }
    assertEquals(10_000, com.typesafe.config.ConfigFactory.load().getInt("swarmsense.gateway.fleet.max-devices"));
  }

  private static void publish(MqttClient c, String id) throws Exception {
    String t = "{\"v\":1,\"t_ms\":" + System.currentTimeMillis() + ",\"lat_deg\":43.73,\"lon_deg\":7.42,\"alt_m\":50.0,"
        + "\"speed_m_s\":1.0,\"heading_deg\":90.0,\"battery_percent\":88.5,\"state\":\"flying\"}";
    MqttMessage m = new MqttMessage(t.getBytes(StandardCharsets.UTF_8));
    m.setQos(1);
    c.publish("swarmsense/fleet-x/drone/" + id + "/telemetry", m);
  }
}
