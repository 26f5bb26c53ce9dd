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
   * How long a blocking call (connect, publish, subscribe, disconnect) waits before it throws. Paho's
   * default is forever: a QoS 1 publish whose acknowledgement never comes hung a CI run (stop 45).
   */
  public static final long TIME_TO_WAIT_MS = 20_000;

  /** An unconnected client with memory persistence whose blocking calls give up after {@link #TIME_TO_WAIT_MS}. */
  public static MqttClient plain(String url, String clientId) throws MqttException {
    MqttClient client = new MqttClient(url, clientId, new MemoryPersistence());
    client.setTimeToWait(TIME_TO_WAIT_MS);
    return client;
  }

  /**
   * An unconnected client whose messages go to {@code onMessage} (topic, message) and whose
   * disconnects (e.g. a broker knocking it off) run {@code onDisconnect}; its blocking calls give up
   * after {@link #TIME_TO_WAIT_MS}.
   */
  public static MqttClient listening(String url, String clientId, BiConsumer<String, MqttMessage> onMessage,
      Runnable onDisconnect) throws MqttException {
    MqttClient client = plain(url, clientId);
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
