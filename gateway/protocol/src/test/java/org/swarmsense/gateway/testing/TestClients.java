package org.swarmsense.gateway.testing;

import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Plain Paho clients for tests that play a device or an intruder (no reconnect, memory persistence),
 * shared through this module's test-jar so tenancy, client-id and abuse tests build them one way.
 */
public final class TestClients {
  private TestClients() {}

  /**
   * An unconnected client whose messages go to {@code onMessage} (topic, message) and whose
   * disconnects (e.g. a broker knocking it off) run {@code onDisconnect}.
   */
  public static MqttClient listening(String url, String clientId, BiConsumer<String, MqttMessage> onMessage,
      Runnable onDisconnect) throws MqttException {
    MqttClient client = new MqttClient(url, clientId, new MemoryPersistence());
    client.setCallback(new MqttCallback() {
      @Override
      public void disconnected(MqttDisconnectResponse r) {
        onDisconnect.run();
      }

      @Override
      public void mqttErrorOccurred(MqttException e) {}

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        onMessage.accept(topic, message);
      }

      @Override
      public void deliveryComplete(IMqttToken token) {}

      @Override
      public void connectComplete(boolean reconnect, String serverUri) {}

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    });
    return client;
  }

  /** Connect options with an account's credentials and a 10 s connect timeout (clean start). */
  public static MqttConnectionOptions credentials(String user, String password) {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setUserName(user);
    o.setPassword(password.getBytes(StandardCharsets.UTF_8));
    o.setConnectionTimeout(10);
    return o;
  }

  /** A message's payload as UTF-8 text. */
  public static String text(MqttMessage message) {
    return new String(message.getPayload(), StandardCharsets.UTF_8);
  }
}
