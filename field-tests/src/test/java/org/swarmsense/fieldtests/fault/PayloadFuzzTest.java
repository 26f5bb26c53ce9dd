package org.swarmsense.fieldtests.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.mqtt.FleetLink;
import org.swarmsense.gateway.mqtt.LinkMetrics;
import org.swarmsense.gateway.mqtt.MqttLink;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.mqtt.RecordingIngest;
import org.swarmsense.gateway.testing.MqttBrokers.BrokerFactory;
import org.swarmsense.gateway.wire.Channel;
import org.swarmsense.gateway.wire.PayloadException;
import org.swarmsense.gateway.wire.Payloads;
import org.swarmsense.gateway.wire.Rejection;

/**
 * 10,000 random and mutated payloads on device topics (seeded; the seed is printed, set
 * {@code -Dfuzz.seed=N} to repeat a run). Most are built with a known verdict (valid telemetry,
 * events and statuses; a truncated, re-versioned, field-dropped, field-added, out-of-range,
 * wrongly-typed, oversized or garbage payload; a bad topic; an unknown fleet), the rest are valid
 * payloads with random bytes flipped, whose verdict is whatever the wire codec says of the same
 * bytes. The gateway must not crash, and its {@link LinkMetrics} must match this test's own count
 * of accepted messages per channel and refused ones per reason, exactly.
 */
class PayloadFuzzTest {
  private static final String FLEET = "fz";
  private static final int MESSAGES = 10_000;
  private static final int BATCH = 250;
  private static final String[] STATES = {"idle", "flying", "landed", "charging", "hovering"};

  /** What one fuzzed message should come to: accepted on a channel, or refused for a reason (and under which fleet key). */
  record Expected(String fleetKey, Channel accepted, Rejection rejected) {}

  record Message(String topic, byte[] payload, Expected expected) {}

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.swarmsense.gateway.testing.MqttBrokers#all")
  void everyFuzzedPayloadIsCountedAsTheTestExpects(BrokerFactory brokers) throws Exception {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    System.out.println(brokers.kind() + ": payload fuzz seed " + seed + " (repeat with -Dfuzz.seed=" + seed + ")");
    Random random = new Random(seed);
    try (MqttBroker broker = brokers.start();
        FleetLink gateway = FleetLink.start(MqttLink.create(MqttLinkSettings.defaults(broker.url(), "gw-fuzz")),
            new RecordingIngest(), Set.of(FLEET)::contains, "gw");
        MqttLink devices = MqttLink.start(MqttLinkSettings.defaults(broker.url(), "fuzz-devices").withCleanStart(true))) {
      assertTrue(gateway.mqtt().awaitConnected(Duration.ofSeconds(10)));
      assertTrue(devices.awaitConnected(Duration.ofSeconds(10)));
      Map<String, Long> expectedAccepted = new TreeMap<>();
      Map<String, Long> expectedRejected = new TreeMap<>();
      Map<Rejection, Integer> byReason = new EnumMap<>(Rejection.class);
      int accepted = 0;
      for (int sent = 0; sent < MESSAGES; ) {
        int n = Math.min(BATCH, MESSAGES - sent);
        for (int i = 0; i < n; i++) {
          Message m = next(random, sent + i);
          devices.publish(m.topic(), m.payload(), 1, false);
          Expected e = m.expected();
          if (e.accepted() != null) {
            expectedAccepted.merge(e.fleetKey() + "/" + e.accepted(), 1L, Long::sum);
            accepted++;
          } else {
            expectedRejected.merge(e.fleetKey() + "/" + e.rejected().code(), 1L, Long::sum);
            byReason.merge(e.rejected(), 1, Integer::sum);
          }
        }
        sent += n;
        long target = sent;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (counted(gateway.metrics()) < target && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertEquals(target, counted(gateway.metrics()), "messages counted by the gateway after " + sent + " sent");
      }
      assertTrue(gateway.mqtt().isConnected(), "the gateway is still connected");
      Map<String, Long> actualAccepted = new TreeMap<>();
      for (Channel c : List.of(Channel.STATUS, Channel.TELEMETRY, Channel.EVT)) {
        long a = gateway.metrics().accepted(FLEET, c);
        if (a > 0) {
          actualAccepted.put(FLEET + "/" + c, a);
        }
      }
      Map<String, Long> actualRejected = new TreeMap<>();
      gateway.metrics().rejections().forEach((fleet, m) -> m.forEach((why, n) -> actualRejected.put(fleet + "/" + why, n)));
      System.out.printf(Locale.ROOT, "%s: %d payloads: %d accepted %s, %d refused %s%n", brokers.kind(), MESSAGES,
          accepted, expectedAccepted, MESSAGES - accepted, expectedRejected);
      assertEquals(expectedAccepted, actualAccepted, "accepted per fleet/channel");
      assertEquals(expectedRejected, actualRejected, "refused per fleet/reason");
      assertTrue(byReason.size() >= 8, "every kind of refusal was exercised: " + byReason);
    }
  }

  private static long counted(LinkMetrics m) {
    long a = 0;
    for (Channel c : List.of(Channel.STATUS, Channel.TELEMETRY, Channel.EVT)) {
      a += m.accepted(FLEET, c);
    }
    return a + m.totalRejected();
  }

  /** One fuzzed message, its expected verdict built alongside. */
  static Message next(Random r, int i) {
    String device = "dev" + (i % 50);
    String tele = "swarmsense/" + FLEET + "/drone/" + device + "/telemetry";
    int kind = r.nextInt(100);
    if (kind < 3) { // an unknown fleet: dropped whatever the payload
      return new Message("swarmsense/nobody/drone/" + device + "/telemetry", validTelemetry(r),
          new Expected(LinkMetrics.UNKNOWN_FLEET, null, Rejection.UNKNOWN_FLEET));
    }
    if (kind < 6) { // a topic outside the tree: kind 'tank', or an id of 65 characters
      String topic = r.nextBoolean() ? "swarmsense/" + FLEET + "/tank/" + device + "/telemetry"
          : "swarmsense/" + FLEET + "/drone/" + "x".repeat(65) + "/telemetry";
      return new Message(topic, validTelemetry(r), new Expected(FLEET, null, Rejection.BAD_TOPIC));
    }
    if (kind < 12) { // a status: online/offline, or something else
      String status = "swarmsense/" + FLEET + "/sensor/" + device + "/status";
      int s = r.nextInt(3);
      return s < 2 ? new Message(status, Payloads.status(s == 0), new Expected(FLEET, Channel.STATUS, null))
          : new Message(status, ("maybe-" + r.nextInt(1000)).getBytes(StandardCharsets.UTF_8),
              new Expected(FLEET, null, Rejection.BAD_VALUE));
    }
    if (kind < 16) { // a valid event
      String evt = "swarmsense/" + FLEET + "/drone/" + device + "/evt";
      String json = "{\"v\":1,\"t_ms\":" + r.nextInt(Integer.MAX_VALUE) + ",\"type\":\"alarm_" + r.nextInt(9)
          + "\",\"detail\":\"fuzz " + i + "\"}";
      return new Message(evt, json.getBytes(StandardCharsets.UTF_8), new Expected(FLEET, Channel.EVT, null));
    }
    if (kind < 36) { // valid telemetry
      return new Message(tele, validTelemetry(r), new Expected(FLEET, Channel.TELEMETRY, null));
    }
    if (kind < 70) { // a structural mutation with a known verdict
      String json = new String(validTelemetry(r), StandardCharsets.UTF_8);
      switch (r.nextInt(9)) {
        case 0 -> { // truncated: a proper prefix of a JSON object is never JSON
          return mutated(tele, json.substring(0, r.nextInt(json.length() - 1)), Rejection.NOT_JSON);
        }
        case 1 -> { // garbage bytes: 0xff never starts JSON
          byte[] b = new byte[1 + r.nextInt(200)];
          r.nextBytes(b);
          b[0] = (byte) 0xff;
          return new Message(tele, b, new Expected(FLEET, null, Rejection.NOT_JSON));
        }
        case 2 -> {
          return mutated(tele, json.replace("\"v\":1", "\"v\":" + (2 + r.nextInt(9))), Rejection.UNSUPPORTED_VERSION);
        }
        case 3 -> {
          String[] required = {"t_ms", "lat_deg", "lon_deg", "alt_m", "speed_m_s", "heading_deg", "battery_percent", "state"};
          return mutated(tele, dropField(json, required[r.nextInt(required.length)]), Rejection.MISSING_FIELD);
        }
        case 4 -> {
          String[] typos = {"speed_kmh", "lat", "battery", "alt_ft", "extra"};
          return mutated(tele, json.replace("{\"v\":1,", "{\"v\":1,\"" + typos[r.nextInt(typos.length)] + "\":1,"),
              Rejection.UNKNOWN_FIELD);
        }
        case 5 -> {
          String[][] outOfRange = {{"lat_deg", "147.4"}, {"lon_deg", "-181"}, {"battery_percent", "100.5"},
              {"speed_m_s", "-1"}, {"heading_deg", "360"}, {"alt_m", "25000"}};
          String[] f = outOfRange[r.nextInt(outOfRange.length)];
          return mutated(tele, setField(json, f[0], f[1]), Rejection.BAD_VALUE);
        }
        case 6 -> {
          String[] numbers = {"lat_deg", "lon_deg", "alt_m", "battery_percent"};
          return mutated(tele, setField(json, numbers[r.nextInt(numbers.length)], "\"ten\""), Rejection.BAD_VALUE);
        }
        case 7 -> {
          return mutated(tele, setField(json, "state", "\"Flying High\""), Rejection.BAD_VALUE);
        }
        default -> {
          byte[] big = new byte[Payloads.MAX_BYTES + 1 + r.nextInt(1000)];
          java.util.Arrays.fill(big, (byte) ' ');
          big[0] = '{';
          return new Message(tele, big, new Expected(FLEET, null, Rejection.TOO_LARGE));
        }
      }
    }
    // random byte flips in a valid payload: the verdict is what the codec says of those bytes
    byte[] b = validTelemetry(r);
    int flips = 1 + r.nextInt(4);
    for (int k = 0; k < flips; k++) {
      b[r.nextInt(b.length)] = (byte) r.nextInt(256);
    }
    try {
      Payloads.readTelemetry(b);
      return new Message(tele, b, new Expected(FLEET, Channel.TELEMETRY, null));
    } catch (PayloadException e) {
      return new Message(tele, b, new Expected(FLEET, null, e.rejection()));
    }
  }

  private static Message mutated(String topic, String json, Rejection why) {
    return new Message(topic, json.getBytes(StandardCharsets.UTF_8), new Expected(FLEET, null, why));
  }

  static byte[] validTelemetry(Random r) {
    String json = String.format(Locale.ROOT,
        "{\"v\":1,\"t_ms\":%d,\"lat_deg\":%.6f,\"lon_deg\":%.6f,\"alt_m\":%.1f,\"speed_m_s\":%.2f,"
            + "\"heading_deg\":%.1f,\"battery_percent\":%.1f,\"state\":\"%s\"}",
        System.currentTimeMillis() - r.nextInt(100_000), -89 + 178 * r.nextDouble(), -179 + 358 * r.nextDouble(),
        500 * r.nextDouble(), 40 * r.nextDouble(), 359.9 * r.nextDouble(), 100 * r.nextDouble(),
        STATES[r.nextInt(STATES.length)]);
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static String dropField(String json, String field) {
    return json.replaceAll(",\"" + field + "\":(\"[^\"]*\"|[^,}]*)", "");
  }

  private static String setField(String json, String field, String value) {
    return json.replaceAll("\"" + field + "\":(\"[^\"]*\"|[^,}]*)", "\"" + field + "\":" + java.util.regex.Matcher.quoteReplacement(value));
  }
}
