package org.swarmsense.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.swarmsense.gateway.broker.EmbeddedBroker;
import org.swarmsense.gateway.broker.MqttBroker;

/**
 * A broker that accepts a connection and never answers CONNACK (overloaded, half dead, or a proxy in front
 * of a dead one): Paho's connection timeout bounds only the TCP connect, so before the watchdog the link
 * waited for ever and never reconnected. Here a TCP relay in front of a real broker swallows the first
 * connection and relays the later ones: the link gives the first attempt up after its connect timeout,
 * connects on the next, and carries messages. Likewise a renewal of the subscriptions that gets no SUBACK
 * drops the connection, and the next one subscribes and hears.
 */
class MqttLinkStallTest {

  @Test
  void anAttemptThatNeverGetsConnackIsGivenUpAndTheNextOneConnects() throws Exception {
    try (MqttBroker broker = EmbeddedBroker.start();
        SwallowFirst relay = new SwallowFirst(URI.create(broker.url()).getPort());
        MqttLink listener = MqttLink.create(MqttLinkSettings.defaults(broker.url(), "stall-listener"))) {
      LinkedBlockingQueue<String> heard = new LinkedBlockingQueue<>();
      listener.subscribe("stall/#", 1, (t, m) -> heard.add(t + " " + new String(m.getPayload(), StandardCharsets.UTF_8)));
      listener.connect();
      assertTrue(listener.awaitConnected(Duration.ofSeconds(10)));

      MqttLinkSettings settings = MqttLinkSettings.defaults("tcp://127.0.0.1:" + relay.port(), "stall-device");
      long t0 = System.nanoTime();
      try (MqttLink device = MqttLink.start(settings)) {
        assertTrue(device.awaitConnected(settings.connectTimeout().multipliedBy(3)),
            "the link must give a silent attempt up and connect again: " + device.stats() + ", relay " + relay);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("connected after %.2f s (connect timeout %s): %s%n", s, settings.connectTimeout(),
            device.stats());
        assertEquals(1, device.stats().stalledAttempts(), device.stats().toString());
        assertEquals(1, device.stats().connects(), device.stats().toString());
        assertTrue(s >= settings.connectTimeout().toMillis() / 1000.0, "given up before its timeout: " + s);
        device.publish("stall/d1", "after the stall".getBytes(StandardCharsets.UTF_8), 1, false).get(10, TimeUnit.SECONDS);
        assertEquals("stall/d1 after the stall", heard.poll(10, TimeUnit.SECONDS));
      }
      assertEquals(2, relay.accepted.get(), "one swallowed connection, one relayed");
    }
  }

  @Test
  void aResubscriptionThatNeverGetsSubackDropsTheConnectionAndTheNextOneIsReady() throws Exception {
    try (MqttBroker broker = EmbeddedBroker.start();
        SwallowFirst relay = new SwallowFirst(URI.create(broker.url()).getPort(), true);
        MqttLink sender = MqttLink.start(MqttLinkSettings.defaults(broker.url(), "stall-sender"))) {
      assertTrue(sender.awaitConnected(Duration.ofSeconds(10)));
      MqttLinkSettings settings = MqttLinkSettings.defaults("tcp://127.0.0.1:" + relay.port(), "stall-subscriber");
      LinkedBlockingQueue<String> heard = new LinkedBlockingQueue<>();
      long t0 = System.nanoTime();
      try (MqttLink device = MqttLink.create(settings)) {
        device.subscribe("stall/#", 1, (t, m) -> heard.add(t + " " + new String(m.getPayload(), StandardCharsets.UTF_8)));
        device.connect();
        assertTrue(device.awaitConnected(settings.connectTimeout().multipliedBy(3)),
            "a link whose SUBACK never comes must reconnect and subscribe again: " + device.stats() + ", relay " + relay);
        System.out.printf("ready after %.2f s (connect timeout %s): %s%n", (System.nanoTime() - t0) / 1e9,
            settings.connectTimeout(), device.stats());
        assertEquals(2, device.stats().connects(), device.stats().toString());
        assertEquals(0, device.stats().stalledAttempts(), device.stats().toString());
        sender.publish("stall/d2", "subscribed again".getBytes(StandardCharsets.UTF_8), 1, false).get(10, TimeUnit.SECONDS);
        assertEquals("stall/d2 subscribed again", heard.poll(10, TimeUnit.SECONDS));
      }
      assertEquals(2, relay.accepted.get(), "the first connection lost its SUBSCRIBE, the second was relayed whole");
    }
  }

  /**
   * A TCP relay to {@code 127.0.0.1:target} whose first connection goes wrong: held open and never answered, or,
   * with {@code dropSubscribe}, relayed without the client's SUBSCRIBE packets (so no SUBACK comes). Later
   * connections are relayed whole.
   */
  private static final class SwallowFirst implements AutoCloseable {
    final AtomicInteger accepted = new AtomicInteger();
    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    SwallowFirst(int target) throws IOException {
      this(target, false);
    }

    SwallowFirst(int target, boolean dropSubscribe) throws IOException {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            Socket in = server.accept();
            open.add(in);
            int n = accepted.incrementAndGet();
            if (n == 1 && dropSubscribe) {
              Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
              open.add(out);
              withoutSubscribe(in.getInputStream(), out.getOutputStream());
              pump(out.getInputStream(), in.getOutputStream());
            } else if (n == 1) {
              pump(in.getInputStream(), OutputStream.nullOutputStream());
            } else {
              Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
              open.add(out);
              pump(in.getInputStream(), out.getOutputStream());
              pump(out.getInputStream(), in.getOutputStream());
            }
          }
        } catch (IOException closed) {
          // the relay is closed
        }
      }, "swallow-first");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    /** Relays MQTT packets (fixed header, remaining length, body) except SUBSCRIBE (type 8). */
    private static void withoutSubscribe(InputStream from, OutputStream to) {
      Thread t = new Thread(() -> {
        try {
          while (true) {
            int header = from.read();
            if (header < 0) {
              return;
            }
            java.io.ByteArrayOutputStream packet = new java.io.ByteArrayOutputStream();
            packet.write(header);
            int length = 0;
            for (int shift = 0, b = 0x80; (b & 0x80) != 0; shift += 7) {
              b = from.read();
              if (b < 0 || shift > 21) {
                return;
              }
              packet.write(b);
              length |= (b & 0x7f) << shift;
            }
            packet.write(from.readNBytes(length));
            if ((header >> 4) != 8) {
              to.write(packet.toByteArray());
              to.flush();
            }
          }
        } catch (IOException closed) {
          // either side closed
        }
      }, "swallow-first-filter");
      t.setDaemon(true);
      t.start();
    }

    private static void pump(InputStream from, OutputStream to) {
      Thread t = new Thread(() -> {
        byte[] buf = new byte[8192];
        try {
          for (int n; (n = from.read(buf)) >= 0; ) {
            to.write(buf, 0, n);
            to.flush();
          }
        } catch (IOException closed) {
          // either side closed
        }
      }, "swallow-first-pump");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket s : open) {
        s.close();
      }
    }

    @Override
    public String toString() {
      return accepted.get() + " accepted";
    }
  }
}
