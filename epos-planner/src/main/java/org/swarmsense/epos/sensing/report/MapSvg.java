package org.swarmsense.epos.sensing.report;

import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.epos.sensing.MissionPlanner;
import org.swarmsense.epos.sensing.MissionPlanner.Run;
import org.swarmsense.epos.sensing.Strategy;
import org.swarmsense.epos.sensing.evaluation.SensingMetrics;
import org.swarmsense.epos.sensing.mission.Mission;
import org.swarmsense.epos.sensing.plans.CandidatePlan;
import org.swarmsense.epos.sensing.plans.SensingProblem;

/**
 * Renders one run as an SVG with two panels on the same colour scale: the required sensing per
 * cell (sum over slots of r, drone-seconds) and the sensing a strategy provides (sum of hover
 * seconds), with bases (triangles), no-fly zones (red) and the strategy's routes. Drawn in local
 * metres, north up. Stateless and thread-safe.
 */
public final class MapSvg {

  static final int PANEL_PX = 420;
  static final int MARGIN_PX = 30;

  private MapSvg() {}

  /** The SVG document. */
  public static String render(MissionPlanner.Result result, Run run, Strategy strategy) {
    SensingProblem p = run.problem();
    int[] sel = run.results().get(strategy).selection();
    double[] sensed = SensingMetrics.aggregate(run.plans(), sel, p.dimension());
    double[] goal = p.goal();
    int n = p.cells();
    int slots = p.slots();
    double[] req = new double[n];
    double[] got = new double[n];
    double max = 0;
    for (int c = 0; c < n; c++) {
      for (int t = 0; t < slots; t++) {
        req[c] += goal[c * slots + t];
        got[c] += sensed[c * slots + t];
      }
      max = Math.max(max, Math.max(req[c], got[c]));
    }
    double cell = cellSize(result.mission(), p);
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < n; c++) {
      minX = Math.min(minX, p.x(c) - cell / 2);
      maxX = Math.max(maxX, p.x(c) + cell / 2);
      minY = Math.min(minY, p.y(c) - cell / 2);
      maxY = Math.max(maxY, p.y(c) + cell / 2);
    }
    for (int b = 0; b < p.bases(); b++) {
      minX = Math.min(minX, p.bx(b) - cell);
      maxX = Math.max(maxX, p.bx(b) + cell);
      minY = Math.min(minY, p.by(b) - cell);
      maxY = Math.max(maxY, p.by(b) + cell);
    }
    double scale = PANEL_PX / Math.max(maxX - minX, maxY - minY);
    int h = (int) Math.ceil((maxY - minY) * scale);
    int w = (int) Math.ceil((maxX - minX) * scale);
    int totalW = 2 * w + 3 * MARGIN_PX;
    int totalH = h + 2 * MARGIN_PX + 40;
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
            + " font-family=\"sans-serif\" font-size=\"12\">%n", totalW, totalH, totalW, totalH));
    s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    for (int panel = 0; panel < 2; panel++) {
      double ox = MARGIN_PX + panel * (w + MARGIN_PX);
      double oy = MARGIN_PX;
      double[] v = panel == 0 ? req : got;
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n", ox, oy - 10,
          panel == 0 ? "required sensing per cell (drone-s)"
              : String.format(Locale.ROOT, "sensed by %s (hover s), %d drones, coverage target"
                  + " %.2f", esc(strategy.label()), run.drones(), run.coverageTarget())));
      s.append(String.format(Locale.ROOT,
          "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%d\" fill=\"#f4f4f4\"/>%n", ox, oy, w,
          h));
      for (int c = 0; c < n; c++) {
        double px = ox + (p.x(c) - cell / 2 - minX) * scale;
        double py = oy + (maxY - p.y(c) - cell / 2) * scale;
        s.append(String.format(Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\""
                + " stroke=\"#dddddd\" stroke-width=\"0.4\">"
                + "<title>cell %d: required %.0f s, sensed %.0f s</title></rect>%n",
            px, py, cell * scale, cell * scale, colour(max > 0 ? v[c] / max : 0, panel),
            p.cellIds()[c], req[c], got[c]));
      }
      for (Mission.Zone z : result.mission().noFlyZones()) {
        StringBuilder pts = new StringBuilder();
        for (Mission.Point pt : z.ring()) {
          Coordinate c = result.projection().map(pr -> pr.toLocal(pt.x(), pt.y()))
              .orElse(new Coordinate(pt.x(), pt.y()));
          pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", ox + (c.x - minX) * scale,
              oy + (maxY - c.y) * scale));
        }
        s.append("<polygon points=\"").append(pts.toString().strip())
            .append("\" fill=\"#ff000033\" stroke=\"red\"><title>no-fly zone ")
            .append(esc(z.name())).append("</title></polygon>\n");
      }
      if (panel == 1) {
        for (int d = 0; d < sel.length; d++) {
          CandidatePlan plan = run.plans().get(d).get(sel[d]);
          for (CandidatePlan.Sortie so : plan.sorties()) {
            StringBuilder pts = new StringBuilder();
            for (double[] xy : so.path()) {
              pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", ox + (xy[0] - minX) * scale,
                  oy + (maxY - xy[1]) * scale));
            }
            s.append("<polyline points=\"").append(pts.toString().strip())
                .append("\" fill=\"none\" stroke=\"#1f4e9c\" stroke-opacity=\"0.25\""
                    + " stroke-width=\"0.7\"/>\n");
          }
        }
      }
      for (int b = 0; b < p.bases(); b++) {
        double bx = ox + (p.bx(b) - minX) * scale;
        double by = oy + (maxY - p.by(b)) * scale;
        s.append(String.format(Locale.ROOT,
            "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"black\"><title>base %d"
                + "</title></polygon>%n", bx, by - 7, bx - 6, by + 5, bx + 6, by + 5, b));
      }
    }
    // legend
    double ly = MARGIN_PX + h + 18;
    for (int i = 0; i <= 10; i++) {
      s.append(String.format(Locale.ROOT,
          "<rect x=\"%d\" y=\"%.1f\" width=\"20\" height=\"10\" fill=\"%s\"/>"
              + "<rect x=\"%d\" y=\"%.1f\" width=\"20\" height=\"10\" fill=\"%s\"/>%n",
          MARGIN_PX + i * 20, ly, colour(i / 10.0, 0), MARGIN_PX + w + MARGIN_PX + i * 20, ly,
          colour(i / 10.0, 1)));
    }
    s.append(String.format(Locale.ROOT,
        "<text x=\"%d\" y=\"%.1f\">0 .. %.0f s per cell over the window (same scale in both"
            + " panels); triangles: bases</text>%n", MARGIN_PX, ly + 24, max));
    s.append("</svg>\n");
    return s.toString();
  }

  /**
   * Size of a cell (side, metres): the grid's cell size, or the smallest spacing between centres
   * (also the gateway's rule for which cell a device's position falls in).
   */
  public static double cellSize(Mission mission, SensingProblem p) {
    if (mission.cellSizeM() > 0) {
      return mission.cellSizeM();
    }
    double best = Double.POSITIVE_INFINITY;
    int n = Math.min(p.cells(), 2000);
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double d = Math.max(Math.abs(p.x(i) - p.x(j)), Math.abs(p.y(i) - p.y(j)));
        if (d > 1e-9) {
          best = Math.min(best, d);
        }
      }
    }
    return Double.isFinite(best) ? best : 1;
  }

  private static String colour(double f, int panel) {
    f = Math.max(0, Math.min(1, f));
    double g = Math.sqrt(f);
    int r;
    int gr;
    int b;
    if (panel == 0) {
      r = (int) Math.round(255 - g * (255 - 200));
      gr = (int) Math.round(255 - g * (255 - 60));
      b = (int) Math.round(255 - g * (255 - 20));
    } else {
      r = (int) Math.round(255 - g * (255 - 20));
      gr = (int) Math.round(255 - g * (255 - 120));
      b = (int) Math.round(255 - g * (255 - 60));
    }
    return String.format(Locale.ROOT, "#%02x%02x%02x", r, gr, b);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
