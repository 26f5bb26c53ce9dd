package org.swarmsense.fieldtests.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.swarmsense.fieldtests.clients.MosquittoClients;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.http.LiveHub;
import org.swarmsense.gateway.mqtt.FleetLink;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.runtime.DeviceIngest;
import org.swarmsense.gateway.runtime.GatewayNode;
import org.swarmsense.gateway.testing.MqttBrokers.BrokerFactory;
import org.swarmsense.gateway.wire.Command;
import org.swarmsense.gateway.wire.CommandKind;
import org.swarmsense.gateway.wire.CommandReply;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.Payloads;
import org.swarmsense.gateway.wire.Waypoint;
import org.swarmsense.gateway.testing.TestClients;

/**
 * A device that is only {@code mosquitto_pub} and {@code mosquitto_sub} processes joins the fleet
 * (retained online status + telemetry), is seen live by the gateway (a {@link GatewayNode}: its
 * device entity and {@link LiveHub}) and by a plain Paho operator client, gets a plan (its
 * {@code mosquitto_sub} receives the QoS 1 command with response topic and correlation data, the
 * payload byte-equal to what the gateway sent), answers with {@code mosquitto_pub -D publish
 * correlation-data}, and reports progress. On every broker of {@code MqttBrokers#all}.
 */
class DeviceJoinsTest {
  private static final String FLEET = "field";
  private static final DeviceId DEVICE = new DeviceId(FLEET, DeviceKind.DRONE, "cli-7");

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.swarmsense.gateway.testing.MqttBrokers#all")
  void aCommandLineDeviceJoinsIsSeenGetsAPlanAndReportsProgress(BrokerFactory brokers) throws Exception {
    try (MqttBroker broker = brokers.start()) {
      MosquittoClients cli = new MosquittoClients(broker.url());
      try (GatewayNode node = GatewayNode.start(new GatewayNode.Settings(
              MqttLinkSettings.defaults(broker.url(), "gw-field-" + brokers.kind()), Set.of(FLEET)::contains, null,
              "127.0.0.1", 0, null, null, line -> {}));
          MosquittoClients.Subscriber cmd = cli.subscribe(DEVICE.topic(org.swarmsense.gateway.wire.Channel.CMD).toString(), 1,
              null, null, "-i", "dev-cli-7", "-c", "-x", "3600")) {
        FleetLink gateway = node.link();
        LiveHub hub = node.hub();
        assertTrue(gateway.mqtt().awaitConnected(Duration.ofSeconds(10)), "gateway connected");
        cmd.awaitSubscribed(10_000);

        // a plain Paho client acting as an operator console, watching the fleet's subtree
        Set<String> operatorSaw = ConcurrentHashMap.newKeySet();
        MqttClient operator = TestClients.plain(broker.url(), "operator-" + brokers.kind());
        operator.connect(new MqttConnectionOptions());
        operator.subscribe(new MqttSubscription[] {new MqttSubscription("swarmsense/" + FLEET + "/#", 1)},
            new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
              (topic, m) -> operatorSaw.add(topic + " " + new String(m.getPayload(), StandardCharsets.UTF_8))});

        // 1. join: retained online status at QoS 1, then a telemetry sample
        String status = DEVICE.topic(org.swarmsense.gateway.wire.Channel.STATUS).toString();
        String telemetryTopic = DEVICE.topic(org.swarmsense.gateway.wire.Channel.TELEMETRY).toString();
        ok(cli.publish(status, "online", 1, null, null, "-r"));
        ok(cli.publish(telemetryTopic, telemetry(System.currentTimeMillis(), "landed", 0, 99.0), 0, null, null));
        await(() -> node.devices().view().device(DeviceIngest.key(DEVICE)).flatMap(d -> d.online()).orElse(false),
            "the device's entity sees it online");
        await(() -> hub.device(FLEET, DEVICE.id()).isPresent(), "live hub shows the device");
        assertEquals("landed", hub.device(FLEET, DEVICE.id()).get().path("state").asText());
        assertTrue(node.devices().devicesOf(FLEET).contains(DEVICE));
        await(() -> operatorSaw.contains(status + " online"), "the Paho operator sees the status");

        // 2. a plan from the gateway; the device's mosquitto_sub receives it
        Command plan = Command.plan(System.currentTimeMillis(), "p-field-1", List.of(
            new Waypoint(43.7384, 7.4246, 60, 5), new Waypoint(43.7390, 7.4260, 60, 0)));
        byte[] sent = Payloads.toJson(plan);
        // through the device's entity, which sends it through the fleet link
        CompletableFuture<CommandReply> reply =
            node.devices().sendCommand(FLEET, DEVICE, plan, Duration.ofSeconds(5));
        MosquittoClients.Received got = cmd.await(1, 10_000).get(0);
        int attempts = 1;
        assertEquals(1, got.qos(), "plan delivered at QoS 1");
        assertArrayEquals(sent, got.payload(), "plan payload byte-equal to what the gateway sent");
        assertEquals("swarmsense/" + FLEET + "/gateway/gateway/reply", got.responseTopic());
        String correlation = new String(got.correlation(), java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(correlation.matches("[0-9a-f]{32}"),
            "printable correlation data that a shell script can echo, was " + correlation);
        // 3. the device answers with mosquitto_pub on the response topic, echoing the correlation data
        ok(cli.answer(got.responseTopic(), got.correlation(),
            "{\"v\":1,\"t_ms\":" + System.currentTimeMillis() + ",\"cmd\":\"plan\",\"ok\":true}"));
        CommandReply answer = reply.get(10, TimeUnit.SECONDS);
        assertTrue(answer.ok());
        assertEquals(CommandKind.PLAN, answer.cmd());

        // 4. progress: the device flies and reports it
        ok(cli.publish(telemetryTopic, telemetry(System.currentTimeMillis(), "flying", 60, 97.5), 0, null, null));
        await(() -> "flying".equals(hub.device(FLEET, DEVICE.id()).map(d -> d.path("state").asText()).orElse("")),
            "live hub shows the device flying");
        assertEquals(60.0, hub.device(FLEET, DEVICE.id()).get().path("alt_m").asDouble());
        await(() -> operatorSaw.stream().anyMatch(s -> s.startsWith(telemetryTopic) && s.contains("flying")),
            "the Paho operator sees the progress");
        assertEquals(0, gateway.metrics().totalRejected(), "nothing rejected: " + gateway.metrics().rejections());
        System.out.printf("%s: device joined, seen live, plan (%d bytes, correlation %s) delivered at QoS 1 and"
                + " answered by mosquitto_pub after %d attempt(s), progress seen; accepted telemetry %d%n",
            brokers.kind(), sent.length, HexFormat.of().formatHex(got.correlation()), attempts,
            node.devices().view().observations());
        operator.disconnect();
        operator.close();
      }
    }
  }

  static String telemetry(long tMs, String state, double altM, double batteryPercent) {
    return "{\"v\":1,\"t_ms\":" + tMs + ",\"lat_deg\":43.7384,\"lon_deg\":7.4246,\"alt_m\":" + altM
        + ",\"speed_m_s\":" + (altM > 0 ? 8.0 : 0.0) + ",\"heading_deg\":90.0,\"battery_percent\":" + batteryPercent
        + ",\"state\":\"" + state + "\"}";
  }

  static void ok(MosquittoClients.Outcome o) {
    assertEquals(0, o.exitCode(), "mosquitto client failed: " + o.output());
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting: " + what);
      }
      Thread.sleep(20);
    }
  }
}
