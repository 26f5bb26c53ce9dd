package org.swarmsense.gateway.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.swarmsense.epos.sensing.MissionPlanner.Result;
import org.swarmsense.epos.sensing.MissionPlanner.Run;
import org.swarmsense.epos.sensing.Strategy;
import org.swarmsense.epos.sensing.mission.Mission;
import org.swarmsense.epos.sensing.plans.PlanGenerator;
import org.swarmsense.epos.sensing.plans.SensingProblem;
import org.swarmsense.gateway.broker.EmbeddedBroker;
import org.swarmsense.gateway.http.FleetTokens;
import org.swarmsense.gateway.http.MapLayer;
import org.swarmsense.gateway.mission.MissionFlight;
import org.swarmsense.gateway.mission.MissionDesk;
import org.swarmsense.gateway.mission.MissionState;
import org.swarmsense.gateway.mission.MissionStatus;
import org.swarmsense.gateway.mission.PlanningService.PlannedMission;
import org.swarmsense.gateway.mission.PlanWaypoints;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.runtime.GatewayNode;
import org.swarmsense.epos.sensing.report.OffloadFigures;
import org.swarmsense.epos.sensing.report.ReportWriter;
import org.swarmsense.gateway.offload.FleetOffload;
import org.swarmsense.gateway.offload.OffloadSettings;
import org.swarmsense.gateway.simulator.DeviceSimulator;
import org.swarmsense.maps.MapsSettings;
import org.swarmsense.maps.camera.MapScene;
import org.swarmsense.gateway.simulator.SimulatorSettings;
import org.swarmsense.gateway.simulator.WaypointFlight;
import org.swarmsense.gateway.wire.Command;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.Waypoint;
import org.swarmsense.maps.geo.LocalProjection;
import org.swarmsense.maps.geo.LonLatBounds;
import org.swarmsense.maps.roads.RoadGraph;
import org.swarmsense.maps.traffic.SumoFcdReader;
import org.swarmsense.maps.traffic.Trajectory;

/**
 * {@code swarmsense demo}: the whole product on one machine, with the same parts {@code serve}
 * uses. It starts the embedded broker, loads the shipped city map, derives demand from the shipped
 * traffic trace, generates candidate plans and plans the mission (I-EPOS and the baselines for the
 * report), plans it again with decentralized I-EPOS among the drones' planning agents (Pekko actors
 * exchanging only aggregates) and checks both agree, starts simulated drones that connect over MQTT
 * like real devices, sends each its plan as a QoS 1 command, and shows them flying on the dashboard
 * until the plans are done or the duration is over. Not thread-safe: one run per instance.
 */
public final class Demo implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String FLEET = "demo";

  /**
   * @param drones fleet size
   * @param duration how long the flight may take on the wall clock; the mission window is flown
   *     faster than real time to fit
   * @param httpPort dashboard port, 0 for a free one
   * @param headless no dashboard server (scripted use)
   * @param cacheDir where the shipped data and road graphs are cached
   */
  public record Settings(int drones, Duration duration, int httpPort, boolean headless, Path cacheDir) {
    public Settings {
      if (drones < 1 || drones > 1_000) {
        throw new IllegalArgumentException("--drones must be 1..1000, was " + drones);
      }
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("--duration must be positive, was " + duration);
      }
      if (httpPort < 0 || httpPort > 65535) {
        throw new IllegalArgumentException("--port must be 0..65535, was " + httpPort);
      }
    }
  }

  /** What a run did, for the caller and for tests. */
  public record Outcome(
      JsonNode report,
      int[] centralSelection,
      int[] decentralizedSelection,
      int plansAccepted,
      long telemetryReceived,
      long rejectedPayloads,
      boolean allLanded) {
    public boolean selectionsAgree() {
      return Arrays.equals(centralSelection, decentralizedSelection);
    }
  }

  private final Settings settings;
  private final PrintStream out;
  private final PrintStream err;
  private ActorSystem<SpawnProtocol.Command> system;
  private EmbeddedBroker broker;
  private GatewayNode node;
  private RoadGraph roads;
  private DeviceSimulator devices;
  private String dashboardUrl;
  private org.swarmsense.agents.edge.EdgeNodeSettings edge =
      org.swarmsense.agents.settings.AgentsSettings.defaults().edgeNode();
  private org.swarmsense.gateway.edge.EdgeNodes edgeNodes;
  private Path reportDir;
  private boolean captureControl = true;
  private LiveCaptureControl liveControl;

  public Demo(Settings settings, PrintStream out, PrintStream err) {
    this.settings = settings;
    this.out = out;
    this.err = err;
  }

  /**
   * Starts {@code edge.count()} edge nodes of the demo fleet around the map centre too (their load is
   * printed at the end); reference.conf's count (0) otherwise. Call before {@link #run}.
   */
  public Demo withEdgeNodes(org.swarmsense.agents.edge.EdgeNodeSettings edge) {
    this.edge = edge;
    return this;
  }

  /**
   * Also writes the live mission's report.json and report.html (with the fleet's offload figures
   * when it offloaded) into {@code dir} at the end; null: not written. Call before {@link #run}.
   */
  public Demo withReportDir(Path dir) {
    this.reportDir = dir;
    return this;
  }

  /**
   * Whether the drones take their capture rate and on-board / edge choice from the live capture control
   * (issue 15 part 4; on by default; needs edge nodes); off: every hovering drone captures at the
   * sampling rate and offloads every frame, as before. Call before {@link #run}.
   */
  public Demo withCaptureControl(boolean on) {
    this.captureControl = on;
    return this;
  }

  /** The dashboard's URL (with the fleet token), once {@link #run} has started it. */
  public String dashboardUrl() {
    return dashboardUrl;
  }

  /** Runs the demo to its end. */
  public Outcome run() throws Exception {
    // the edge nodes' detectors first: a model or patch calibration that cannot run stops the demo here
    org.swarmsense.gateway.edge.EdgeNodes.Detectors detectors = org.swarmsense.gateway.edge.EdgeNodes.open(edge);
    DemoData data = DemoData.extractTo(settings.cacheDir());
    err.println("loading the Monaco road graph (cached after the first run) ...");
    roads = RoadGraph.load(data.osmFile(), data.cacheDir());
    LonLatBounds b = roads.bounds();
    MapLayer map =
        new MapLayer(
            "Monaco",
            DemoData.ATTRIBUTION,
            new double[] {b.minLonDeg(), b.minLatDeg(), b.maxLonDeg(), b.maxLatDeg()},
            roads.roadNetworkGeoJson(3.0));
    err.printf(Locale.ROOT, "road graph: %,d nodes, %,d edges%n", roads.nodeCount(), roads.edgeCount());

    broker = EmbeddedBroker.start();
    err.println("MQTT broker (embedded HiveMQ CE): " + broker.url());
    String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    node =
        GatewayNode.start(
            new GatewayNode.Settings(
                MqttLinkSettings.defaults(broker.url(), "swarmsense-gateway"),
                fleet -> fleet.equals(FLEET),
                settings.headless() ? null : new FleetTokens(Map.of(FLEET, token)),
                "127.0.0.1",
                settings.httpPort(),
                map,
                data.traceFile(),
                line -> {}));
    system = node.system();
    if (!node.link().mqtt().awaitConnected(Duration.ofSeconds(30))) {
      throw new IllegalStateException("the gateway could not connect to " + broker.url());
    }
    edgeNodes = org.swarmsense.gateway.edge.EdgeNodes.start(system, MqttLinkSettings.defaults(broker.url(), "unused"),
        FLEET, (b.minLatDeg() + b.maxLatDeg()) / 2, (b.minLonDeg() + b.maxLonDeg()) / 2, detectors);
    for (var n : edgeNodes.nodes()) {
      err.println("edge node " + n.id() + " started (detector "
          + org.swarmsense.gateway.edge.EdgeNodes.describeDetector(edge) + ")");
    }
    MissionDesk desk = node.desk(FLEET);
    org.swarmsense.agents.device.DeviceView registry = node.devices().view();
    if (!settings.headless()) {
      dashboardUrl = node.httpUrl() + "/dashboard/?fleet=" + FLEET + "&token=" + token;
      out.println("dashboard: " + dashboardUrl);
      out.flush();
    }

    // 1. plan: candidate plans, I-EPOS in process and the baselines (the report)
    String id = desk.submit(FLEET, mission(data.traceFile(), settings.drones()).toString()).path("id").asText();
    MissionStatus status = desk.missionStatus(FLEET, id);
    String lastProgress = "";
    while (status.state() == MissionState.PLANNING) {
      Thread.sleep(100);
      status = desk.missionStatus(FLEET, id);
      String progress = status.progress();
      if (!progress.isEmpty() && !progress.equals(lastProgress)) {
        err.println("planning: " + progress);
        lastProgress = progress;
      }
    }
    if (status.state() != MissionState.PLANNED) {
      throw new IllegalStateException("the demo mission was not planned: " + status.error());
    }
    PlannedMission planned = desk.planned(FLEET, id);
    Result result = planned.result();
    Run run = result.runs().get(0);
    int[] central = run.results().get(Strategy.I_EPOS).selection();

    // 2. the drones connect over MQTT (simulated), each becoming a device entity of the gateway
    LocalProjection projection =
        result.projection().orElseThrow(() -> new IllegalStateException("the demo mission is geographic"));
    Mission.Fleet fleet = result.mission().fleet();
    List<List<Waypoint>> plans = new ArrayList<>();
    List<double[]> homes = new ArrayList<>();
    double longestS = 0;
    for (int d = 0; d < run.plans().size(); d++) {
      // the flight lengths set the time factor; they are those of the in-process selection, which the
      // decentralized planning is checked against below
      List<Waypoint> w =
          central[d] == MissionFlight.NO_PLAN
              ? List.of()
              : PlanWaypoints.of(
                  run.plans().get(d).get(central[d]),
                  projection,
                  fleet.altitudeM(),
                  fleet.batterySwapS(),
                  result.energy());
      plans.add(w);
      SensingProblem p = run.problem();
      int base = PlanGenerator.baseOf(d, p.bases());
      org.locationtech.jts.geom.Coordinate home = projection.toWgs84(p.bx(base), p.by(base));
      homes.add(new double[] {home.x, home.y});
      longestS = Math.max(longestS, flightS(w, home, result));
    }
    double timeFactor = Math.max(1, Math.min(1000, longestS / Math.max(1, settings.duration().toSeconds() - 5)));
    FleetOffload offload = null;
    if (!edgeNodes.nodes().isEmpty()) {
      // hovering drones photograph Monaco and its traffic at the mission's altitude and offload to the nodes,
      // in the learned band order the nodes' detector knows (the last of their orders)
      List<org.swarmsense.semantic.codec.BandOrder> orders = org.swarmsense.gateway.edge.EdgeNodes.ordersFor(edge);
      offload = FleetOffload.nadir(MapScene.load(data.osmFile()), java.util.Optional.of(data.traceFile()),
          MapsSettings.load().camera().withAltitudeM(fleet.altitudeM()), timeFactor, orders.get(orders.size() - 1),
          OffloadSettings.load());
      err.printf(Locale.ROOT, "offloading: hovering drones send %.1f frames/s each to the nearest edge node"
          + " (band order id %d, deadline %d ms)%n", offload.settings().samplingHz(), offload.order().id(),
          offload.settings().deadline().toMillis());
      offload.legChecks().ifPresent(c -> err.printf(Locale.ROOT, "leg checks: flying drones send a stereo pair every %d s"
          + " to the nearest edge node (deadline %d ms, corridor +-%.0f m, obstacles from %.0f m above the ground)%n",
          c.settings().interval().toSeconds(), c.settings().deadline().toMillis(), c.settings().corridorHalfWidthM(),
          c.settings().obstacleHeightM()));
    }
    if (offload != null && captureControl) {
      // the live capture control (issue 15 part 4): one per fleet, in the simulator standing in for the operator
      double bits = LiveCaptureControl.frameBits(offload, (b.minLatDeg() + b.maxLatDeg()) / 2,
          (b.minLonDeg() + b.maxLonDeg()) / 2);
      // the slots the planned flights describe (agents README, live choice 7: printed before flying) and the price
      // rule's reference slot from them (live choice 9), from the flights the drones will fly and the nodes'
      // positions, sampled once a control slot of mission time
      org.swarmsense.gateway.offload.EdgeDirectory nodes = new org.swarmsense.gateway.offload.EdgeDirectory();
      for (var n : edgeNodes.nodes()) {
        nodes.onTelemetry(n.id(), new org.swarmsense.gateway.wire.EdgeTelemetry(
            org.swarmsense.gateway.wire.Payloads.VERSION, System.currentTimeMillis(), n.position().latDeg(),
            n.position().lonDeg(), n.position().altM(), "serving", 0, 1, 0, 0, 0));
      }
      List<WaypointFlight> flights = new ArrayList<>();
      for (int d = 0; d < plans.size(); d++) {
        flights.add(new WaypointFlight(new Waypoint(homes.get(d)[1], homes.get(d)[0], 0, 0), plans.get(d),
            result.energy()));
      }
      List<int[]> plannedSlots = LiveCaptureControl.plannedSlots(flights, nodes,
          org.swarmsense.semantic.SemanticCommSettings.current().controlChannelDistancesM(),
          org.swarmsense.semantic.control.ControlModel.fromSettings().slotS() * timeFactor);
      liveControl = LiveCaptureControl.create(run.plans().size(), offload.settings().samplingHz(), bits, plannedSlots);
      long plannedHovering = plannedSlots.stream().filter(s -> s.length > 0).count();
      long plannedDroneSlots = plannedSlots.stream().mapToLong(s -> s.length).sum();
      err.printf(Locale.ROOT, "capture control: each %d ms slot the drift-plus-penalty controller sets every drone's"
          + " capture level and on-board / edge choice (frame %.0f kbit measured; --no-capture-control turns it off);"
          + " the plans hover in %d slots (%d drone-slots) at %.1fx; %s%n", liveControl.slot().toMillis(), bits / 1e3,
          plannedHovering, plannedDroneSlots, timeFactor, liveControl.priceLine());
    }
    devices =
        DeviceSimulator.start(
            SimulatorSettings.of(broker.url(), FLEET, run.plans().size())
                .withRateHz(2)
                .withLayout(new SimulatorSettings.Layout(homes, true, true, timeFactor)),
            offload, liveControl);
    if (!devices.awaitConnected(Duration.ofSeconds(30))) {
      throw new IllegalStateException("the simulated drones could not connect");
    }
    List<DeviceId> ids = devices.devices();
    long registeredBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!node.devices().devicesOf(FLEET).containsAll(ids) && System.nanoTime() < registeredBy) {
      Thread.sleep(50);
    }
    // 3. run: the gateway's mission coordinator plans again among the drone entities' own planning
    // agents (decentralized I-EPOS), then flies that selection: QoS 1 plan commands through the entities
    err.println("decentralized I-EPOS: " + run.plans().size() + " drone entities' planning agents plan over the actor tree ...");
    // the simulated drones fly timeFactor x faster than the wall clock: so does the mission's clock
    node.missionClockFactor(FLEET, timeFactor);
    JsonNode running = desk.run(FLEET, id);
    int[] decentral = new int[run.plans().size()];
    JsonNode chosen = running.path("planning").path("selection");
    for (int d = 0; d < decentral.length; d++) {
      decentral[d] = chosen.path(d).asInt(Integer.MIN_VALUE);
    }
    out.printf(
        Locale.ROOT,
        "decentralized I-EPOS selected the same plans as the in-process planner: %s%n",
        Arrays.equals(central, decentral) ? "yes" : "NO");
    int accepted = running.path("dispatch").path("accepted").asInt();
    err.printf(
        Locale.ROOT,
        "%d of %d drones accepted their plan; flying %.0f s of mission at %.1fx (Ctrl-C stops) ...%n",
        accepted,
        ids.size(),
        longestS,
        timeFactor);
    long flightStart = System.nanoTime();
    boolean allLanded = waitForFlights(settings.duration(), desk, id, timeFactor, longestS);
    double flownS = missionS(flightStart, timeFactor);

    if (devices.offloads() && !devices.finishOffloading(Duration.ofSeconds(20))) {
      err.println("offloading: some frames were still in flight after 20 s; they are counted as sent, not answered");
    }
    ObjectNode report = desk.report(FLEET, id).deepCopy();
    java.util.Optional<OffloadFigures> offloaded = devices.offloads()
        ? java.util.Optional.of(devices.offloadFigures()) : java.util.Optional.empty();
    offloaded.ifPresent(f -> report.set("offload", ReportWriter.offloadJson(f)));
    java.util.Optional<org.swarmsense.epos.sensing.evaluation.CaptureControl> controlled =
        java.util.Optional.ofNullable(liveControl == null ? null : liveControl.compare());
    controlled.ifPresent(c -> report.set("control", ReportWriter.captureControlJson(c)));
    java.util.Optional<org.swarmsense.epos.sensing.report.LegCheckFigures> legChecked = devices.checksLegs()
        ? java.util.Optional.of(devices.legCheckFigures()) : java.util.Optional.empty();
    legChecked.ifPresent(f -> report.set("legChecks", ReportWriter.legChecksJson(f)));
    printSummary(report);
    if (reportDir != null) {
      ReportWriter.write(result, java.util.Optional.empty(), offloaded, controlled, legChecked, reportDir);
      out.println("report: " + reportDir.resolve("report.json") + ", " + reportDir.resolve("report.html"));
    }
    out.printf(
        Locale.ROOT,
        "flight: %d plans accepted, %,d telemetry messages received, %d rejected payloads, %s%n",
        accepted,
        registry.observations(),
        node.link().metrics().totalRejected(),
        allLanded ? "every drone back on the ground"
            : String.format(Locale.ROOT, "stopped at the end of --duration with drones still flying, at %.0f s of"
                + " mission time against %.0f s planned (a re-plan sends a drone on from where it is, so its flight"
                + " can end later than planned)", flownS, longestS));
    for (var n : edgeNodes.nodes()) {
      var l = n.load(Duration.ofSeconds(10));
      out.printf(Locale.ROOT, "edge node %s: served %d, rejected %d, queue %d/%d%n", n.id(), l.served(), l.rejected(),
          l.queueLength(), l.queueCapacity());
    }
    offloaded.ifPresent(f -> out.println(offloadLine(f)));
    if (liveControl != null) {
      out.println("capture control: " + liveControl.stateLine() + "; " + devices.framesOnBoard()
          + " frames to the modelled on-board detector");
      controlled.ifPresent(c -> {
        java.io.PrintWriter w = new java.io.PrintWriter(out, true);
        org.swarmsense.agents.detect.DetectBench.control(c, w);
        w.flush();
        out.println(LiveCaptureControl.controlLine(c));
      });
    }
    legChecked.ifPresent(f -> out.println(legCheckLine(f)));
    out.flush();
    return new Outcome(report, central, decentral, accepted, registry.observations(),
        node.link().metrics().totalRejected(), allLanded);
  }

  private static double flightS(List<Waypoint> w, org.locationtech.jts.geom.Coordinate home, Result result) {
    return new WaypointFlight(new Waypoint(home.y, home.x, 0, 0), w, result.energy()).durationS();
  }

  /**
   * Waits until the mission coordinator reports the mission done (every drone landed after flying
   * its plan, or after the return a re-plan that left it nothing sent it, from the drones'
   * telemetry) or the limit passes, printing its progress line.
   */
  private boolean waitForFlights(Duration limit, MissionDesk desk, String missionId, double timeFactor,
      double plannedS) throws InterruptedException {
    long start = System.nanoTime();
    long end = start + limit.toNanos();
    long lastPrint = 0;
    while (System.nanoTime() < end) {
      MissionStatus s = desk.missionStatus(FLEET, missionId);
      boolean ended = s.state() != MissionState.RUNNING;
      // every 10 s, and the end whenever it comes (the last line then says where the drones are)
      if (ended || System.nanoTime() - lastPrint > 10_000_000_000L) {
        lastPrint = System.nanoTime();
        err.printf(Locale.ROOT, "  mission %s at %.0f s of %.0f s planned: %s%n", s.state().wireName(),
            missionS(start, timeFactor), plannedS, s.progress());
      }
      if (ended) {
        return s.state() == MissionState.DONE;
      }
      Thread.sleep(250);
    }
    return false;
  }

  /** Mission seconds flown since {@code startNanos} on the wall clock, the drones flying {@code timeFactor} x faster. */
  private static double missionS(long startNanos, double timeFactor) {
    return (System.nanoTime() - startNanos) / 1e9 * timeFactor;
  }

  /**
   * The demo mission: the trace's busy area, 200 m cells, five one-minute slots, two bases, demand the
   * vehicles the hovering cameras can see.
   */
  static ObjectNode mission(Path trace, int drones) {
    List<Trajectory> vehicles = SumoFcdReader.read(trace);
    double minLon = Double.MAX_VALUE, minLat = Double.MAX_VALUE, maxLon = -Double.MAX_VALUE, maxLat = -Double.MAX_VALUE;
    for (Trajectory t : vehicles) {
      for (int i = 0; i < t.lonDeg().length; i++) {
        minLon = Math.min(minLon, t.lonDeg()[i]);
        maxLon = Math.max(maxLon, t.lonDeg()[i]);
        minLat = Math.min(minLat, t.latDeg()[i]);
        maxLat = Math.max(maxLat, t.latDeg()[i]);
      }
    }
    ObjectNode m = JSON.createObjectNode();
    m.put("name", "Monaco traffic watch");
    m.putObject("area").putArray("bbox").add(minLon).add(minLat).add(maxLon).add(maxLat);
    m.put("cellSizeM", 200);
    m.putObject("window").put("startS", 0).put("endS", 300).put("slotS", 60);
    double midLat = (minLat + maxLat) / 2;
    var bases = m.putArray("bases");
    bases.addArray().add(minLon + 0.25 * (maxLon - minLon)).add(midLat);
    bases.addArray().add(minLon + 0.75 * (maxLon - minLon)).add(midLat);
    m.putObject("drones").put("count", drones).put("plansPerDrone", 16);
    m.put("coverageTarget", 2);
    // the drones photograph what they hover over and report what they see, so the plans and the re-plan trigger
    // count the vehicles in the camera's footprint over each cell's centre, as the detect missions do (the
    // deployment's trace; agents README, "A camera mission plans for what the camera sees")
    m.putObject("demand").put("view", "camera");
    m.putObject("planner").put("iterations", 40).put("seed", 1);
    return m;
  }

  /** One line of the fleet's offload figures: tasks, answers, refusals, detections, bytes, delay p50/p99. */
  public static String offloadLine(OffloadFigures f) {
    return String.format(Locale.ROOT, "offload: %d tasks sent, %d captures without an edge node, %d answers (%d served,"
        + " refused %s), %d detections, %,d bytes sent, delay p50 %.0f ms p99 %.0f ms", f.tasksSent(),
        f.capturesWithoutEdge(), f.results(), f.served(), new java.util.TreeMap<>(f.refusalsByReason()), f.detections(),
        f.bytesSent(), f.delayP50Ms(), f.delayP99Ms());
  }

  /**
   * One line of the fleet's leg checks (issue 19 part 4): checks, answers, late and refused ones, the
   * finest levels reached, hits (true/false against the rendered truth), misses, latency p50/p99.
   */
  public static String legCheckLine(org.swarmsense.epos.sensing.report.LegCheckFigures f) {
    return String.format(Locale.ROOT, "leg checks: %d sent, %d without an edge node, %d too low, %d answers (%d with"
        + " occupancy, %d late, refused %s; finest level %s), %d hits (%d true, %d false), %d missed, %,d bytes sent,"
        + " latency p50 %.0f ms p99 %.0f ms", f.checksSent(), f.checksWithoutEdge(), f.checksTooLow(), f.results(),
        f.answered(), f.late(), new java.util.TreeMap<>(f.refusalsByReason()), new java.util.TreeMap<>(
        f.answersByResolution()), f.hits(), f.trueHits(), f.falseHits(), f.missed(), f.bytesSent(), f.latencyP50Ms(),
        f.latencyP99Ms());
  }

  private void printSummary(JsonNode report) {
    JsonNode run = report.path("runs").path(0);
    out.printf(
        Locale.ROOT,
        "%nmission report: %d cells x %d slots, %d drones, required sensing %.0f s (coverage target %.1f)%n",
        report.path("cells").asInt(),
        report.path("slots").asInt(),
        run.path("drones").asInt(),
        run.path("requiredS").asDouble(),
        run.path("coverageTarget").asDouble());
    out.printf(
        Locale.ROOT, "%-14s %10s %10s %10s %12s%n", "strategy", "mismatch%", "observed%", "energy kJ", "obs/kJ");
    run.path("strategies")
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode s = e.getValue();
              out.printf(
                  Locale.ROOT,
                  "%-14s %10.2f %10.2f %10.1f %12.4g%n",
                  e.getKey(),
                  s.path("mismatchPercent").asDouble(),
                  100 * s.path("vehicleObservationShare").asDouble(),
                  s.path("energyKj").asDouble(),
                  s.path("observationsPerKj").asDouble());
            });
    out.flush();
  }

  @Override
  public void close() {
    if (devices != null) {
      devices.close();
    }
    if (edgeNodes != null) {
      edgeNodes.close();
    }
    if (node != null) {
      node.close();
    }
    if (broker != null) {
      broker.close();
    }
    if (roads != null) {
      roads.close();
    }
  }
}
