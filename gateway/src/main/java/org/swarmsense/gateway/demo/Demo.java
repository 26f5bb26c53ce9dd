package org.swarmsense.gateway.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.swarmsense.gateway.broker.EmbeddedBroker;
import org.swarmsense.gateway.http.FleetTokens;
import org.swarmsense.gateway.http.HttpApi;
import org.swarmsense.gateway.http.HttpServer;
import org.swarmsense.gateway.http.LiveHub;
import org.swarmsense.gateway.http.MapLayer;
import org.swarmsense.gateway.mission.DeploymentDefaults;
import org.swarmsense.gateway.mission.MissionDesk;
import org.swarmsense.gateway.mission.SensingMissionPlanner;
import org.swarmsense.maps.geo.LonLatBounds;
import org.swarmsense.maps.roads.RoadGraph;
import org.swarmsense.maps.traffic.SumoFcdReader;
import org.swarmsense.maps.traffic.Trajectory;

/**
 * {@code swarmsense demo}: the whole product on one machine. Starts the embedded broker, loads the
 * shipped city map, derives demand from the shipped traffic trace, plans a traffic-monitoring
 * mission for the fleet, serves the dashboard, and prints the mission report's summary. Every part
 * is the one {@code serve} uses; only the city and the mission are fixed. Not thread-safe: one run
 * per instance.
 */
public final class Demo implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String FLEET = "demo";

  /**
   * @param drones fleet size
   * @param duration how long the demo runs after planning (the flight), then it stops
   * @param httpPort dashboard port, 0 for a free one
   * @param headless no dashboard server (scripted use)
   * @param cacheDir where the shipped data and road graphs are cached
   */
  public record Settings(int drones, Duration duration, int httpPort, boolean headless, Path cacheDir) {
    public Settings {
      if (drones < 1 || drones > 10_000) {
        throw new IllegalArgumentException("--drones must be 1..10000, was " + drones);
      }
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("--duration must be positive, was " + duration);
      }
      if (httpPort < 0 || httpPort > 65535) {
        throw new IllegalArgumentException("--port must be 0..65535, was " + httpPort);
      }
    }
  }

  private final Settings settings;
  private final PrintStream out;
  private final PrintStream err;
  private final ExecutorService planning = Executors.newSingleThreadExecutor();
  private ActorSystem<Void> system;
  private EmbeddedBroker broker;
  private HttpServer http;
  private RoadGraph roads;

  public Demo(Settings settings, PrintStream out, PrintStream err) {
    this.settings = settings;
    this.out = out;
    this.err = err;
  }

  /** Runs the demo to its end; returns the mission report. */
  public JsonNode run() throws InterruptedException {
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

    system = ActorSystem.create(Behaviors.empty(), "swarmsense-demo");
    broker = EmbeddedBroker.start();
    err.println("MQTT broker (embedded HiveMQ CE): " + broker.url());

    LiveHub hub = new LiveHub();
    MissionDesk desk =
        new MissionDesk(
            hub,
            new SensingMissionPlanner(),
            planning,
            new DeploymentDefaults(data.traceFile()),
            data.cacheDir());
    String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    if (!settings.headless()) {
      HttpApi api = new HttpApi(hub, new FleetTokens(Map.of(FLEET, token)), desk, () -> map, "demo");
      http = HttpServer.start(system, api.routes(), "127.0.0.1", settings.httpPort());
      out.println("dashboard: " + http.url() + "/dashboard/?fleet=" + FLEET + "&token=" + token);
      out.flush();
    }

    ObjectNode mission = mission(data.traceFile(), settings.drones());
    JsonNode status = desk.submit(FLEET, mission.toString());
    String id = status.path("id").asText();
    String lastProgress = "";
    while (true) {
      status = desk.status(FLEET, id);
      String state = status.path("state").asText();
      String progress = status.path("progress").asText("");
      if (!progress.isEmpty() && !progress.equals(lastProgress)) {
        err.println("planning: " + progress);
        lastProgress = progress;
      }
      if (!state.equals("planning")) {
        break;
      }
      Thread.sleep(100);
    }
    if (!status.path("state").asText().equals("planned")) {
      throw new IllegalStateException("the demo mission was not planned: " + status.path("error").asText());
    }
    JsonNode report = desk.report(FLEET, id);
    printSummary(report);
    err.printf(Locale.ROOT, "running for %d s (Ctrl-C stops) ...%n", settings.duration().toSeconds());
    Thread.sleep(settings.duration().toMillis());
    return report;
  }

  /** The demo mission: the trace's busy area, 200 m cells, five one-minute slots, two bases. */
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
    m.putObject("planner").put("iterations", 40).put("seed", 1);
    return m;
  }

  private void printSummary(JsonNode report) {
    JsonNode run = report.path("runs").path(0);
    out.printf(
        Locale.ROOT,
        "%nmission report: %d cells x %d slots, %d drones, required sensing %.0f s%n",
        report.path("cells").asInt(),
        report.path("slots").asInt(),
        run.path("drones").asInt(),
        run.path("requiredS").asDouble());
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
    if (http != null) {
      http.close();
    }
    planning.shutdownNow();
    if (broker != null) {
      broker.close();
    }
    if (system != null) {
      system.terminate();
    }
    if (roads != null) {
      roads.close();
    }
  }
}
