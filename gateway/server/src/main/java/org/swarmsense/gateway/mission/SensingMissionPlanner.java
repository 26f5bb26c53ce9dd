package org.swarmsense.gateway.mission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.epos.sensing.MissionPlanner;
import org.swarmsense.epos.sensing.MissionPlanner.Result;
import org.swarmsense.epos.sensing.MissionPlanner.Run;
import org.swarmsense.epos.sensing.Strategy;
import org.swarmsense.epos.sensing.mission.Mission;
import org.swarmsense.epos.sensing.plans.CandidatePlan;
import org.swarmsense.epos.sensing.plans.SensingProblem;
import org.swarmsense.epos.sensing.report.ReportWriter;
import org.swarmsense.maps.geo.LocalProjection;

/**
 * Plans with the sensing model of epos-planner (I-EPOS and the four baselines on the same plans)
 * and shapes the result for the HTTP API: the report.json tree plus a {@code summary} of the first
 * run, and plans.geojson plus one {@code cell} feature per sensing cell carrying the demand and the
 * I-EPOS sensing (seconds over the window) that the dashboard colours. Stateless, thread-safe.
 */
public final class SensingMissionPlanner implements PlanningService {

  @Override
  public PlannedMission plan(Mission mission, Consumer<String> progress) {
    Result result = MissionPlanner.plan(mission, progress);
    return new PlannedMission(report(result), plans(result), result);
  }

  static ObjectNode report(Result result) {
    ObjectNode report = ReportWriter.reportJson(result);
    ArrayNode summary = report.putArray("summary");
    JsonNode strategies = report.path("runs").path(0).path("strategies");
    strategies
        .fields()
        .forEachRemaining(
            e -> {
              ObjectNode s = summary.addObject();
              s.put("strategy", e.getKey());
              s.put("mismatchPercent", e.getValue().path("mismatchPercent").asDouble());
              s.put("energyKj", e.getValue().path("energyKj").asDouble());
              s.put(
                  "vehicleObservationShare",
                  e.getValue().path("vehicleObservationShare").asDouble());
            });
    return report;
  }

  static ObjectNode plans(Result result) {
    ObjectNode geo = ReportWriter.plansFeatureCollection(result);
    Run run = result.runs().get(0);
    SensingProblem p = run.problem();
    double[] sensed = new double[p.dimension()];
    int[] selection = run.results().get(Strategy.I_EPOS).selection();
    for (int d = 0; d < selection.length; d++) {
      CandidatePlan plan = run.plans().get(d).get(selection[d]);
      plan.addTo(sensed, 1.0);
    }
    double half = halfCell(result.mission(), p);
    ArrayNode features = (ArrayNode) geo.path("features");
    for (int c = 0; c < p.cells(); c++) {
      double demand = 0;
      double got = 0;
      for (int t = 0; t < p.slots(); t++) {
        demand += p.goalAt(c, t);
        got += sensed[c * p.slots() + t];
      }
      ObjectNode f = features.addObject();
      f.put("type", "Feature");
      ObjectNode props = f.putObject("properties");
      props.put("kind", "cell");
      props.put("cell", p.cellIds()[c]);
      props.put("demandS", demand);
      props.put("sensedS", got);
      ObjectNode g = f.putObject("geometry");
      g.put("type", "Polygon");
      ArrayNode ring = g.putArray("coordinates").addArray();
      double x = p.x(c);
      double y = p.y(c);
      double[][] corners = {
        {x - half, y - half}, {x + half, y - half}, {x + half, y + half}, {x - half, y + half}, {x - half, y - half}
      };
      for (double[] xy : corners) {
        Coordinate out = toOutput(result, xy[0], xy[1]);
        ring.addArray().add(out.x).add(out.y);
      }
    }
    return geo;
  }

  private static double halfCell(Mission mission, SensingProblem p) {
    if (mission.geographic()) {
      return mission.cellSizeM() / 2;
    }
    // cells files: half the smallest distance between two cell centres (a regular grid's half step)
    double best = Double.MAX_VALUE;
    for (int a = 0; a < p.cells(); a++) {
      for (int b = a + 1; b < Math.min(p.cells(), a + 64); b++) {
        double dist = Math.hypot(p.x(a) - p.x(b), p.y(a) - p.y(b));
        if (dist > 0) {
          best = Math.min(best, dist);
        }
      }
    }
    return best == Double.MAX_VALUE ? 1 : best / 2;
  }

  private static Coordinate toOutput(Result result, double x, double y) {
    if (result.projection().isEmpty()) {
      return new Coordinate(x, y);
    }
    LocalProjection pr = result.projection().get();
    return pr.toWgs84(x, y);
  }
}
