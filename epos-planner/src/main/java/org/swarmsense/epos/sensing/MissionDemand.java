package org.swarmsense.epos.sensing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.swarmsense.epos.sensing.mission.CellsFile;
import org.swarmsense.epos.sensing.mission.Mission;
import org.swarmsense.epos.sensing.plans.SensingProblem;
import org.swarmsense.maps.MapsSettings;
import org.swarmsense.maps.geo.LocalProjection;

/**
 * Turns a mission's demand source into vehicle-seconds per (cell, slot) on its cells, in a local
 * metric frame. For a cells file the value column is relative demand, spread over the slots in
 * proportion to their length (constant in time). Stateless and thread-safe.
 */
final class MissionDemand {

  private MissionDemand() {}

  /** The problem (goal not yet scaled) and, for area missions, the projection used. */
  record Frame(SensingProblem problem, Optional<LocalProjection> projection) {}

  static Frame frame(Mission mission, MapsSettings maps, Consumer<String> progress) {
    if (mission.cellsFile().isPresent()) {
      return cellsFrame(mission, progress);
    }
    return AreaDemand.frame(mission, maps, progress);
  }

  private static Frame cellsFrame(Mission mission, Consumer<String> progress) {
    CellsFile file = CellsFile.read(mission.cellsFile().get());
    Mission.Window w = mission.window();
    int slots = w.slots();
    int n = file.cells().size();
    List<double[]> xy = new ArrayList<>(n);
    int[] ids = new int[n];
    double[] v = new double[n * slots];
    for (int c = 0; c < n; c++) {
      CellsFile.Row row = file.cells().get(c);
      xy.add(new double[] {row.xM(), row.yM()});
      ids[c] = row.id();
      for (int t = 0; t < slots; t++) {
        double len = Math.min(w.slotS(), w.durationS() - t * w.slotS());
        v[c * slots + t] = row.value() * len / w.durationS();
      }
    }
    List<double[]> bases = new ArrayList<>();
    for (Mission.Point b : mission.bases()) {
      bases.add(new double[] {b.x(), b.y()});
    }
    progress.accept("demand: " + n + " cells from " + mission.cellsFile().get().getFileName()
        + ", " + slots + " slots of " + w.slotS() + " s, " + bases.size() + " bases");
    return new Frame(SensingProblem.of(xy, ids, slots, w.slotS(), w.durationS(), v, bases),
        Optional.empty());
  }
}
