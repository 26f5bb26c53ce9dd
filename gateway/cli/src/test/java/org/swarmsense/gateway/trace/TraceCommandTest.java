package org.swarmsense.gateway.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.cli.SwarmsenseCli;
import org.swarmsense.gateway.mqtt.MqttLink;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.simulator.DeviceSimulator;
import org.swarmsense.gateway.simulator.SimulatorSettings;
import org.swarmsense.gateway.testing.MqttBrokers.BrokerFactory;
import org.swarmsense.gateway.wire.Event;
import org.swarmsense.gateway.wire.Payloads;
import picocli.CommandLine;

/**
 * {@code swarmsense trace record} and {@code trace replay} run as a user would against real brokers:
 * record simulated devices, replay into another fleet and receive every message with its flags,
 * replay a truncated copy (exit 2, replay_incomplete on each device), and bad options.
 */
class TraceCommandTest {
  @TempDir Path dir;

  record Exit(int code, String out, String err) {}

  static Exit run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = SwarmsenseCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Exit(code, out.toString(), err.toString());
  }

  /** What a plain subscriber of a fleet received: topic, retained flag, payload. */
  record Got(String topic, boolean retained, byte[] payload) {}

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.swarmsense.gateway.testing.MqttBrokers#all")
  void recordThenReplayIntoAnotherFleet(BrokerFactory factory) throws Exception {
    try (MqttBroker broker = factory.start()) {
      Path file = dir.resolve("run.jsonl.gz");
      Exit rec;
      try (DeviceSimulator sim = DeviceSimulator.start(SimulatorSettings.of(broker.url(), "live", 3).withRateHz(5))) {
        assertTrue(sim.awaitConnected(Duration.ofSeconds(20)));
        rec = run("trace", "record", "--fleet", "live", "--out", file.toString(), "--mqtt-url", broker.url(),
            "--duration", "2s", "--seed", "5", "--source", "simulate");
      }
      assertEquals(0, rec.code(), rec.err());
      List<TraceMessage> trace = new ArrayList<>();
      try (TraceReader r = TraceReader.open(file)) {
        assertEquals(5L, r.header().seed());
        assertEquals("simulate", r.header().source());
        for (TraceMessage m; (m = r.next()) != null; ) {
          trace.add(m);
        }
      }
      assertTrue(rec.out().startsWith("recorded " + trace.size() + " messages of fleet live to " + file),
          rec.out());
      assertTrue(trace.size() >= 3 * 5, "3 devices at 5 Hz for 2 s, got " + trace.size());
      assertTrue(trace.stream().filter(m -> m.topic().endsWith("/status")).allMatch(TraceMessage::retained),
          "the retained statuses (present when recording started) are recorded retained");

      List<Got> got = subscribe(broker, "copy", () -> {
        Exit replay = run("trace", "replay", file.toString(), "--speed", "max", "--fleet", "copy",
            "--mqtt-url", broker.url());
        assertEquals(0, replay.code(), replay.err());
        assertTrue(replay.out().startsWith("replayed " + trace.size() + " messages of 3 devices"), replay.out());
      }, trace.size());
      assertEquals(trace.size(), got.size());
      // MQTT keeps order per topic (a broker may interleave QoS 0 and QoS 1 differently: HiveMQ does)
      java.util.Map<String, List<String>> sent = new java.util.TreeMap<>();
      java.util.Map<String, List<String>> received = new java.util.TreeMap<>();
      for (TraceMessage m : trace) {
        TraceMessage c = m.withFleet("copy");
        sent.computeIfAbsent(c.topic(), k -> new ArrayList<>()).add(c.retained() + " " + utf8(c.payload()));
      }
      for (Got g : got) {
        received.computeIfAbsent(g.topic(), k -> new ArrayList<>()).add(g.retained() + " " + utf8(g.payload()));
      }
      assertEquals(sent, received);

      // a truncated copy: what was valid goes out, then replay_incomplete on each device, exit 2
      byte[] all = Files.readAllBytes(file);
      Path cut = Files.write(dir.resolve("cut.jsonl.gz"), Arrays.copyOf(all, all.length * 2 / 3));
      List<Got> evts = new ArrayList<>();
      long[] replayed = {-1};
      List<Got> cutGot = subscribe(broker, "cut", () -> {
        Exit replay = run("trace", "replay", cut.toString(), "--speed", "max", "--fleet", "cut",
            "--mqtt-url", broker.url());
        assertEquals(2, replay.code(), replay.out() + replay.err());
        assertTrue(replay.err().lines().anyMatch(l -> l.startsWith("error: " + cut + ": line ")), replay.err());
        assertTrue(replay.err().contains("replay_incomplete sent on the evt topic of"), replay.err());
        java.util.regex.Matcher n = java.util.regex.Pattern.compile("replayed (\\d+) messages before it").matcher(replay.err());
        assertTrue(n.find(), replay.err());
        replayed[0] = Long.parseLong(n.group(1));
      }, -1);
      for (Got g : cutGot) {
        if (g.topic().endsWith("/evt")) {
          evts.add(g);
        }
      }
      assertTrue(cutGot.size() > evts.size(), "the valid part was replayed first");
      assertTrue(evts.size() >= 1 && evts.size() <= 3, "one per device that published: " + evts.size());
      for (Got g : evts) {
        Event e = Payloads.readEvent(g.payload());
        assertEquals("replay_incomplete", e.type());
        assertTrue(e.detail().contains(cut + ": line "), e.detail());
      }
      assertEquals(replayed[0], cutGot.size() - evts.size(), "every valid message before the cut arrived");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.swarmsense.gateway.testing.MqttBrokers#all")
  void badOptionsExitTwoWithOneLine(BrokerFactory factory) throws Exception {
    try (MqttBroker broker = factory.start()) {
      Exit e = run("trace", "replay", "monaco.xml.gz", "--mqtt-url", broker.url());
      assertEquals(2, e.code());
      assertEquals("error: --fleet is required to replay the vehicle trace monaco.xml.gz", e.err().strip());
      e = run("trace", "replay", "x.jsonl", "--speed", "fast", "--mqtt-url", broker.url());
      assertEquals(2, e.code());
      assertEquals("error: speed must be a number > 0 or max, was 'fast'", e.err().strip());
      e = run("trace", "record", "--fleet", "a/b", "--out", dir.resolve("x.jsonl").toString(), "--mqtt-url", broker.url());
      assertEquals(2, e.code());
      assertEquals("error: fleet must be 1..64 characters of [A-Za-z0-9_-], was 'a/b'", e.err().strip());
    }
  }

  /** Subscribes to a fleet, runs {@code action}, and collects until {@code expected} arrived (or 1 s of quiet when -1). */
  private static List<Got> subscribe(MqttBroker broker, String fleet, Runnable action, int expected) throws Exception {
    List<Got> got = new ArrayList<>();
    try (MqttLink sub = MqttLink.create(MqttLinkSettings.defaults(broker.url(), "sub-" + fleet + System.nanoTime())
        .withCleanStart(true))) {
      sub.subscribe("swarmsense/" + fleet + "/#", 1, (t, m) -> {
        synchronized (got) {
          got.add(new Got(t, m.isRetained(), m.getPayload()));
        }
      }, true);
      sub.connect();
      assertTrue(sub.awaitConnected(Duration.ofSeconds(10)));
      action.run();
      if (expected >= 0) {
        await(() -> size(got) >= expected, () -> fleet + ": " + size(got) + " of " + expected);
      }
      int last = -1;
      while (last != size(got)) { // quiet for a second: nothing more is coming
        last = size(got);
        Thread.sleep(1000);
      }
    }
    synchronized (got) {
      return new ArrayList<>(got);
    }
  }

  private static int size(List<Got> l) {
    synchronized (l) {
      return l.size();
    }
  }

  private static void await(BooleanSupplier done, java.util.function.Supplier<String> what) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not reached in 20 s: " + what.get());
      }
      Thread.sleep(20);
    }
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
