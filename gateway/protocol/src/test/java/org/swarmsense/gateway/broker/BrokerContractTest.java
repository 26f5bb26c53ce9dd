package org.swarmsense.gateway.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.swarmsense.gateway.testing.MqttBrokers.BrokerFactory;
import org.swarmsense.gateway.testing.TestClients;

/**
 * What swarmsense needs from any MQTT 5 broker, checked against every broker kind available: QoS 1
 * delivery with MQTT 5 request/response properties intact, and retained status with a last will.
 * Public so that field-tests' containers profile runs the same checks against broker images
 * ({@code org.swarmsense.fieldtests.containers.BrokerContractContainerTest}).
 */
public class BrokerContractTest {

  record Received(String topic, MqttMessage message) {}

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.swarmsense.gateway.testing.MqttBrokers#all")
  public void qos1CommandKeepsResponseTopicCorrelationDataAndUserProperties(BrokerFactory factory)
      throws Exception {
    try (MqttBroker broker = factory.start()) {
      BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
      MqttClient device = connect(broker, "device-1", inbox, null);
      device.subscribe("swarmsense/f1/drone/d1/cmd", 1);
      MqttClient operator = connect(broker, "operator-1", new LinkedBlockingQueue<>(), null);

      MqttMessage cmd = new MqttMessage("{\"v\":1,\"cmd\":\"land\"}".getBytes(StandardCharsets.UTF_8));
      cmd.setQos(1);
      MqttProperties props = new MqttProperties();
      props.setResponseTopic("swarmsense/f1/operator/o1/reply");
      props.setCorrelationData(new byte[] {1, 2, 3, 42});
      props.setUserProperties(List.of(new UserProperty("tenant", "f1")));
      cmd.setProperties(props);
      operator.publish("swarmsense/f1/drone/d1/cmd", cmd);

      Received got = inbox.poll(10, TimeUnit.SECONDS);
      assertNotNull(got, "command not delivered by " + broker.kind());
      assertEquals("swarmsense/f1/drone/d1/cmd", got.topic());
      assertEquals(1, got.message().getQos());
      assertEquals("{\"v\":1,\"cmd\":\"land\"}", new String(got.message().getPayload(), StandardCharsets.UTF_8));
      assertEquals("swarmsense/f1/operator/o1/reply", got.message().getProperties().getResponseTopic());
      assertArrayEquals(new byte[] {1, 2, 3, 42}, got.message().getProperties().getCorrelationData());
      assertEquals(
          List.of(new UserProperty("tenant", "f1")), got.message().getProperties().getUserProperties());
      device.disconnect();
      operator.disconnect();
      device.close();
      operator.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.swarmsense.gateway.testing.MqttBrokers#all")
  public void lastWillMarksACrashedDeviceOfflineAndIsRetained(BrokerFactory factory) throws Exception {
    try (MqttBroker broker = factory.start()) {
      String status = "swarmsense/f1/drone/d7/status";
      MqttMessage will = new MqttMessage("offline".getBytes(StandardCharsets.UTF_8));
      will.setQos(1);
      will.setRetained(true);
      MqttClient device = connect(broker, "device-7", new LinkedBlockingQueue<>(), will);
      MqttMessage online = new MqttMessage("online".getBytes(StandardCharsets.UTF_8));
      online.setQos(1);
      online.setRetained(true);
      device.publish(status, online);

      // The device dies without a DISCONNECT packet: the broker must publish its will.
      device.disconnectForcibly(0, 0, false);
      device.close(true);

      // A late subscriber sees the retained will.
      BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      String last = null;
      while (System.nanoTime() < deadline && !"offline".equals(last)) {
        MqttClient watcher = connect(broker, "watcher-" + System.nanoTime(), inbox, null);
        watcher.subscribe(status, 1);
        Received r = inbox.poll(2, TimeUnit.SECONDS);
        last = r == null ? null : new String(r.message().getPayload(), StandardCharsets.UTF_8);
        if (r != null) {
          assertEquals(true, r.message().isRetained(), "status must be retained");
        }
        watcher.disconnect();
        watcher.close();
      }
      assertEquals("offline", last, broker.kind() + " did not publish the retained last will");
    }
  }

  private static MqttClient connect(
      MqttBroker broker, String clientId, BlockingQueue<Received> inbox, MqttMessage will)
      throws MqttException {
    MqttClient client = TestClients.plain(broker.url(), clientId);
    client.setCallback(
        new MqttCallback() {
          @Override
          public void disconnected(MqttDisconnectResponse response) {}

          @Override
          public void mqttErrorOccurred(MqttException exception) {}

          @Override
          public void messageArrived(String topic, MqttMessage message) {
            inbox.add(new Received(topic, message));
          }

          @Override
          public void deliveryComplete(IMqttToken token) {}

          @Override
          public void connectComplete(boolean reconnect, String serverUri) {}

          @Override
          public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        });
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setConnectionTimeout(10);
    options.setKeepAliveInterval(5);
    if (will != null) {
      options.setWill("swarmsense/f1/drone/d7/status", will);
    }
    client.connect(options);
    return client;
  }
}
