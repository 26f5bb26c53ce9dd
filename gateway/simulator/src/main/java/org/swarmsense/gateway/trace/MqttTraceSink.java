package org.swarmsense.gateway.trace;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.swarmsense.gateway.broker.ExternalBroker;

/**
 * Publishes replayed messages over one MQTT 5 connection (a plain Paho client, clean start, no
 * automatic reconnect): same QoS and retained flag, response topic and correlation data restored.
 * Back-pressure: at most {@code window} publishes are outstanding (QoS 0 until written, QoS 1 until
 * acknowledged), and when the broker's receive maximum is reached the oldest is awaited. A lost
 * connection fails the replay with an {@link IllegalStateException} naming the broker and the count
 * published (a replay does not silently skip messages). Not thread-safe (one replay thread).
 */
public final class MqttTraceSink implements TraceSink, AutoCloseable {
  private static final long WAIT_MS = 30_000;

  private final MqttAsyncClient client;
  private final String url;
  private final int window;
  private final ArrayDeque<IMqttToken> outstanding = new ArrayDeque<>();
  private long published;

  private MqttTraceSink(MqttAsyncClient client, String url, int window) {
    this.client = client;
    this.url = url;
    this.window = window;
  }

  /**
   * Connects to {@code url} (user name and password may be empty) and returns the sink.
   *
   * @param window publishes outstanding at most, >= 1
   */
  public static MqttTraceSink connect(String url, String clientId, String username, String password,
      int window, Duration timeout) {
    new ExternalBroker(url);
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1, was " + window);
    }
    try {
      MqttAsyncClient c = new MqttAsyncClient(url, clientId, new MemoryPersistence());
      MqttConnectionOptions o = new MqttConnectionOptions();
      o.setAutomaticReconnect(false);
      o.setCleanStart(true);
      o.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
      if (username != null && !username.isEmpty()) {
        o.setUserName(username);
        o.setPassword(password == null ? new byte[0] : password.getBytes(StandardCharsets.UTF_8));
      }
      c.connect(o).waitForCompletion(timeout.toMillis());
      return new MqttTraceSink(c, url, window);
    } catch (MqttException e) {
      throw new IllegalStateException("cannot connect to " + url + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void publish(TraceMessage m) throws InterruptedException {
    MqttMessage msg = new MqttMessage(m.payload());
    msg.setQos(m.qos());
    msg.setRetained(m.retained());
    if (m.responseTopic() != null || m.correlationData() != null) {
      MqttProperties p = new MqttProperties();
      p.setResponseTopic(m.responseTopic());
      p.setCorrelationData(m.correlationData());
      msg.setProperties(p);
    }
    while (true) {
      try {
        outstanding.addLast(client.publish(m.topic(), msg));
        break;
      } catch (MqttException e) {
        boolean full = e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT
            || e.getReasonCode() == MqttClientException.REASON_CODE_NO_MESSAGE_IDS_AVAILABLE;
        if (!full) {
          throw failed(e);
        }
        if (outstanding.isEmpty()) {
          Thread.sleep(1); // acknowledged, but Paho has not freed the slot yet
        } else {
          awaitOldest();
        }
      }
    }
    published++;
    while (outstanding.size() > window) {
      awaitOldest();
    }
  }

  @Override
  public void drain() throws InterruptedException {
    while (!outstanding.isEmpty()) {
      awaitOldest();
    }
  }

  /** Messages handed to the client so far. */
  public long published() {
    return published;
  }

  /** Waits for what is outstanding, then disconnects. */
  @Override
  public void close() {
    try {
      drain();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IllegalStateException e) {
      // already reported by publish or drain
    }
    try {
      if (client.isConnected()) {
        client.disconnect(2000).waitForCompletion(3000);
      }
    } catch (MqttException e) {
      // closing anyway
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      // nothing left to release
    }
  }

  private void awaitOldest() throws InterruptedException {
    IMqttToken t = outstanding.pollFirst();
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    try {
      t.waitForCompletion(WAIT_MS);
    } catch (MqttException e) {
      throw failed(e);
    }
    if (!t.isComplete()) {
      throw new IllegalStateException("broker " + url + " did not take a message within "
          + WAIT_MS / 1000 + " s (" + published + " published)");
    }
  }

  private IllegalStateException failed(MqttException e) {
    return new IllegalStateException("publishing to " + url + " failed after " + published
        + " messages: " + e.getMessage(), e);
  }
}
