package org.swarmsense.gateway.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.swarmsense.agents.alarm.Alarm;
import org.swarmsense.agents.alarm.AlarmKind;
import org.swarmsense.agents.alarm.AlarmRules;
import org.swarmsense.agents.alarm.Geofence;
import org.swarmsense.agents.alarm.LinkMonitor;
import org.swarmsense.epos.sensing.flight.FlightPhase;
import org.swarmsense.epos.sensing.flight.FlightState;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.mqtt.FleetIngest;
import org.swarmsense.gateway.mqtt.FleetLink;
import org.swarmsense.gateway.mqtt.MqttLink;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.simulator.DeviceSimulator;
import org.swarmsense.gateway.simulator.SimulatorSettings;
import org.swarmsense.gateway.testing.MqttBrokers.BrokerFactory;
import org.swarmsense.gateway.wire.CommandReply;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.Event;
import org.swarmsense.gateway.wire.Telemetry;

/**
 * Record a few seconds of simulated devices on a real broker, replay the file at 1x and at 20x (each
 * into its own fleet) into a {@link FleetLink}, feed the replayed telemetry in message order, with the
 * messages' own timestamps, to the agents' alarm rules, and show that the alarms raised per device
 * are the same at both speeds.
 */
class ReplayDeterminismTest {
  static final String FLEET = "rec";
  static final double LAT0 = 47.3769;
  static final double LON0 = 8.5417;

  @TempDir Path dir;

  /**
   * The decision function: LOW_BATTERY below 99.97 %, GEOFENCE_BREACH east of the fleet centre,
   * LINK_LOST after 0.3 s without telemetry, all on the telemetry's t_ms. Runs on the link's callback
   * thread (one at a time).
   */
  static final class AlarmDecisions implements FleetIngest {
    final String fleet;
    final AlarmRules rules = new AlarmRules(99.97, new Geofence(-1e7, -1e7, 0, 1e7));
    final LinkMonitor links = new LinkMonitor(0.3);
    final Map<String, Set<AlarmKind>> active = new HashMap<>();
    final Map<String, List<String>> alarms = new TreeMap<>();
    long telemetry;

    AlarmDecisions(String fleet) {
      this.fleet = fleet;
    }

    @Override
    public synchronized void onTelemetry(DeviceId d, Telemetry t, long receivedAtMs) {
      if (!d.fleet().equals(fleet)) {
        return;
      }
      telemetry++;
      double tS = t.tMs() / 1000.0;
      double xM = (t.lonDeg() - LON0) * Math.toRadians(1) * 6_371_000 * Math.cos(Math.toRadians(LAT0));
      double yM = (t.latDeg() - LAT0) * Math.toRadians(1) * 6_371_000;
      FlightState s = new FlightState(tS, xM, yM, t.altM(), t.speedMps(),
          t.altM() > 0 ? FlightPhase.FLYING : FlightPhase.IDLE, -1, 0, t.batteryPercent(), 0, 0);
      AlarmRules.Evaluation e = rules.evaluate(d.id(), active.getOrDefault(d.id(), EnumSet.noneOf(AlarmKind.class)), s);
      active.put(d.id(), e.active());
      List<Alarm> out = new ArrayList<>(e.changes());
      out.addAll(links.seen(d.id(), tS));
      out.addAll(links.check(tS));
      for (Alarm a : out) {
        alarms.computeIfAbsent(a.deviceId(), k -> new ArrayList<>())
            .add(a.kind() + (a.raised() ? " raised" : " cleared") + " at t_ms=" + Math.round(a.tS() * 1000));
      }
    }

    synchronized long telemetry() {
      return telemetry;
    }

    synchronized Map<String, List<String>> alarms() {
      return new TreeMap<>(alarms);
    }

    @Override
    public void onDeviceRegistered(DeviceId device) {}

    @Override
    public void onStatus(DeviceId device, boolean online) {}

    @Override
    public void onEvent(DeviceId device, Event event) {}

    @Override
    public void onCommandReply(DeviceId device, CommandReply reply) {}

    @Override
    public void onEdgeResult(DeviceId edge, String taskId, byte[] payload) {}
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.swarmsense.gateway.testing.MqttBrokers#all")
  void sameAlarmsAtOneAndTwentyTimesSpeed(BrokerFactory factory) throws Exception {
    try (MqttBroker broker = factory.start()) {
      Path file = dir.resolve("run.jsonl.gz");
      long telemetryInTrace = 0;
      try (TraceRecorder rec = TraceRecorder.start(
          MqttLinkSettings.defaults(broker.url(), "rec-" + System.nanoTime()), file,
          TraceHeader.of(FLEET, "simulate", "", 1L, System.currentTimeMillis()))) {
        assertTrue(rec.awaitSubscribed(Duration.ofSeconds(10)));
        try (DeviceSimulator sim = DeviceSimulator.start(
            SimulatorSettings.of(broker.url(), FLEET, 6).withRateHz(5))) {
          assertTrue(sim.awaitConnected(Duration.ofSeconds(20)));
          Thread.sleep(1500);
          sim.dropConnection(sim.devices().get(1)); // a gap in one device's telemetry
          Thread.sleep(1500);
        }
        Thread.sleep(300); // the offline statuses
      }
      List<TraceMessage> trace = new ArrayList<>();
      try (TraceReader r = TraceReader.open(file)) {
        for (TraceMessage m; (m = r.next()) != null; ) {
          trace.add(m);
          if (m.topic().endsWith("/telemetry")) {
            telemetryInTrace++;
          }
        }
      }
      System.out.printf("%s: recorded %d messages, %d telemetry%n", factory, trace.size(), telemetryInTrace);
      assertTrue(telemetryInTrace >= 6 * 5 * 2, "about 6 devices x 5 Hz x 3 s, was " + telemetryInTrace);
      assertTrue(trace.stream().anyMatch(m -> m.topic().endsWith("/status") && m.retained()
          && new String(m.payload(), java.nio.charset.StandardCharsets.UTF_8).equals("online")),
          "the retained online statuses are recorded retained");

      Map<String, List<String>> at1 = replay(broker, file, 1, "x1", telemetryInTrace);
      Map<String, List<String>> at20 = replay(broker, file, 20, "x20", telemetryInTrace);
      System.out.printf("%s: alarms at 1x %s%n%s: alarms at 20x %s%n", factory, at1, factory, at20);
      assertTrue(at1.values().stream().flatMap(List::stream).anyMatch(s -> s.startsWith("LOW_BATTERY raised")), at1.toString());
      assertTrue(at1.values().stream().flatMap(List::stream).anyMatch(s -> s.startsWith("GEOFENCE_BREACH raised")), at1.toString());
      assertEquals(at1, at20);
    }
  }

  private static Map<String, List<String>> replay(
      MqttBroker broker, Path file, double speed, String fleet, long expected) throws Exception {
    AlarmDecisions decisions = new AlarmDecisions(fleet);
    try (FleetLink link = FleetLink.start(
        MqttLink.create(MqttLinkSettings.defaults(broker.url(), "gw-" + fleet + "-" + System.nanoTime())),
        decisions, fleet::equals, "gw-" + fleet)) {
      assertTrue(link.mqtt().awaitConnected(Duration.ofSeconds(10)));
      long t0 = System.nanoTime();
      try (TraceReader in = TraceReader.open(file);
          MqttTraceSink sink = MqttTraceSink.connect(broker.url(), "replay-" + fleet, "", "", 1000,
              Duration.ofSeconds(10))) {
        Replayer.Result r = Replayer.replay(in, sink, speed, fleet, ReplayClock.system(), null);
        System.out.printf("replayed %d messages at %.0fx in %.2f s%n", r.messages(), speed,
            (System.nanoTime() - t0) / 1e9);
      }
      await(() -> decisions.telemetry() >= expected, () -> "replayed telemetry at " + speed
          + "x: " + decisions.telemetry() + " of " + expected);
      return decisions.alarms();
    }
  }

  private static void await(BooleanSupplier done, java.util.function.Supplier<String> what)
      throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not reached in 20 s: " + what.get());
      }
      Thread.sleep(20);
    }
  }
}
