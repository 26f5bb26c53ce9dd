package org.swarmsense.epos.sensing;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.swarmsense.epos.core.EposProgress;
import org.swarmsense.epos.sensing.energy.DroneModel;
import org.swarmsense.epos.sensing.energy.EnergyModel;
import org.swarmsense.epos.sensing.evaluation.EposCoordination;
import org.swarmsense.epos.sensing.mission.Mission;
import org.swarmsense.epos.sensing.mission.Mission.CostFunction;
import org.swarmsense.epos.sensing.mission.Mission.DemandSource;
import org.swarmsense.epos.sensing.plans.LegRouter;

/**
 * The sensing benchmark: plans a mission of {@code cells} x {@code slots} for {@code drones} drones
 * with {@code plans} plans each (plan generation, I-EPOS, the four baselines, metrics) and prints
 * one row per size with wall times, plus the speed-up of I-EPOS on all processors over the same
 * I-EPOS run on one thread, measured in the same run (the machine is noisy, ratios travel better
 * than seconds; both must select the same plans, which the bench checks). The cells are
 * a cells file's when given (e.g. pneuma_grid.csv: 422 cells), otherwise a synthetic square grid
 * of 100 m cells with seeded random demand and 4 corner bases. Not thread-safe (prints).
 */
public final class SensingBench {

  private SensingBench() {}

  /** Runs the benchmark for each fleet size and prints the table to {@code out}. */
  public static void run(Optional<Path> cellsFile, int syntheticCells, int slots, int[] droneCounts,
      int plans, int iterations, PrintStream out) {
    Path cells = cellsFile.orElseGet(() -> SyntheticCells.write(syntheticCells, 1));
    out.printf(Locale.ROOT, "%-8s %6s %6s %6s %6s %9s %9s %9s %9s %9s %10s %9s%n", "bench", "cells",
        "slots", "drones", "plans", "gen s", "I-EPOS s", "local s", "total s", "mism %",
        "1-thread s", "speed-up");
    out.println("(I-EPOS s: first run inside the planning, JIT warm-up included; speed-up:"
        + " warm 1-thread I-EPOS time / warm all-processor time, same plans, same selection)");
    for (int drones : droneCounts) {
      Mission m = mission(cells, slots, drones, plans, iterations);
      long t0 = System.nanoTime();
      EnergyModel energy = EnergyModel.of(m.fleet().model());
      MissionDemand.Frame frame = MissionDemand.frame(m, org.swarmsense.maps.MapsSettings.load(), s -> { });
      MissionPlanner.Run run = MissionPlanner.run(m, energy, frame.problem(), LegRouter.straight(),
          drones, 2, s -> { });
      double total = (System.nanoTime() - t0) / 1e9;
      double epos = run.results().get(Strategy.I_EPOS).wallS();
      double ls = run.results().get(Strategy.LOCAL_SEARCH).wallS();
      // warm-up done by the run above; now time both engines on the same plans
      long s1 = System.nanoTime();
      int[] all = EposCoordination.select(run.plans(), run.problem().goal(), run.problem().slotS(),
          m.planner(), EposProgress.none(), 0);
      double allThreads = (System.nanoTime() - s1) / 1e9;
      long s0 = System.nanoTime();
      int[] single = EposCoordination.select(run.plans(), run.problem().goal(), run.problem().slotS(),
          m.planner(), EposProgress.none(), 1);
      double oneThread = (System.nanoTime() - s0) / 1e9;
      if (!java.util.Arrays.equals(single, all)
          || !java.util.Arrays.equals(all, run.results().get(Strategy.I_EPOS).selection())) {
        throw new IllegalStateException("I-EPOS on 1 thread selected other plans than on all");
      }
      out.printf(Locale.ROOT,
          "%-8s %6d %6d %6d %6d %9.2f %9.2f %9.2f %9.2f %9.2f %10.2f %9.2f%n",
          "sensing", run.problem().cells(), run.problem().slots(), drones, plans,
          run.planGenerationS(), epos, ls, total,
          run.results().get(Strategy.I_EPOS).metrics().mismatchPercent(), oneThread,
          oneThread / Math.max(allThreads, 1e-9));
      out.flush();
    }
  }

  /**
   * The capacity-bound table: plans each mission file as written (every fleet size and coverage
   * target of its sweep) and prints, per run, the capacity bound (least mismatch % any selection
   * could reach, {@link org.swarmsense.epos.sensing.plans.CapacityBound}), each strategy's
   * mismatch % and its ratio to the bound, and I-EPOS's mismatch over the central local search's.
   */
  public static void boundTable(List<Path> missions, PrintStream out) {
    out.printf(Locale.ROOT, "%-22s %6s %7s %-14s %9s %8s%n", "mission", "drones", "bound %",
        "strategy", "mismatch%", "x bound");
    for (Path f : missions) {
      Mission m = org.swarmsense.epos.sensing.mission.MissionReader.read(f);
      MissionPlanner.Result r = MissionPlanner.plan(m, s -> { });
      for (MissionPlanner.Run run : r.runs()) {
        for (Strategy name : run.results().keySet()) {
          out.printf(Locale.ROOT, "%-22s %6d %7.2f %-14s %9.2f %8.3f%n", m.name(), run.drones(),
              run.capacityBound().mismatchPercent(), name.label(),
              run.results().get(name).metrics().mismatchPercent(), run.boundRatio(name));
        }
        double epos = run.results().get(Strategy.I_EPOS).metrics().mismatchPercent();
        double best = Double.POSITIVE_INFINITY;
        for (Strategy name : List.of(Strategy.RANDOM, Strategy.GREEDY, Strategy.EVEN_COVERAGE)) {
          best = Math.min(best, run.results().get(name).metrics().mismatchPercent());
        }
        out.printf(Locale.ROOT, "%-22s %6d   I-EPOS / local search %.4f, / best baseline %.4f,"
            + " / bound %.3f%n", m.name(), run.drones(),
            epos / run.results().get(Strategy.LOCAL_SEARCH).metrics().mismatchPercent(), epos / best,
            run.boundRatio(Strategy.I_EPOS));
        out.flush();
      }
    }
  }

  static Mission mission(Path cells, int slots, int drones, int plans, int iterations) {
    Mission.Window w = new Mission.Window(0, 300.0 * slots, 300);
    return new Mission("bench", Optional.empty(), 0, Optional.of(cells), w,
        basesOf(cells), List.of(),
        new Mission.Fleet(drones, DroneModel.defaults(), plans, 120, 0, 8, 2, 1000, 60),
        new Mission.Demand(DemandSource.CELLS, Optional.empty(), 0, 1), List.of(2.0),
        List.of(drones),
        new Mission.Planner(iterations, 1, 2, 0, 0, CostFunction.SQR, 1, 0));
  }

  private static List<Mission.Point> basesOf(Path cells) {
    List<Mission.Point> out = new ArrayList<>();
    org.swarmsense.epos.sensing.mission.CellsFile.read(cells).bases()
        .forEach(b -> out.add(new Mission.Point(b.xM(), b.yM())));
    if (out.isEmpty()) {
      throw new IllegalArgumentException(cells + ": the bench needs BASE rows");
    }
    return out;
  }

  /** Writes a synthetic cells file (temporary) for the bench. */
  static final class SyntheticCells {
    private SyntheticCells() {}

    static Path write(int cells, long seed) {
      try {
        int side = (int) Math.ceil(Math.sqrt(cells));
        java.util.Random rng = new java.util.Random(seed);
        StringBuilder b = new StringBuilder("type,id,x,y,z,value\n");
        for (int i = 0; i < cells; i++) {
          b.append(String.format(Locale.ROOT, "SENSE,%d,%.1f,%.1f,1,%.4f%n", i,
              50 + 100.0 * (i % side), 50 + 100.0 * (i / side), -Math.log(1 - rng.nextDouble())));
        }
        double max = 100.0 * side;
        b.append(String.format(Locale.ROOT,
            "BASE,0,-30,-30,0,0%nBASE,1,%.1f,-30,0,0%nBASE,2,-30,%.1f,0,0%nBASE,3,%.1f,%.1f,0,0%n",
            max + 30, max + 30, max + 30, max + 30));
        Path f = java.nio.file.Files.createTempFile("swarmsense-bench-cells", ".csv");
        f.toFile().deleteOnExit();
        java.nio.file.Files.writeString(f, b.toString());
        return f;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
