package org.swarmsense.fieldtests.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.swarmsense.gateway.broker.FreePorts;
import org.swarmsense.gateway.broker.MosquittoBroker;
import org.swarmsense.gateway.cli.SwarmsenseCli;
import org.swarmsense.gateway.http.FleetTokens;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.runtime.GatewayNode;
import org.swarmsense.gateway.wire.CommandKind;
import org.swarmsense.gateway.wire.CommandReply;
import org.swarmsense.gateway.wire.Payloads;
import picocli.CommandLine;
import org.swarmsense.gateway.testing.TestClients;

/**
 * Issue 16 part 4's new inputs. {@code serve}'s cluster options ({@code --seed-node}, {@code
 * --cluster-host}, {@code --cluster-port}) with bad values stop it before anything starts: exit 2, one
 * line naming the option. {@code POST /api/fleets/{fleet}/devices/{id}/commands} (a real gateway node
 * on a Mosquitto process, a Paho device answering its commands): a good command reaches the device and
 * answers 200; a bad body, command, kind or id answers 400 naming the field and sends nothing; another
 * fleet 403, no token 401; a device that does not answer 202 pending.
 */
class ClusterAndCommandAbuseTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "cluster-abuse-token-0016";

  record Outcome(int exit, String err) {}

  static Outcome serve(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = SwarmsenseCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("serve", "--http-port", "0", "--duration", "1s"));
    all.addAll(List.of(args));
    int exit = cli.execute(all.toArray(String[]::new));
    System.out.println(String.join(" ", args) + ": exit " + exit + ": " + err.toString().strip());
    return new Outcome(exit, err.toString());
  }

  @Test
  void badClusterOptionsStopServeNamingTheOption() throws Exception {
    String broker = "tcp://127.0.0.1:" + FreePorts.pick();
    try (ServerSocket busy = new ServerSocket(0)) {
      String[][] probes = {
          {"--seed-node", "--mqtt-url", broker, "--seed-node", "127.0.0.1"},
          {"--seed-node", "--mqtt-url", broker, "--seed-node", "127.0.0.1:0"},
          {"--seed-node", "--mqtt-url", broker, "--seed-node", "127.0.0.1:65536"},
          {"--seed-node", "--mqtt-url", broker, "--seed-node", "no host:25520"},
          {"--seed-node", "--mqtt-url", broker, "--seed-node", "pekko://x@h:25520"},
          {"--seed-node", "--mqtt-url", broker, "--seed-node", ""},
          {"--cluster-port", "--mqtt-url", broker, "--seed-node", "127.0.0.1:25520", "--cluster-port", "-1"},
          {"--cluster-port", "--mqtt-url", broker, "--seed-node", "127.0.0.1:25520", "--cluster-port", "70000"},
          {"--cluster-port", "--mqtt-url", broker, "--seed-node", "127.0.0.1:25520", "--cluster-port", "abc"},
          {"--cluster-port", "--mqtt-url", broker, "--seed-node", "127.0.0.1:25520", "--cluster-port",
              String.valueOf(busy.getLocalPort())},
          {"--cluster-host", "--mqtt-url", broker, "--seed-node", "127.0.0.1:25520", "--cluster-host", "a\"b"},
          {"--cluster-host", "--mqtt-url", broker, "--seed-node", "127.0.0.1:25520", "--cluster-host", ""},
          {"--seed-node", "--mqtt-url", broker, "--cluster-port", "25520"},
          {"--seed-node", "--seed-node", "127.0.0.1:25520"}};
      for (String[] p : probes) {
        Outcome o = serve(java.util.Arrays.copyOfRange(p, 1, p.length));
        assertEquals(2, o.exit(), o.err());
        // one line naming the option (picocli's own type errors add the usage after it)
        assertTrue(o.err().strip().lines().findFirst().orElse("").contains(p[0]), "names " + p[0] + ": " + o.err());
        assertTrue(!o.err().contains("Exception"), o.err());
      }
    }
  }

  static HttpResponse<String> post(String url, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theCommandEndpointRefusesBadInputNamingTheFieldAndSendsNothing() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start();
        GatewayNode node = GatewayNode.start(new GatewayNode.Settings(
            MqttLinkSettings.defaults(broker.url(), "gw-command-abuse"), Set.of("default", "other")::contains,
            new FleetTokens(Map.of("default", TOKEN, "other", TOKEN + "-other")), "127.0.0.1", 0, null, null,
            line -> { }))) {
      assertTrue(node.link().mqtt().awaitConnected(Duration.ofSeconds(30)));
      List<String> got = new CopyOnWriteArrayList<>();
      MqttClient device = TestClients.plain(broker.url(), "abuse-c1");
      device.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
        @Override
        public void messageArrived(String topic, MqttMessage m) throws Exception {
          got.add(new String(m.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
          MqttProperties out = new MqttProperties();
          out.setCorrelationData(m.getProperties().getCorrelationData());
          MqttMessage reply = new MqttMessage(Payloads.toJson(CommandReply.accepted(System.currentTimeMillis(),
              CommandKind.HOLD)));
          reply.setProperties(out);
          new Thread(() -> {
            try {
              device.publish(m.getProperties().getResponseTopic(), reply);
            } catch (Exception e) {
              System.out.println("reply not sent: " + e);
            }
          }).start();
        }

        @Override
        public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) { }

        @Override
        public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) { }

        @Override
        public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken t) { }

        @Override
        public void connectComplete(boolean reconnect, String uri) { }

        @Override
        public void authPacketArrived(int code, MqttProperties p) { }
      });
      device.connect(new MqttConnectionOptions());
      device.subscribe("swarmsense/default/drone/c1/cmd", 1);
      String api = node.httpUrl() + "/api/fleets/default/devices/";
      long now = System.currentTimeMillis();

      // c1 sends no telemetry, so this node's view does not know its kind: ?kind= names it
      HttpResponse<String> ok = post(api + "c1/commands?kind=drone", TOKEN, "{\"v\":1,\"t_ms\":" + now + ",\"cmd\":\"hold\"}");
      System.out.println("good command: " + ok.statusCode() + " " + ok.body());
      assertEquals(200, ok.statusCode(), ok.body());
      assertTrue(JSON.readTree(ok.body()).path("ok").asBoolean(), ok.body());
      assertEquals(1, got.size(), got.toString());

      String[][] probes = {
          {"c1/commands?kind=drone", "not json", "body"},
          {"c1/commands?kind=drone", "{\"v\":1,\"t_ms\":" + now + ",\"cmd\":\"fly\"}", "cmd"},
          {"c1/commands?kind=drone", "{\"v\":1,\"cmd\":\"hold\"}", "t_ms"},
          {"c1/commands?kind=drone", "{\"v\":1,\"t_ms\":-5,\"cmd\":\"hold\"}", "t_ms"},
          {"c1/commands?kind=drone", "{\"v\":1,\"t_ms\":" + now + ",\"cmd\":\"rate\",\"rate_hz\":-3}", "rate_hz"},
          {"c1/commands?kind=robot", "{\"v\":1,\"t_ms\":" + now + ",\"cmd\":\"hold\"}", "kind"},
          {"c1/commands?kind=", "{\"v\":1,\"t_ms\":" + now + ",\"cmd\":\"hold\"}", "kind"},
          {"x".repeat(65) + "/commands", "{\"v\":1,\"t_ms\":" + now + ",\"cmd\":\"hold\"}", "id"},
          {"d%C3%A9/commands", "{\"v\":1,\"t_ms\":" + now + ",\"cmd\":\"hold\"}", "id"},
          {"a.b/commands", "{\"v\":1,\"t_ms\":" + now + ",\"cmd\":\"hold\"}", "id"}};
      for (String[] p : probes) {
        HttpResponse<String> r = post(api + p[0], TOKEN, p[1]);
        System.out.println("POST devices/" + p[0] + " " + p[1] + ": " + r.statusCode() + " " + r.body());
        assertEquals(400, r.statusCode(), p[0] + " " + r.body());
        JsonNode e = JSON.readTree(r.body());
        assertTrue(p[2].equals(e.path("field").asText()) || e.path("error").asText().contains(p[2]),
            "names " + p[2] + ": " + r.body());
      }
      HttpResponse<String> other = post(node.httpUrl() + "/api/fleets/other/devices/c1/commands", TOKEN,
          "{\"v\":1,\"t_ms\":" + now + ",\"cmd\":\"hold\"}");
      assertEquals(403, other.statusCode(), other.body());
      HttpResponse<String> none = post(api + "c1/commands", null, "{\"v\":1,\"t_ms\":" + now + ",\"cmd\":\"hold\"}");
      assertEquals(401, none.statusCode(), none.body());
      assertEquals(1, got.size(), "nothing but the good command reached the device: " + got);

      HttpResponse<String> silent = post(api + "nobody/commands?kind=drone&wait_ms=1000", TOKEN, "{\"v\":1,\"t_ms\":" + now
          + ",\"cmd\":\"land\"}");
      System.out.println("a device that does not answer: " + silent.statusCode() + " " + silent.body());
      // journaled and sent; no answer within wait_ms: 202 pending (sent again when the device comes online)
      assertEquals(202, silent.statusCode(), silent.body());
      assertEquals("pending", JSON.readTree(silent.body()).path("state").asText(), silent.body());
      device.disconnect();
      device.close();
    }
  }
}
