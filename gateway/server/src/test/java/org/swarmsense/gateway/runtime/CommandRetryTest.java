package org.swarmsense.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.agents.device.DeviceKey;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.http.FleetTokens;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.persistence.GatewayStore;
import org.swarmsense.gateway.persistence.PendingCommand;
import org.swarmsense.gateway.persistence.PendingCommands;
import org.swarmsense.gateway.persistence.PersistenceSettings;
import org.swarmsense.gateway.testing.MqttBrokers;
import org.swarmsense.gateway.wire.Channel;
import org.swarmsense.gateway.wire.Command;
import org.swarmsense.gateway.wire.CommandReply;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.Payloads;
import org.swarmsense.gateway.wire.Waypoint;
import org.swarmsense.gateway.testing.TestClients;

/**
 * The retry timer of device commands (issue 18): over a real broker and the H2 journal, a device that
 * drops the first copies of a command gets it applied exactly once, and one that never answers has it
 * expired after the limit, shown as expired in {@code GET .../commands} and in the audit log.
 */
class CommandRetryTest {
  private static final String FLEET = "f1";
  private static final String TOKEN = "token-of-fleet-f1-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Fixed before the run: 4 copies, 2 s each, pauses 0.2 / 0.4 / 0.8 s: a silent device's command expires at ~9.4 s. */
  private static final Config RETRY = ConfigFactory.parseString("swarmsense.gateway.persistence.command-retry {"
      + " answer-timeout = 2s, first-delay = 200ms, factor = 2, max-delay = 1s, max-copies = 4 }");

  @Test
  void aDeviceDroppingCopiesAppliesTheCommandOnceAndASilentOneEndsExpired(@TempDir Path dir) throws Exception {
    PersistenceSettings ps = PersistenceSettings.fromConfig(ConfigFactory.load(), Map.of()).withDataDir(dir)
        .withMinFreeBytes(0);
    List<String> log = new CopyOnWriteArrayList<>();
    try (MqttBroker broker = MqttBrokers.available().get(0).start();
        GatewayStore store = GatewayStore.open(ps, RETRY.withFallback(GatewayNode.nodeConfig()))) {
      try (GatewayNode node = GatewayNode.start(new GatewayNode.Settings(
              MqttLinkSettings.defaults(broker.url(), "gw-retry"), FLEET::equals,
              new FleetTokens(Map.of(FLEET, TOKEN)), "127.0.0.1", 0, null, null, log::add), store);
          Device flaky = new Device(broker.url(), "d1", 2);
          Device silent = new Device(broker.url(), "d2", Integer.MAX_VALUE)) {
        assertEquals(4, node.devices().retry().maxCopies(), "the test's settings reached the node");
        assertTrue(node.link().mqtt().awaitConnected(Duration.ofSeconds(20)), "gateway connected");
        for (Device d : List.of(flaky, silent)) {
          await(() -> node.devices().view().device(d.key()).flatMap(s -> s.online()).orElse(false),
              d.id + " online for the gateway", 20);
        }

        FleetDevices.Submitted a = node.devices().submitCommand(FLEET, flaky.wire(), Command.land(now()),
            node.devices().retry().answerTimeout());
        FleetDevices.Submitted b = node.devices().submitCommand(FLEET, silent.wire(), Command.land(now()),
            node.devices().retry().answerTimeout());
        // a mission's plan to the same silent drone: its coordinator owns a missing answer, so the timer
        // sends no second copy (a late copy would fly a plan the mission already gave up)
        FleetDevices.Submitted p = node.devices().submitCommand(FLEET, silent.wire(), Command.plan(now(), "p1",
            List.of(new Waypoint(43.73, 7.42, 60, 0))), node.devices().retry().answerTimeout());
        assertFalse(a.outcome().get().answered(), "the first copy was dropped: no answer");

        // the flaky device: applied once, answered, no longer pending, never expired
        await(() -> pendingIds(store).stream().noneMatch(a.id()::equals), "d1's command answered", 30);
        assertEquals(1, flaky.applied.get(), "applied exactly once; copies seen " + flaky.copies);
        assertTrue(flaky.copies.get(a.id()).get() >= 3, "2 dropped + the answered one: " + flaky.copies);
        assertEquals(Set.of(a.id()), flaky.copies.keySet(), "one command id on every copy");

        // the silent device: exactly max-copies copies, then expired with the reason
        await(() -> store.commands(FLEET).expired().stream().anyMatch(x -> x.command().id().equals(b.id())),
            "d2's command expired", 40);
        Thread.sleep(2_000); // longer than max-delay: a fifth copy would have gone by now
        assertEquals(4, silent.copies.get(b.id()).get(), "copies to the silent device");
        assertEquals(1, silent.copies.get(p.id()).get(), "copies of the plan to the silent device");
        assertTrue(pendingIds(store).contains(p.id()), "the unanswered plan stays pending: " + pendingIds(store));
        assertEquals(0, silent.applied.get());
        PendingCommands state = store.commands(FLEET);
        System.out.println("copies received: flaky " + flaky.copies + " (applied " + flaky.applied + "), silent "
            + silent.copies + "; expired: " + state.expired());
        assertEquals(List.of(p.id()), state.list().stream().map(c -> c.id()).toList(), "only the plan left pending");
        assertEquals(1, state.answered());
        assertEquals(1, state.expiredTotal());
        assertTrue(state.expired().get(0).reason().contains("no answer to 4 copies"), state.expired().toString());

        JsonNode commands = get(node, "/api/fleets/" + FLEET + "/commands");
        assertEquals(1, commands.path("pending").size(), commands.toString());
        JsonNode x = commands.path("expired").get(0);
        assertEquals(b.id(), x.path("id").asText(), commands.toString());
        assertEquals("expired", x.path("state").asText());
        assertEquals("d2", x.path("device").asText());
        assertEquals("land", x.path("command").path("cmd").asText(), commands.toString());
        assertTrue(x.path("reason").asText().startsWith("no answer to 4 copies"), x.toString());

        JsonNode audit = get(node, "/api/fleets/" + FLEET + "/audit");
        boolean audited = false;
        for (JsonNode e : audit.path("entries")) {
          audited |= e.path("action").asText().equals("device.command.expired")
              && e.path("detail").asText().contains(b.id()) && e.path("who").asText().equals("gateway");
        }
        assertTrue(audited, audit.toString());
      }
    }
  }

  @Test
  void anExpiryIsKeptAndALateAnswerChangesNothing() {
    PendingCommand c = new PendingCommand("0123456789abcdef0123456789abcdef", "drone", "d1", "{\"cmd\":\"land\"}", 5);
    PendingCommands s = PendingCommands.EMPTY.apply(new PendingCommands.Accepted(c))
        .apply(new PendingCommands.Expired(c.id(), "no answer to 6 copies", 9));
    assertEquals(List.of(), s.list());
    assertEquals(List.of(new PendingCommands.ExpiredCommand(c, "no answer to 6 copies", 9)), s.expired());
    assertEquals(s, s.apply(new PendingCommands.Answered(c.id(), true, "", 10)), "answered after it expired");
    assertEquals(0, s.answered());
    // a snapshot from before expiry existed has no expired list: read as none
    assertEquals(List.of(), new PendingCommands(Map.of(), 3, 3, null, 0).expired());
  }

  @Test
  void theTimersPausesGrowToTheCapAndJunkSettingsAreRefusedByName() {
    FleetDevices.Retry shipped = FleetDevices.Retry.fromConfig(ConfigFactory.load());
    assertEquals(new FleetDevices.Retry(Duration.ofSeconds(30), Duration.ofSeconds(10), 2.0, Duration.ofMinutes(5), 6),
        shipped, "reference.conf");
    assertEquals(List.of(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40),
            Duration.ofSeconds(80), Duration.ofSeconds(160), Duration.ofMinutes(5)),
        List.of(1, 2, 3, 4, 5, 6).stream().map(shipped::delayAfter).toList());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new FleetDevices.Retry(Duration.ofSeconds(1), Duration.ofSeconds(1), 2, Duration.ofSeconds(1), 0));
    assertTrue(e.getMessage().contains("max-copies") && e.getMessage().contains("was 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new FleetDevices.Retry(Duration.ofSeconds(1), Duration.ofSeconds(2), 2, Duration.ofSeconds(1), 3));
    assertTrue(e.getMessage().contains("max-delay"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new FleetDevices.Retry(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1), 3));
    assertTrue(e.getMessage().contains("factor") && e.getMessage().contains("0.5"), e.getMessage());
  }

  private static List<String> pendingIds(GatewayStore store) {
    return store.commands(FLEET).list().stream().map(PendingCommand::id).toList();
  }

  private static long now() {
    return System.currentTimeMillis();
  }

  private static JsonNode get(GatewayNode node, String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.httpUrl() + path))
        .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  private static void await(BooleanSupplier ok, String what, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    while (!ok.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + seconds + " s: " + what);
      }
      Thread.sleep(50);
    }
  }

  /**
   * A drone that is a plain Paho client: online (retained), drops the first {@code drop} copies of
   * each command id, then applies an id once and answers every further copy (as the simulator does).
   */
  private static final class Device implements AutoCloseable {
    final String id;
    final int drop;
    final MqttClient client;
    final Map<String, AtomicInteger> copies = new ConcurrentHashMap<>();
    final Set<String> appliedIds = ConcurrentHashMap.newKeySet();
    final AtomicInteger applied = new AtomicInteger();
    final ExecutorService replies = Executors.newSingleThreadExecutor();

    Device(String url, String id, int drop) throws Exception {
      this.id = id;
      this.drop = drop;
      client = TestClients.plain(url, "dev-" + id);
      MqttConnectionOptions o = new MqttConnectionOptions();
      o.setCleanStart(true);
      client.connect(o);
      client.subscribe(new MqttSubscription[] {new MqttSubscription(wire().topic(Channel.CMD).toString(), 1)},
          new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, m) -> onCommand(m)});
      MqttMessage online = new MqttMessage("online".getBytes(StandardCharsets.UTF_8));
      online.setQos(1);
      online.setRetained(true);
      client.publish(wire().topic(Channel.STATUS).toString(), online);
    }

    DeviceId wire() {
      return new DeviceId(FLEET, DeviceKind.DRONE, id);
    }

    DeviceKey key() {
      return DeviceIngest.key(wire());
    }

    private void onCommand(MqttMessage m) {
      MqttProperties in = m.getProperties();
      String cid = new String(in.getCorrelationData(), StandardCharsets.US_ASCII);
      int n = copies.computeIfAbsent(cid, k -> new AtomicInteger()).incrementAndGet();
      if (n <= drop) {
        return;
      }
      Command c = Payloads.readCommand(m.getPayload());
      if (appliedIds.add(cid)) {
        applied.incrementAndGet();
      }
      MqttProperties out = new MqttProperties();
      out.setCorrelationData(in.getCorrelationData());
      MqttMessage reply = new MqttMessage(Payloads.toJson(CommandReply.accepted(now(), c.kind())));
      reply.setQos(1);
      reply.setProperties(out);
      String topic = in.getResponseTopic();
      // not on Paho's callback thread: a QoS 1 publish there waits on that same thread
      replies.execute(() -> {
        try {
          client.publish(topic, reply);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    }

    @Override
    public void close() throws Exception {
      replies.shutdownNow();
      MqttMessage gone = new MqttMessage(new byte[0]);
      gone.setRetained(true);
      client.publish(wire().topic(Channel.STATUS).toString(), gone);
      client.disconnect();
      client.close();
    }
  }
}
