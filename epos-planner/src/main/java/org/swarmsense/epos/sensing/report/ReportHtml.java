package org.swarmsense.epos.sensing.report;

import java.util.Locale;
import org.swarmsense.epos.sensing.MissionPlanner;
import org.swarmsense.epos.sensing.MissionPlanner.Run;
import org.swarmsense.epos.sensing.MissionPlanner.StrategyResult;
import org.swarmsense.epos.sensing.Strategy;
import org.swarmsense.epos.sensing.evaluation.SensingMetrics;

/**
 * A self-contained HTML report (inline CSS and SVG, no scripts, no CDN): per run, the table of
 * I-EPOS and the baselines, the per-slot mismatch of each strategy and the demand-vs-sensed map.
 * Stateless and thread-safe.
 */
public final class ReportHtml {

  private ReportHtml() {}

  /** The HTML document without measured detection. */
  public static String render(MissionPlanner.Result result) {
    return render(result, java.util.Optional.empty());
  }

  /** The HTML document; with {@code detection}, each run also shows every strategy's measured detection. */
  public static String render(MissionPlanner.Result result,
      java.util.Optional<org.swarmsense.epos.sensing.evaluation.DetectionReport> detection) {
    return render(result, detection, java.util.Optional.empty());
  }

  /**
   * The HTML document; with {@code offload} (a live mission whose fleet offloaded its frames) it
   * also shows the offload table: tasks, answers, refusals, detections, bytes, delay p50/p99.
   */
  public static String render(MissionPlanner.Result result,
      java.util.Optional<org.swarmsense.epos.sensing.evaluation.DetectionReport> detection,
      java.util.Optional<OffloadFigures> offload) {
    return render(result, detection, offload, java.util.Optional.empty(), java.util.Optional.empty());
  }

  /**
   * As above; with {@code liveControl} (the live fleet's capture control, issue 15 part 4) also its
   * table against the best fixed rate over the same recorded slots, and with {@code legChecks}
   * (issue 19 part 4: the live fleet's drones checked their legs with stereo pairs) the leg-check table.
   */
  public static String render(MissionPlanner.Result result,
      java.util.Optional<org.swarmsense.epos.sensing.evaluation.DetectionReport> detection,
      java.util.Optional<OffloadFigures> offload,
      java.util.Optional<org.swarmsense.epos.sensing.evaluation.CaptureControl> liveControl,
      java.util.Optional<LegCheckFigures> legChecks) {
    StringBuilder h = new StringBuilder();
    String name = MapSvg.esc(result.mission().name());
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>swarmsense mission ").append(name).append("</title>\n<style>")
        .append("body{font-family:sans-serif;margin:2em;max-width:1100px}")
        .append("table{border-collapse:collapse;margin:1em 0}")
        .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
        .append("th:first-child,td:first-child{text-align:left}")
        .append("tr.epos{font-weight:bold;background:#eef4ff}.note{color:#555}")
        .append("</style></head><body>\n");
    h.append("<h1>Mission ").append(name).append("</h1>\n");
    h.append(String.format(Locale.ROOT,
        "<p>%d cells, %d slots of %.0f s. Energy model (after Stolaroff et al. 2018): hover %.1f W,"
            + " flight %.1f W, %.1f min hover per battery. I-EPOS: %d iterations, %s cost,"
            + " beta %.3g, %d plans per drone, seed %d.</p>%n",
        result.runs().get(0).problem().cells(), result.runs().get(0).problem().slots(),
        result.runs().get(0).problem().slotS(), result.energy().hoverPowerW(),
        result.energy().flightPowerW(), result.energy().hoverEnduranceS() / 60,
        result.mission().planner().iterations(), result.mission().planner().cost(),
        result.mission().planner().beta(), result.mission().fleet().plansPerDrone(),
        result.mission().planner().seed()));
    h.append("<p class=\"note\">Mismatch = sum |sensed - required| / sum required. Observed = share"
        + " of vehicle-seconds in a cell while a drone hovers there. The model's parameters are"
        + " swarmsense's own choices: the published paper's exact parameters are not available."
        + " Routes and hover points: plans.geojson; all figures: report.json.</p>\n");
    offload.ifPresent(o -> h.append(offloadTable(o)));
    liveControl.ifPresent(c -> h.append(controlTable(c)));
    legChecks.ifPresent(c -> h.append(legCheckTable(c)));
    for (int ri = 0; ri < result.runs().size(); ri++) {
      Run run = result.runs().get(ri);
      h.append(String.format(Locale.ROOT,
          "<h2>%d drones, coverage target %.2f</h2>%n<p>Required %.0f drone-s; fleet hover"
              + " capacity %.0f s.</p>%n", run.drones(), run.coverageTarget(),
          ReportWriter.sum(run.problem().goal()), run.fleetHoverCapacityS()));
      h.append("<table><tr><th>strategy</th><th>mismatch %</th><th>under %</th><th>over %</th>"
          + "<th>observed %</th><th>energy kJ</th><th>energy % cap.</th><th>flights</th>"
          + "<th>obs. per kJ</th><th>coverage</th><th>time s</th></tr>\n");
      for (StrategyResult s : run.results().values()) {
        SensingMetrics m = s.metrics();
        h.append(String.format(Locale.ROOT,
            "<tr%s><td>%s</td><td>%.2f</td><td>%.2f</td><td>%.2f</td><td>%.2f</td><td>%.0f</td>"
                + "<td>%.1f</td><td>%d</td><td>%.4g</td><td>%.3f</td><td>%.2f</td></tr>%n",
            s.strategy() == Strategy.I_EPOS ? " class=\"epos\"" : "", MapSvg.esc(s.name()),
            m.mismatchPercent(), m.underSensingPercent(), m.overSensingPercent(),
            100 * m.vehicleObservationShare(), m.energyKj(), m.energyPercentOfCapacity(),
            m.flights(), m.observationsPerKj(), m.coverage(), s.wallS()));
      }
      if (detection.isPresent()) {
        var d = detection.get();
        h.append(String.format(Locale.ROOT, "</table>%n<h3>Measured detection</h3>%n<p class=\"note\">Detector %s,"
            + " one frame per %.0f s of hover; %s. Detected = vehicle-seconds matched (IoU &ge; 0.5) over all"
            + " vehicle-seconds of the demand.</p>%n<table><tr><th>strategy</th><th>detected %%</th>"
            + "<th>detected per kJ</th><th>frames</th><th>frames lost</th><th>matched / truth boxes</th>"
            + "<th>false positives</th></tr>%n", MapSvg.esc(d.detector()), d.captureIntervalS(), MapSvg.esc(d.link())));
        for (StrategyResult s : run.results().values()) {
          var v = d.perRun().get(ri).get(s.strategy());
          if (v == null) {
            continue;
          }
          h.append(String.format(Locale.ROOT,
              "<tr%s><td>%s</td><td>%.3f</td><td>%.3f</td><td>%d</td><td>%d</td><td>%d / %d</td><td>%d</td></tr>%n",
              s.strategy() == Strategy.I_EPOS ? " class=\"epos\"" : "", MapSvg.esc(s.name()),
              v.detectedVehiclesPercent(), v.detectionsPerKj(), v.frames(), v.framesLost(), v.truePositives(),
              v.groundTruthBoxes(), v.falsePositives()));
        }
      }
      h.append("</table>\n<h3>Mismatch % per slot</h3>\n<table><tr><th>strategy</th>");
      int slots = run.problem().slots();
      for (int t = 0; t < slots; t++) {
        h.append("<th>").append(t).append("</th>");
      }
      h.append("</tr>\n");
      for (StrategyResult s : run.results().values()) {
        h.append("<tr><td>").append(MapSvg.esc(s.name())).append("</td>");
        for (SensingMetrics.SlotMetrics sm : s.metrics().perSlot()) {
          h.append(String.format(Locale.ROOT, "<td>%.1f</td>", sm.mismatchPercent()));
        }
        h.append("</tr>\n");
      }
      h.append("</table>\n<h3>Demand vs sensed (I-EPOS)</h3>\n");
      h.append(MapSvg.render(result, run, Strategy.I_EPOS));
    }
    h.append("</body></html>\n");
    return h.toString();
  }

  /** The live fleet's capture control against the best fixed rate (figures as in report.json's {@code control}). */
  static String controlTable(org.swarmsense.epos.sensing.evaluation.CaptureControl c) {
    StringBuilder h = new StringBuilder();
    h.append("<h2 id=\"control\">Capture-rate and offloading control (live flight)</h2>\n<p class=\"note\">")
        .append(MapSvg.esc(c.model()))
        .append(". Both rows are replayed by the control model over the slots recorded in flight; the fixed rate is"
            + " the best one found with hindsight.</p>\n");
    h.append("<table><tr><th>policy</th><th>mean ms</th><th>p50 ms</th><th>p99 ms</th><th>accuracy</th>"
        + "<th>violations %</th><th>bytes sent</th><th>slots</th></tr>\n");
    for (var row : java.util.List.of(java.util.Map.entry(c.controller(), c.controlled()),
        java.util.Map.entry("best fixed: " + c.fixedDecision(), c.fixed()))) {
      var f = row.getValue();
      h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.1f</td><td>%.1f</td><td>%.1f</td><td>%.3f</td>"
          + "<td>%.1f</td><td>%d</td><td>%d</td></tr>%n", MapSvg.esc(row.getKey()), 1e3 * f.meanDelayS(),
          1e3 * f.p50DelayS(), 1e3 * f.p99DelayS(), f.longRunAccuracy(), 100 * f.runningViolationShare(),
          f.bytesSent(), f.slots()));
    }
    h.append(String.format(Locale.ROOT, "</table>%n<p>fixed / controlled mean delay x%.3f; goal x%.2f: %s (%s)</p>%n",
        c.delayRatio(), c.goalRatio(), c.goalMet() ? "met" : "not met", MapSvg.esc(c.reason())));
    return h.toString();
  }

  /** The live fleet's offloading as a table (figures as in report.json's {@code offload}). */
  static String offloadTable(OffloadFigures o) {
    StringBuilder h = new StringBuilder();
    h.append("<h2 id=\"offload\">Frames offloaded to edge nodes (live flight)</h2>\n<p class=\"note\">Counted by"
        + " the drones: a hovering drone captures a frame at its sampling rate, encodes it and sends it to the"
        + " nearest reachable edge node; delay is from capture to the answer's arrival.</p>\n");
    h.append("<table><tr><th>tasks sent</th><th>no edge reachable</th><th>answers</th><th>served</th>"
        + "<th>refused</th><th>detections</th><th>patch defence ran</th><th>patch masked</th><th>bytes sent</th>"
        + "<th>delay p50 ms</th><th>delay p99 ms</th></tr>\n");
    String refused = o.refusalsByReason().isEmpty() ? "0" : new java.util.TreeMap<>(o.refusalsByReason()).entrySet()
        .stream().map(e -> MapSvg.esc(e.getKey()) + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
    h.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%s</td><td>%d</td>"
        + "<td>%d</td><td>%d</td><td>%d</td><td>%.1f</td><td>%.1f</td></tr>%n</table>%n", o.tasksSent(),
        o.capturesWithoutEdge(), o.results(), o.served(), refused, o.detections(), o.defended(), o.masked(),
        o.bytesSent(), o.delayP50Ms(), o.delayP99Ms()));
    return h.toString();
  }

  /** The live fleet's leg checks as a table (figures as in report.json's {@code legChecks}). */
  static String legCheckTable(LegCheckFigures c) {
    StringBuilder h = new StringBuilder();
    h.append("<h2 id=\"leg-checks\">Leg checks by stereo occupancy (live flight)</h2>\n<p class=\"note\">Counted by"
        + " the drones: a flying drone renders its nadir stereo pair, sends it to the nearest reachable edge node with"
        + " a deadline, and the node answers with the finest occupancy level that fits; a hit is an occupied voxel in"
        + " the corridor ahead standing at least the obstacle height above the ground, scored against the rendered"
        + " truth. Latency is from the"
        + " request leaving the drone to the answer's arrival.</p>\n");
    h.append("<table><tr><th>checks sent</th><th>no edge reachable</th><th>too low</th><th>answers</th>"
        + "<th>answered</th><th>late</th><th>refused</th><th>finest level</th><th>hits</th><th>true hits</th>"
        + "<th>false hits</th><th>missed</th><th>bytes sent</th><th>latency p50 ms</th><th>latency p99 ms</th></tr>\n");
    String refused = c.refusalsByReason().isEmpty() ? "0" : new java.util.TreeMap<>(c.refusalsByReason()).entrySet().stream()
        .map(e -> MapSvg.esc(e.getKey()) + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
    String levels = c.answersByResolution().isEmpty() ? "-" : new java.util.TreeMap<>(c.answersByResolution()).entrySet().stream()
        .map(e -> e.getKey() + "^3 " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
    h.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td>"
        + "<td>%s</td><td>%s</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%.1f</td><td>%.1f</td></tr>%n"
        + "</table>%n", c.checksSent(), c.checksWithoutEdge(), c.checksTooLow(), c.results(), c.answered(), c.late(),
        refused, levels, c.hits(), c.trueHits(), c.falseHits(), c.missed(), c.bytesSent(), c.latencyP50Ms(),
        c.latencyP99Ms()));
    return h.toString();
  }
}
