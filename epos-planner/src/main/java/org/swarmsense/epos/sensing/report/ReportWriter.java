package org.swarmsense.epos.sensing.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.swarmsense.epos.sensing.evaluation.CaptureControl;
import org.swarmsense.epos.sensing.evaluation.DetectedVehicles;
import org.swarmsense.epos.sensing.evaluation.DetectionReport;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.swarmsense.epos.sensing.MissionPlanner;
import org.swarmsense.epos.sensing.MissionPlanner.Run;
import org.swarmsense.epos.sensing.MissionPlanner.StrategyResult;
import org.swarmsense.epos.sensing.Strategy;
import org.swarmsense.epos.sensing.evaluation.SensingMetrics;
import org.swarmsense.epos.sensing.plans.CandidatePlan;
import org.swarmsense.epos.sensing.plans.SensingProblem;
import org.swarmsense.maps.geo.LocalProjection;
import org.swarmsense.maps.geojson.Feature;
import org.swarmsense.maps.geojson.GeoJson;

/**
 * Writes a planned mission to a folder: {@code report.json}, {@code plans.geojson},
 * {@code map.svg} and {@code report.html}. plans.geojson holds, for the I-EPOS selection of every
 * run, one LineString per sortie (the routed path) and one Point per hover stop; coordinates are
 * WGS84 (lon, lat) when the mission has a geographic area, local metres (x east, y north, as in
 * the cells file) otherwise, in which case the collection carries the foreign member
 * {@code "coordinates": "local-metres"}. Stateless and thread-safe.
 */
public final class ReportWriter {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final GeometryFactory GF = new GeometryFactory();

  /** Version of report.json's layout. */
  public static final int VERSION = 2;

  private ReportWriter() {}

  /** Writes the four files into {@code outDir} (created if needed); returns their paths. */
  public static List<Path> write(MissionPlanner.Result result, Path outDir) {
    return write(result, Optional.empty(), outDir);
  }

  /**
   * Writes the four files into {@code outDir} (created if needed), report.json with the measured
   * detection of every strategy when {@code detection} is given; returns their paths.
   */
  public static List<Path> write(MissionPlanner.Result result, Optional<DetectionReport> detection, Path outDir) {
    return write(result, detection, Optional.empty(), outDir);
  }

  /**
   * Writes the four files into {@code outDir} (created if needed), with an {@code offload} section
   * in report.json and report.html when the live fleet offloaded its frames; returns their paths.
   */
  public static List<Path> write(MissionPlanner.Result result, Optional<DetectionReport> detection,
      Optional<OffloadFigures> offload, Path outDir) {
    return write(result, detection, offload, Optional.empty(), Optional.empty(), outDir);
  }

  /**
   * As above, and with {@code liveControl} a {@code control} section in report.json: the live fleet's
   * capture control against the best fixed rate over its recorded slots (issue 15 part 4), and with
   * {@code legChecks} a {@code legChecks} section in report.json and report.html: the live fleet's
   * drones checked their legs with stereo pairs (issue 19 part 4). Both additive, {@code version}
   * stays 2.
   */
  public static List<Path> write(MissionPlanner.Result result, Optional<DetectionReport> detection,
      Optional<OffloadFigures> offload, Optional<CaptureControl> liveControl, Optional<LegCheckFigures> legChecks,
      Path outDir) {
    try {
      Files.createDirectories(outDir);
      Path json = outDir.resolve("report.json");
      ObjectNode report = reportJson(result, detection);
      offload.ifPresent(o -> report.set("offload", offloadJson(o)));
      liveControl.ifPresent(c -> report.set("control", captureControlJson(c)));
      legChecks.ifPresent(c -> report.set("legChecks", legChecksJson(c)));
      Files.writeString(json, JSON.writeValueAsString(report));
      Path geo = outDir.resolve("plans.geojson");
      Files.writeString(geo, plansGeoJson(result));
      Path svg = outDir.resolve("map.svg");
      Files.writeString(svg, MapSvg.render(result, result.runs().get(0), Strategy.I_EPOS));
      Path html = outDir.resolve("report.html");
      Files.writeString(html, ReportHtml.render(result, detection, offload, liveControl, legChecks));
      return List.of(json, geo, svg, html);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write report to " + outDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * One capture-rate control comparison as JSON (the detect run's {@code detection.control[]} entries
   * and the live fleet's {@code control} section of the demo's report).
   */
  public static ObjectNode captureControlJson(CaptureControl c) {
    ObjectNode cn = JSON.createObjectNode();
    cn.put("strategy", c.strategy());
    cn.put("controller", c.controller());
    cn.put("accuracyTarget", c.accuracyTarget());
    cn.put("model", c.model());
    figures(cn.putObject("controlled"), c.controlled());
    cn.put("fixedDecision", c.fixedDecision());
    figures(cn.putObject("fixed"), c.fixed());
    cn.put("delayRatio", c.delayRatio());
    cn.put("goalRatio", c.goalRatio());
    cn.put("goalMet", c.goalMet());
    cn.put("reason", c.reason());
    ArrayNode alternatives = cn.putArray("alternatives");
    for (CaptureControl.Alternative a : c.alternatives()) {
      ObjectNode an = alternatives.addObject();
      an.put("name", a.name());
      figures(an.putObject("figures"), a.figures());
    }
    return cn;
  }

  private static void figures(ObjectNode o, CaptureControl.Figures f) {
    o.put("meanDelayS", f.meanDelayS());
    o.put("p50DelayS", f.p50DelayS());
    o.put("p99DelayS", f.p99DelayS());
    o.put("longRunAccuracy", f.longRunAccuracy());
    o.put("runningViolationShare", f.runningViolationShare());
    o.put("bytesSent", f.bytesSent());
    o.put("overflows", f.overflows());
    o.put("slots", f.slots());
    o.put("meanUploadDelayS", f.meanUploadDelayS());
    o.put("meanEdgeDelayS", f.meanEdgeDelayS());
    o.put("meanLocalDelayS", f.meanLocalDelayS());
    o.put("virtualQueueBoundShare", f.virtualQueueBoundShare());
    ArrayNode edgeShare = o.putArray("edgeShareByChannelState");
    for (double share : f.edgeShareByChannelState()) {
      if (Double.isNaN(share)) {
        edgeShare.addNull();
      } else {
        edgeShare.add(share);
      }
    }
  }

  /** The report.json tree without measured detection. */
  public static ObjectNode reportJson(MissionPlanner.Result result) {
    return reportJson(result, Optional.empty());
  }

  /**
   * The report.json tree. {@code version} {@value #VERSION}: version 2 added the optional {@code
   * detection} section and, per strategy, {@code detectedVehiclesPercent}, {@code detectionsPerKj}
   * and {@code detection} (present only when the mission was planned with {@code --detect}); the
   * detection section's optional {@code control} array (issue 15 part 4, one per run) was added
   * within version 2 (additive), as was {@code demand} ({@code source} and {@code view}: the
   * mission's traffic source and whether the planner counted whole cells or the camera's view).
   */
  public static ObjectNode reportJson(MissionPlanner.Result result, Optional<DetectionReport> detection) {
    if (detection.isPresent() && detection.get().perRun().size() != result.runs().size()) {
      throw new IllegalArgumentException("detection has " + detection.get().perRun().size()
          + " runs, the result " + result.runs().size());
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("version", VERSION);
    root.put("mission", result.mission().name());
    root.put("note", "Sensing-model parameters are swarmsense's own choices (the published "
        + "paper's exact parameters are not available); energy model after Stolaroff et al. 2018.");
    ObjectNode energy = root.putObject("energyModel");
    energy.put("hoverPowerW", result.energy().hoverPowerW());
    energy.put("flightPowerW", result.energy().flightPowerW());
    energy.put("hoverEnduranceS", result.energy().hoverEnduranceS());
    energy.put("batteryCapacityJ", result.energy().drone().batteryCapacityJ());
    ObjectNode demand = root.putObject("demand");
    demand.put("source", result.mission().demand().source().name().toLowerCase(java.util.Locale.ROOT));
    demand.put("view", result.mission().demand().view().name().toLowerCase(java.util.Locale.ROOT));
    SensingProblem p0 = result.runs().get(0).problem();
    root.put("cells", p0.cells());
    root.put("slots", p0.slots());
    root.put("slotS", p0.slotS());
    root.put("coordinates", result.projection().isPresent() ? "wgs84" : "local-metres");
    ObjectNode planner = root.putObject("planner");
    var pl = result.mission().planner();
    planner.put("iterations", pl.iterations());
    planner.put("repetitions", pl.repetitions());
    planner.put("children", pl.children());
    planner.put("alpha", pl.alpha());
    planner.put("beta", pl.beta());
    planner.put("cost", pl.cost().name());
    planner.put("seed", pl.seed());
    planner.put("capFactor", pl.capFactor());
    planner.put("plansPerDrone", result.mission().fleet().plansPerDrone());
    detection.ifPresent(d -> {
      ObjectNode o = root.putObject("detection");
      o.put("detector", d.detector());
      o.put("captureIntervalS", d.captureIntervalS());
      o.put("link", d.link());
      o.put("vehicleSecond", "one vehicle of the trace inside one cell of the grid at one whole second of"
          + " the window; detected when a frame of the same hover over the same cell, captured at most"
          + " captureIntervalS before, has a detection matched to it with IoU >= 0.5");
      if (!d.control().isEmpty()) {
        ArrayNode control = o.putArray("control");
        for (CaptureControl c : d.control()) {
          control.add(captureControlJson(c));
        }
      }
    });
    ArrayNode runs = root.putArray("runs");
    for (int ri = 0; ri < result.runs().size(); ri++) {
      Run run = result.runs().get(ri);
      int runIndex = ri;
      Map<Strategy, DetectedVehicles> detected = detection.map(d -> d.perRun().get(runIndex)).orElse(Map.of());
      ObjectNode r = runs.addObject();
      r.put("drones", run.drones());
      r.put("coverageTarget", run.coverageTarget());
      r.put("fleetHoverCapacityS", run.fleetHoverCapacityS());
      r.put("fleetEnergyCapacityJ", run.fleetCapacityJ());
      r.put("requiredS", sum(run.problem().goal()));
      r.put("planGenerationS", run.planGenerationS());
      r.put("capacityBoundPercent", run.capacityBound().mismatchPercent());
      r.put("capacityCoverableS", run.capacityBound().coverableS());
      ObjectNode strategies = r.putObject("strategies");
      for (StrategyResult s : run.results().values()) {
        ObjectNode so = metricsJson(s);
        so.put("capacityBoundRatio", run.boundRatio(s.strategy()));
        DetectedVehicles dv = detected.get(s.strategy());
        if (dv != null) {
          so.put("detectedVehiclesPercent", dv.detectedVehiclesPercent());
          so.put("detectionsPerKj", dv.detectionsPerKj());
          ObjectNode dn = so.putObject("detection");
          dn.put("demandVehicleSeconds", dv.demandVehicleSeconds());
          dn.put("detectedVehicleSeconds", dv.detectedVehicleSeconds());
          dn.put("frames", dv.frames());
          dn.put("framesLost", dv.framesLost());
          dn.put("truePositives", dv.truePositives());
          dn.put("falsePositives", dv.falsePositives());
          dn.put("groundTruthBoxes", dv.groundTruthBoxes());
        }
        strategies.set(s.name(), so);
      }
      ObjectNode ratios = r.putObject("iEposRatios");
      SensingMetrics e = run.results().get(Strategy.I_EPOS).metrics();
      for (StrategyResult s : run.results().values()) {
        if (s.strategy() == Strategy.I_EPOS) {
          continue;
        }
        ObjectNode o = ratios.putObject(s.name());
        o.put("mismatch", ratio(e.mismatchPercent(), s.metrics().mismatchPercent()));
        o.put("vehicleObservationShare",
            ratio(e.vehicleObservationShare(), s.metrics().vehicleObservationShare()));
        o.put("observationsPerKj", ratio(e.observationsPerKj(), s.metrics().observationsPerKj()));
        o.put("energy", ratio(e.energyKj(), s.metrics().energyKj()));
        DetectedVehicles de = detected.get(Strategy.I_EPOS);
        DetectedVehicles ds = detected.get(s.strategy());
        if (de != null && ds != null) {
          o.put("detectedVehiclesPercent", ratio(de.detectedVehiclesPercent(), ds.detectedVehiclesPercent()));
          o.put("detectionsPerKj", ratio(de.detectionsPerKj(), ds.detectionsPerKj()));
        }
      }
    }
    return root;
  }

  /**
   * report.json's optional {@code offload} section (a live mission whose fleet offloaded frames):
   * {@code tasksSent, capturesWithoutEdge, results, served, refusalsByReason, detections, bytesSent,
   * delayP50Ms, delayP99Ms} (delays null without answers).
   */
  public static ObjectNode offloadJson(OffloadFigures o) {
    ObjectNode n = JSON.createObjectNode();
    n.put("tasksSent", o.tasksSent());
    n.put("capturesWithoutEdge", o.capturesWithoutEdge());
    n.put("results", o.results());
    n.put("served", o.served());
    ObjectNode refused = n.putObject("refusalsByReason");
    new java.util.TreeMap<>(o.refusalsByReason()).forEach(refused::put);
    n.put("detections", o.detections());
    n.put("defended", o.defended());
    n.put("masked", o.masked());
    n.put("bytesSent", o.bytesSent());
    if (o.results() > 0) {
      n.put("delayP50Ms", o.delayP50Ms());
      n.put("delayP99Ms", o.delayP99Ms());
    } else {
      n.putNull("delayP50Ms");
      n.putNull("delayP99Ms");
    }
    n.put("delay", "from the drone's capture to the edge node's answer arriving at the drone");
    return n;
  }

  /**
   * report.json's optional {@code legChecks} section (issue 19 part 4, added within version 2: a live
   * mission whose drones checked their legs with stereo pairs): {@code checksSent, checksWithoutEdge,
   * checksTooLow, results, answered, late, refusalsByReason, answersByResolution, hits, trueHits,
   * falseHits, missed, bytesSent, latencyP50Ms, latencyP99Ms} (latencies null without answers).
   */
  public static ObjectNode legChecksJson(LegCheckFigures c) {
    ObjectNode n = JSON.createObjectNode();
    n.put("checksSent", c.checksSent());
    n.put("checksWithoutEdge", c.checksWithoutEdge());
    n.put("checksTooLow", c.checksTooLow());
    n.put("results", c.results());
    n.put("answered", c.answered());
    n.put("late", c.late());
    ObjectNode refused = n.putObject("refusalsByReason");
    new java.util.TreeMap<>(c.refusalsByReason()).forEach(refused::put);
    ObjectNode levels = n.putObject("answersByResolution");
    new java.util.TreeMap<>(c.answersByResolution()).forEach((k, v) -> levels.put(String.valueOf(k), v));
    n.put("hits", c.hits());
    n.put("trueHits", c.trueHits());
    n.put("falseHits", c.falseHits());
    n.put("missed", c.missed());
    n.put("bytesSent", c.bytesSent());
    if (c.results() > 0) {
      n.put("latencyP50Ms", c.latencyP50Ms());
      n.put("latencyP99Ms", c.latencyP99Ms());
    } else {
      n.putNull("latencyP50Ms");
      n.putNull("latencyP99Ms");
    }
    n.put("latency", "from the drone's occupancy request leaving it to the edge node's answer arriving");
    return n;
  }

  private static double ratio(double a, double b) {
    return b == 0 ? Double.NaN : a / b;
  }

  private static ObjectNode metricsJson(StrategyResult s) {
    SensingMetrics m = s.metrics();
    ObjectNode o = JSON.createObjectNode();
    o.put("mismatchPercent", m.mismatchPercent());
    o.put("underSensingPercent", m.underSensingPercent());
    o.put("overSensingPercent", m.overSensingPercent());
    o.put("energyKj", m.energyKj());
    o.put("energyPercentOfCapacity", m.energyPercentOfCapacity());
    o.put("flights", m.flights());
    o.put("vehicleObservationShare", m.vehicleObservationShare());
    o.put("observationsPerKj", m.observationsPerKj());
    o.put("coverage", m.coverage());
    o.put("objective", m.objective());
    o.put("wallS", s.wallS());
    ArrayNode slots = o.putArray("perSlot");
    for (SensingMetrics.SlotMetrics sm : m.perSlot()) {
      ObjectNode so = slots.addObject();
      so.put("slot", sm.slot());
      so.put("requiredS", sm.requiredS());
      so.put("sensedS", sm.sensedS());
      so.put("mismatchPercent", sm.mismatchPercent());
      so.put("underSensingPercent", sm.underSensingPercent());
      so.put("overSensingPercent", sm.overSensingPercent());
      so.put("vehicleObservationShare", sm.vehicleObservationShare());
      so.put("coverage", sm.coverage());
    }
    return o;
  }

  /** plans.geojson: routes (LineString) and hover stops (Point) of every run's I-EPOS plans. */
  public static String plansGeoJson(MissionPlanner.Result result) {
    return plansFeatureCollection(result).toString();
  }

  /**
   * The plans.geojson tree ({@link #plansGeoJson}), for callers that add features before writing it;
   * without a projection it is marked {@code "coordinates": "local-metres"}.
   */
  public static ObjectNode plansFeatureCollection(MissionPlanner.Result result) {
    List<Feature> features = new ArrayList<>();
    for (int ri = 0; ri < result.runs().size(); ri++) {
      Run run = result.runs().get(ri);
      int[] sel = run.results().get(Strategy.I_EPOS).selection();
      for (int d = 0; d < sel.length; d++) {
        CandidatePlan plan = run.plans().get(d).get(sel[d]);
        for (int s = 0; s < plan.sorties().size(); s++) {
          CandidatePlan.Sortie sortie = plan.sorties().get(s);
          Coordinate[] cs = new Coordinate[sortie.path().size()];
          for (int i = 0; i < cs.length; i++) {
            double[] xy = sortie.path().get(i);
            cs[i] = out(result, xy[0], xy[1]);
          }
          Map<String, Object> props = new LinkedHashMap<>();
          props.put("kind", "route");
          props.put("run", ri);
          props.put("drones", run.drones());
          props.put("coverageTarget", run.coverageTarget());
          props.put("drone", d);
          props.put("plan", sel[d]);
          props.put("base", plan.base());
          props.put("sortie", s);
          props.put("takeOffS", sortie.takeOffS());
          props.put("energyJ", sortie.energyJ());
          features.add(Feature.of(GF.createLineString(cs), props));
          for (CandidatePlan.Stop stop : sortie.stops()) {
            Map<String, Object> sp = new LinkedHashMap<>();
            sp.put("kind", "hover");
            sp.put("run", ri);
            sp.put("drone", d);
            sp.put("sortie", s);
            sp.put("cell", run.problem().cellIds()[stop.cell()]);
            sp.put("startS", stop.startS());
            sp.put("durationS", stop.durationS());
            features.add(Feature.of(GF.createPoint(out(result, stop.xM(), stop.yM())), sp));
          }
        }
      }
    }
    ObjectNode root = GeoJson.featureCollection(features);
    if (result.projection().isEmpty()) {
      root.put("coordinates", "local-metres");
    }
    return root;
  }

  private static Coordinate out(MissionPlanner.Result result, double x, double y) {
    if (result.projection().isEmpty()) {
      return new Coordinate(x, y);
    }
    LocalProjection pr = result.projection().get();
    Coordinate c = pr.toWgs84(x, y);
    return new Coordinate(c.x, c.y);
  }

  static double sum(double[] a) {
    double s = 0;
    for (double x : a) {
      s += x;
    }
    return s;
  }
}
