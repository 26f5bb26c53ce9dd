package org.swarmsense.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.swarmsense.gateway.broker.MosquittoBroker;
import org.swarmsense.gateway.wire.Channel;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.Event;
import org.swarmsense.gateway.testing.TestClients;

/**
 * Issue 16: two gateway nodes' links share the fleets' events ({@code $share/...}, which cannot use
 * no-local). A fence alarm one node publishes on a drone's {@code evt} topic comes back through the
 * shared subscription to one of the nodes; it must not be taken for the drone's own event (neither
 * handed to an ingest nor counted), while the drone's own events still are, exactly once.
 */
class SharedEventEchoTest {
  @Test
  void aGatewaysOwnEventIsNotTakenForTheDevicesOwn() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start()) {
      RecordingIngest a = new RecordingIngest();
      RecordingIngest b = new RecordingIngest();
      try (FleetLink linkA = shared(broker, "a", a); FleetLink linkB = shared(broker, "b", b)) {
        assertTrue(linkA.mqtt().awaitConnected(Duration.ofSeconds(10)));
        assertTrue(linkB.mqtt().awaitConnected(Duration.ofSeconds(10)));
        Thread.sleep(300); // the subscriptions are made right after connecting
        DeviceId drone = new DeviceId("f", DeviceKind.DRONE, "d1");
        for (int i = 0; i < 5; i++) { // the broker hands shared messages round robin: both nodes get some
          linkA.sendEvent(drone, new Event(1, 1000 + i, "geofence_breach", "alarm", "fence of the gateway"))
              .get();
          linkB.sendEvent(drone, new Event(1, 2000 + i, "geofence_breach", "alarm", "fence of the gateway"))
              .get();
        }
        MqttClient device = TestClients.plain(broker.url(), "d1");
        device.connect();
        for (int i = 0; i < 3; i++) {
          MqttMessage m = new MqttMessage(("{\"v\":1,\"t_ms\":" + (3000 + i) + ",\"type\":\"low_battery\"}")
              .getBytes(StandardCharsets.UTF_8));
          m.setQos(1);
          device.publish("swarmsense/f/drone/d1/evt", m);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (a.events().size() + b.events().size() < 3 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        Thread.sleep(500); // a late echo would arrive now
        List<Event> heard = new ArrayList<>(a.events());
        heard.addAll(b.events());
        System.out.println("events heard by node a " + a.events().size() + ", node b " + b.events().size() + ": "
            + heard);
        assertEquals(List.of("low_battery", "low_battery", "low_battery"),
            heard.stream().map(Event::type).toList(), "only the device's own events");
        assertEquals(3, linkA.metrics().accepted("f", Channel.EVT) + linkB.metrics().accepted("f", Channel.EVT));
        device.disconnect();
        device.close();
      }
    }
  }

  private static FleetLink shared(MosquittoBroker broker, String node, RecordingIngest ingest) {
    return FleetLink.startShared(MqttLink.create(MqttLinkSettings.defaults(broker.url(), "gw-echo-" + node)
        .withCleanStart(true).withSessionExpiry(Duration.ZERO)), ingest, f -> true, "gw-" + node, "echo");
  }
}
