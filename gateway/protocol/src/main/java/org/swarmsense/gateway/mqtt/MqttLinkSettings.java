package org.swarmsense.gateway.mqtt;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.swarmsense.gateway.broker.ExternalBroker;

/**
 * Everything one {@link MqttLink} needs, read once from {@code swarmsense.gateway.mqtt} (see
 * reference.conf for every default). Immutable.
 *
 * @param url broker URL ({@code tcp://host:port}); validated by {@link ExternalBroker}
 * @param clientId MQTT client id, 1..128 characters
 * @param username user name at the broker, or empty for anonymous
 * @param password password at the broker, or empty
 * @param cleanStart false to resume the broker session on reconnect
 * @param sessionExpiry how long the broker keeps the session after a disconnect
 * @param keepAlive MQTT keep-alive, at least 1 s
 * @param connectTimeout time allowed for one connection attempt, at least 1 s
 * @param backoff the reconnect rule
 * @param maxInflight QoS 1 messages sent and not yet acknowledged, 1..65535
 * @param maxQueued QoS 1 messages kept while disconnected, at least 1
 * @param will the last will, or null
 */
public record MqttLinkSettings(
    String url,
    String clientId,
    String username,
    String password,
    boolean cleanStart,
    Duration sessionExpiry,
    Duration keepAlive,
    Duration connectTimeout,
    ReconnectBackoff backoff,
    int maxInflight,
    int maxQueued,
    Will will) {

  /**
   * A last will: published by the broker when this link dies without a DISCONNECT.
   *
   * @param topic where
   * @param payload what
   * @param qos 0 or 1
   * @param retained whether the broker keeps it for late subscribers
   */
  public record Will(String topic, byte[] payload, int qos, boolean retained) {
    /** Validates the topic and QoS. */
    public Will {
      if (topic == null || topic.isEmpty() || topic.contains("+") || topic.contains("#")) {
        throw new IllegalArgumentException("will topic must be a topic without wildcards, was '" + topic + "'");
      }
      if (qos < 0 || qos > 1) {
        throw new IllegalArgumentException("will qos must be 0 or 1, was " + qos);
      }
      payload = payload == null ? new byte[0] : payload.clone();
    }
  }

  /** Validates every field; errors name the config key and the value. */
  public MqttLinkSettings {
    new ExternalBroker(url);
    if (clientId == null || clientId.isEmpty() || clientId.length() > 128) {
      throw new IllegalArgumentException("client-id must be 1..128 characters, was '" + clientId + "'");
    }
    username = username == null ? "" : username;
    password = password == null ? "" : password;
    if (sessionExpiry == null || sessionExpiry.isNegative()) {
      throw new IllegalArgumentException("session-expiry must be >= 0, was " + sessionExpiry);
    }
    if (keepAlive == null || keepAlive.toSeconds() < 1) {
      throw new IllegalArgumentException("keep-alive must be >= 1s, was " + keepAlive);
    }
    if (connectTimeout == null || connectTimeout.toSeconds() < 1) {
      throw new IllegalArgumentException("connect-timeout must be >= 1s, was " + connectTimeout);
    }
    if (backoff == null) {
      throw new IllegalArgumentException("backoff must not be null");
    }
    if (maxInflight < 1 || maxInflight > 65535) {
      throw new IllegalArgumentException("max-inflight must be 1..65535, was " + maxInflight);
    }
    if (maxQueued < 1) {
      throw new IllegalArgumentException("max-queued must be >= 1, was " + maxQueued);
    }
  }

  /** The defaults of reference.conf with this URL and client id. */
  public static MqttLinkSettings defaults(String url, String clientId) {
    return fromConfig(ConfigFactory.load()).withUrl(url).withClientId(clientId);
  }

  /**
   * Reads {@code swarmsense.gateway.mqtt}. An empty url is kept as {@code tcp://127.0.0.1:1883} here;
   * callers that start the embedded broker replace it with {@link #withUrl}.
   */
  public static MqttLinkSettings fromConfig(Config root) {
    Config c = root.getConfig("swarmsense.gateway.mqtt");
    String url = c.getString("url");
    return new MqttLinkSettings(
        url.isEmpty() ? "tcp://127.0.0.1:1883" : url,
        c.getString("client-id"),
        c.getString("username"),
        c.getString("password"),
        c.getBoolean("clean-start"),
        c.getDuration("session-expiry"),
        c.getDuration("keep-alive"),
        c.getDuration("connect-timeout"),
        new ReconnectBackoff(c.getDuration("reconnect-initial"), c.getDuration("reconnect-max")),
        c.getInt("max-inflight"),
        c.getInt("max-queued"),
        null);
  }

  /** The same settings, another broker. */
  public MqttLinkSettings withUrl(String newUrl) {
    return new MqttLinkSettings(newUrl, clientId, username, password, cleanStart, sessionExpiry,
        keepAlive, connectTimeout, backoff, maxInflight, maxQueued, will);
  }

  /** The same settings, another client id. */
  public MqttLinkSettings withClientId(String id) {
    return new MqttLinkSettings(url, id, username, password, cleanStart, sessionExpiry,
        keepAlive, connectTimeout, backoff, maxInflight, maxQueued, will);
  }

  /** The same settings with credentials. */
  public MqttLinkSettings withCredentials(String user, String pass) {
    return new MqttLinkSettings(url, clientId, user, pass, cleanStart, sessionExpiry,
        keepAlive, connectTimeout, backoff, maxInflight, maxQueued, will);
  }

  /** The same settings with a last will. */
  public MqttLinkSettings withWill(Will w) {
    return new MqttLinkSettings(url, clientId, username, password, cleanStart, sessionExpiry,
        keepAlive, connectTimeout, backoff, maxInflight, maxQueued, w);
  }

  /** The same settings with another session expiry (zero: the broker ends the session with the connection). */
  public MqttLinkSettings withSessionExpiry(Duration expiry) {
    return new MqttLinkSettings(url, clientId, username, password, cleanStart, expiry,
        keepAlive, connectTimeout, backoff, maxInflight, maxQueued, will);
  }

  /** The same settings with clean start on or off. */
  public MqttLinkSettings withCleanStart(boolean clean) {
    return new MqttLinkSettings(url, clientId, username, password, clean, sessionExpiry,
        keepAlive, connectTimeout, backoff, maxInflight, maxQueued, will);
  }

  @Override
  public String toString() {
    return "MqttLinkSettings[url=" + url + ", clientId=" + clientId + ", username=" + username
        + ", password=" + (password.isEmpty() ? "" : "***") + ", cleanStart=" + cleanStart
        + ", sessionExpiry=" + sessionExpiry + ", backoff=" + backoff + "]";
  }
}
