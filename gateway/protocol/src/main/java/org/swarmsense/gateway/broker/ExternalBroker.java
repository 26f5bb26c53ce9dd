package org.swarmsense.gateway.broker;

import java.net.URI;

/**
 * A broker this process did not start (a Mosquitto, EMQX or HiveMQ cluster), reached by URL.
 * Closing it does nothing.
 */
public record ExternalBroker(String url) implements MqttBroker {

  /** Validates the URL: scheme tcp, ssl, ws or wss, with a host and a port. */
  public ExternalBroker {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("mqtt url must not be empty");
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("mqtt url is not a URL: '" + url + "'", e);
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("tcp") || scheme.equals("ssl") || scheme.startsWith("ws"))) {
      throw new IllegalArgumentException(
          "mqtt url must start with tcp://, ssl://, ws:// or wss://, was '" + url + "'");
    }
    if (uri.getHost() == null || uri.getPort() <= 0) {
      throw new IllegalArgumentException("mqtt url needs a host and a port, was '" + url + "'");
    }
  }

  @Override
  public String kind() {
    return "external";
  }

  @Override
  public void close() {
    // not ours to stop
  }
}
