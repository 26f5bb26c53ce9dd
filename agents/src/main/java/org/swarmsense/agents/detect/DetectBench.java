package org.swarmsense.agents.detect;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.swarmsense.epos.sensing.MissionPlanner;
import org.swarmsense.epos.sensing.Strategy;
import org.swarmsense.epos.sensing.evaluation.CaptureControl;
import org.swarmsense.epos.sensing.evaluation.DetectedVehicles;
import org.swarmsense.epos.sensing.evaluation.DetectionReport;
import org.swarmsense.epos.sensing.evaluation.EposCoordination;
import org.swarmsense.epos.sensing.evaluation.ExactSelection;
import org.swarmsense.epos.sensing.evaluation.Objective;
import org.swarmsense.epos.sensing.mission.Mission;
import org.swarmsense.epos.sensing.mission.MissionReader;
import org.swarmsense.epos.sensing.plans.CandidatePlan;
import org.swarmsense.epos.sensing.plans.SensingProblem;

/**
 * {@code bench sensing --detect}: plans each mission, flies every strategy with cameras ({@link
 * DetectedMission}) and prints, per mission and fleet size, each strategy's detected-vehicles
 * percent, energy and detections per kJ, then I-EPOS's ratio to the best <em>uncoordinated</em>
 * baseline ({@link Strategy#UNCOORDINATED}: random, greedy, even coverage; the centralised local search
 * is printed but is coordination) and whether issue
 * 14's goal holds there (ratio &gt;= 1.46 at no more energy). By default I-EPOS plans within the energy
 * of the best uncoordinated baseline by detected vehicles, the issue's own comparison ({@link
 * MissionPlanner.EnergyBudget#BEST_UNCOORDINATED_BY_DETECTION}: the baselines are flown first), and
 * under each verdict the bench prints that budget and where it came from, the spread of the drones'
 * plan energies and the smallest beta at which one drone would take a cheaper plan. Whether a fleet is scarce is printed
 * as the share of occupied (cell, second) pairs its hover capacity could cover at most. Stateless.
 */
public final class DetectBench {

  /** I-EPOS's detected vehicles over the best uncoordinated baseline's, the goal of issue 14. */
  public static final double GOAL_RATIO = 1.46;

  /** The uncoordinated baselines ({@link Strategy#UNCOORDINATED}). */
  public static final List<Strategy> UNCOORDINATED = Strategy.UNCOORDINATED;

  private DetectBench() {}

  /**
   * The bench's options.
   *
   * @param missions mission files (each with a {@code demand.map}), at least one
   * @param detectorModel the edge node's detector; empty: the configured one
   * @param quick one frame per minute of hover
   * @param budget what energy I-EPOS may use: {@code BEST_UNCOORDINATED_BY_DETECTION} (the bench's
   *     default) at most the energy of the best uncoordinated baseline by detected vehicles; {@code
   *     LEAST_UNCOORDINATED} at most the least energy of any of them (stricter); {@code NONE} plans as
   *     {@code mission plan} does
   * @param diagnose under each run, the diagnosis of {@link DetectDiagnosis} (issue 14's 3-drone runs)
   * @param ceiling under each run, the detection ceiling ({@link DetectionCeiling}): every candidate plan
   *     is flown, and the most any selection within the best baseline's energy detects is searched; then
   *     I-EPOS's objective against its exact optimum within I-EPOS's budget ({@link ExactSelection})
   */
  public record Options(List<Path> missions, Optional<Path> detectorModel, boolean quick,
      MissionPlanner.EnergyBudget budget, boolean diagnose, boolean ceiling) {

    /** Without the ceiling. */
    public Options(List<Path> missions, Optional<Path> detectorModel, boolean quick,
        MissionPlanner.EnergyBudget budget, boolean diagnose) {
      this(missions, detectorModel, quick, budget, diagnose, false);
    }

    /** Without the diagnosis. */
    public Options(List<Path> missions, Optional<Path> detectorModel, boolean quick,
        MissionPlanner.EnergyBudget budget) {
      this(missions, detectorModel, quick, budget, false);
    }

    /** Validates. */
    public Options {
      if (missions == null || missions.isEmpty()) {
        throw new IllegalArgumentException("--missions must name at least one mission file with a demand.map");
      }
      missions = List.copyOf(missions);
      if (detectorModel == null) {
        throw new IllegalArgumentException("detectorModel must not be null (empty for the configured one)");
      }
      if (budget == null) {
        throw new IllegalArgumentException("budget must not be null");
      }
    }
  }

  /** Runs the bench, the tables to {@code out}, progress to stderr. */
  public static void run(Options options, PrintStream out) throws Exception {
    run(options, new PrintWriter(out, true));
  }

  /** Runs the bench, the tables to {@code w}, progress to stderr. */
  public static void run(Options options, PrintWriter w) throws Exception {
    for (Path file : options.missions()) {
      Mission mission = MissionReader.read(file);
      long t0 = System.nanoTime();
      MissionDetection.Flights[] flown = new MissionDetection.Flights[1];
      DetectedMission d = DetectedMission.planAndDetect(mission, options.detectorModel(), options.quick(),
          options.budget(), line -> System.err.println(line), f -> flown[0] = f);
      table(mission.name(), d.result(), d.detection(), Optional.of(flown[0]), options.diagnose(), options.ceiling(),
          w);
      w.printf(Locale.ROOT, "(%s: %.0f s wall)%n", mission.name(), (System.nanoTime() - t0) / 1e9);
    }
    w.flush();
  }

  /** The per-run table of one mission. */
  public static void table(String mission, MissionPlanner.Result result, DetectionReport detection, PrintWriter w) {
    table(mission, result, detection, Optional.empty(), false, false, w);
  }

  /**
   * The per-run table of one mission, with each run's diagnosis ({@code diagnose}) and detection ceiling
   * ({@code ceiling}); both need the {@code flown} flights.
   */
  public static void table(String mission, MissionPlanner.Result result, DetectionReport detection,
      Optional<MissionDetection.Flights> flown, boolean diagnose, boolean ceiling, PrintWriter w) {
    if ((diagnose || ceiling) && flown.isEmpty()) {
      throw new IllegalArgumentException("the diagnosis and the ceiling need the flights");
    }
    w.printf(Locale.ROOT, "%nmeasured detection, %s: detector %s, one frame per %.0f s of hover; %s%n", mission,
        detection.detector(), detection.captureIntervalS(), detection.link());
    for (int r = 0; r < result.runs().size(); r++) {
      MissionPlanner.Run run = result.runs().get(r);
      Map<Strategy, DetectedVehicles> fig = detection.perRun().get(r);
      w.printf(Locale.ROOT, "%n%s, %d drones: hover capacity covers at most %.1f %% of the occupied cell-seconds%n",
          mission, run.drones(), 100 * coverableShare(run));
      w.printf(Locale.ROOT, "%-13s %10s %10s %10s %8s %8s %6s %12s %6s%n", "strategy", "detected%", "observed%",
          "energy kJ", "det/kJ", "frames", "lost", "matched/GT", "FP");
      for (MissionPlanner.StrategyResult sr : run.results().values()) {
        DetectedVehicles dv = fig.get(sr.strategy());
        w.printf(Locale.ROOT, "%-13s %10.3f %10.2f %10.0f %8.3f %8d %6d %12s %6d%n", sr.name(),
            dv.detectedVehiclesPercent(), 100 * sr.metrics().vehicleObservationShare(), dv.energyKj(),
            dv.detectionsPerKj(), dv.frames(), dv.framesLost(), dv.truePositives() + "/" + dv.groundTruthBoxes(),
            dv.falsePositives());
      }
      DetectedVehicles epos = fig.get(Strategy.I_EPOS);
      Map<Strategy, Double> percent = new java.util.EnumMap<>(Strategy.class);
      Map<Strategy, Double> energyJ = new java.util.EnumMap<>(Strategy.class);
      for (Strategy s : UNCOORDINATED) {
        percent.put(s, fig.get(s).detectedVehiclesPercent());
        energyJ.put(s, EposCoordination.energyJ(run.plans(),
            run.results().get(s).selection()));
      }
      // the one rule that also sets the budget: the highest percent, then the lower energy, then the order
      Strategy best = MissionPlanner.bestUncoordinatedByDetection(percent, energyJ);
      DetectedVehicles b = fig.get(best);
      double ratio = ratio(epos.detectedVehicleSeconds(), b.detectedVehicleSeconds());
      double energyRatio = ratio(epos.energyKj(), b.energyKj());
      boolean met = ratio >= GOAL_RATIO && epos.energyKj() <= b.energyKj();
      w.printf(Locale.ROOT, "I-EPOS / best uncoordinated (%s): detected x%.3f, energy x%.3f, detections/kJ x%.3f;"
          + " goal (>= %.2fx at no more energy): %s%n", best.label(), ratio, energyRatio,
          ratio(epos.detectionsPerKj(), b.detectionsPerKj()),
          GOAL_RATIO, met ? "MET" : "NOT MET");
      energy(result, run, epos, w);
      if (diagnose) {
        DetectDiagnosis.print(run, r, flown.get(), fig, best, result.mission().planner().cost(), w);
      }
      if (ceiling) {
        ceiling(result.mission().planner(), run, r, flown.get(), fig, best, w);
      }
      if (!detection.control().isEmpty()) {
        control(detection.control().get(r), w);
      }
    }
    w.flush();
  }

  /**
   * How I-EPOS's energy came about in one run (issue 14's diagnosis): the budget it was held to (if
   * any) and where it came from, the spread of the drones' candidate plans' energy, and the smallest beta at which one drone
   * of its selection would switch to a cheaper plan.
   */
  static void energy(MissionPlanner.Result result, MissionPlanner.Run run, DetectedVehicles epos, PrintWriter w) {
    Mission.Planner pl = result.mission().planner();
    if (run.iEposEnergyBudget().isPresent()) {
      w.printf(Locale.ROOT, "%s; I-EPOS used %.3f kJ%n", MissionPlanner.budgetLine(run.iEposEnergyBudget().get()),
          epos.energyKj());
    } else {
      w.printf(Locale.ROOT, "I-EPOS planned without an energy budget (beta %.3g)%n", pl.beta());
    }
    w.println(MissionPlanner.planEnergyLine(run.plans(), result.energy().drone().batteryCapacityJ()).trim());
    double[] s = new Objective(run.problem().goal(), pl.cost(), run.problem().slotS(), 0, pl.beta())
        .smallestSwitchingBeta(run.plans(), run.results().get(Strategy.I_EPOS).selection());
    w.printf(Locale.ROOT, "smallest beta at which one drone of I-EPOS's selection would take a cheaper plan: %.4f"
        + " (drone %d, plan %d -> %d)%n", s[0], (int) s[1], (int) s[2], (int) s[3]);
  }

  /**
   * The detection ceiling of one run within the energy of {@code best} (the best uncoordinated baseline
   * by detection; under the default rule exactly I-EPOS's budget): flies every candidate plan of every
   * drone, checks that each strategy's detected vehicle-seconds are the union of its plans' pairs (the
   * identity the ceiling rests on), searches every selection within that energy ({@link
   * DetectionCeiling}) and prints the most detected and whether the goal's ratio is within reach.
   *
   * @throws IllegalStateException if a strategy's printed figure is not the union of its plans' pairs
   */
  static void ceiling(Mission.Planner pl, MissionPlanner.Run run, int runIndex, MissionDetection.Flights flights,
      Map<Strategy, DetectedVehicles> fig, Strategy best, PrintWriter w) {
    List<List<Set<String>>> pairs = flights.detectedPairsByPlan(runIndex, run);
    for (MissionPlanner.StrategyResult sr : run.results().values()) {
      long union = DetectionCeiling.detectedBy(pairs, sr.selection());
      double printed = fig.get(sr.strategy()).detectedVehicleSeconds();
      if (union != printed) {
        throw new IllegalStateException(sr.name() + " of run " + runIndex + " detected " + printed
            + " vehicle-seconds, the union of its plans' pairs is " + union + ": a frame's outcome depends on more"
            + " than its drone, second and position, and the ceiling would not be one");
      }
    }
    double budgetJ = EposCoordination.energyJ(run.plans(), run.results().get(best).selection());
    double[][] energyJ = new double[run.plans().size()][];
    int candidates = 0;
    for (int i = 0; i < energyJ.length; i++) {
      energyJ[i] = run.plans().get(i).stream().mapToDouble(CandidatePlan::energyJ).toArray();
      candidates += energyJ[i].length;
    }
    long t0 = System.nanoTime();
    DetectionCeiling c = DetectionCeiling.search(pairs, energyJ, budgetJ, CEILING_MAX_NODES);
    double searchS = (System.nanoTime() - t0) / 1e9;
    DetectedVehicles b = fig.get(best);
    DetectedVehicles epos = fig.get(Strategy.I_EPOS);
    double ratio = ratio(c.detectedVehicleSeconds(), b.detectedVehicleSeconds());
    w.printf(Locale.ROOT, "detection ceiling within %.3f kJ (the energy of %s; all %d candidate plans flown, %d kept"
        + " after dominance, %d nodes in %.1f s, %s): %s%d vehicle-seconds = %.3f %% at %.3f kJ, selection %s; x%.3f"
        + " the best uncoordinated, I-EPOS reaches %.1f %% of it; x%.2f within reach of these plans: %s%n",
        budgetJ / 1000, best.label(), candidates, c.plansKept(), c.nodes(), searchS,
        c.exact() ? "exact" : "stopped at the node limit", c.exact() ? "" : "at least ", c.detectedVehicleSeconds(),
        100.0 * c.detectedVehicleSeconds() / b.demandVehicleSeconds(), c.energyJ() / 1000,
        java.util.Arrays.toString(c.selection()), ratio,
        100 * ratio(epos.detectedVehicleSeconds(), c.detectedVehicleSeconds()), GOAL_RATIO,
        ratio >= GOAL_RATIO ? "yes" : c.exact() ? "no" : "not found");
    searchLine(pl, run, pairs, b, w);
  }

  /**
   * Whether I-EPOS found the best its objective allows (issue 14: is a miss the search or the objective?):
   * I-EPOS's objective against the exact optimum over every selection within I-EPOS's own budget (none:
   * every selection) and the planner's cap ({@link ExactSelection}), and what the optimum's selection
   * detects (the union of its plans' {@code pairs}) against the {@code best} uncoordinated baseline.
   */
  static void searchLine(Mission.Planner pl, MissionPlanner.Run run, List<List<Set<String>>> pairs,
      DetectedVehicles best, PrintWriter w) {
    double budgetJ = run.iEposEnergyBudget().map(b -> b.energyJ()).orElse(Double.POSITIVE_INFINITY);
    Objective objective =
        new Objective(run.problem().goal(), pl.cost(), run.problem().slotS(), pl.alpha(), pl.beta());
    int[] epos = run.results().get(Strategy.I_EPOS).selection();
    double eposObjective = objective.of(run.plans(), epos);
    long t0 = System.nanoTime();
    ExactSelection x;
    try {
      x = ExactSelection.search(run.plans(), objective, pl.capFactor(), budgetJ, CEILING_MAX_NODES);
    } catch (IllegalArgumentException none) { // the cap leaves no selection, or none was reached in time
      w.printf(Locale.ROOT, "I-EPOS's objective %.6f; the optimum: %s%n", eposObjective, none.getMessage());
      return;
    }
    double searchS = (System.nanoTime() - t0) / 1e9;
    double tie = 1e-9 * Math.max(1, Math.abs(x.objective()));
    String within = (budgetJ < Double.POSITIVE_INFINITY ? String.format(Locale.ROOT, " within %.3f kJ", budgetJ / 1000)
        : "") + (pl.capFactor() > 0 ? (budgetJ < Double.POSITIVE_INFINITY ? " and" : "") + " within the cap" : "");
    w.printf(Locale.ROOT, "I-EPOS's objective %.6f at %.3f kJ; the optimum of every selection%s: %.6f at %.3f kJ,"
        + " selection %s (%s, %d nodes in %.1f s), detecting x%.3f the best uncoordinated; I-EPOS is %s%n",
        eposObjective,
        EposCoordination.energyJ(run.plans(), epos) / 1000, within, x.objective(), x.energyJ() / 1000,
        java.util.Arrays.toString(x.selection()), x.exact() ? "exact" : "stopped at the node limit", x.nodes(), searchS,
        ratio(DetectionCeiling.detectedBy(pairs, x.selection()), best.detectedVehicleSeconds()),
        Math.abs(eposObjective - x.objective()) <= tie ? "at the optimum"
            : String.format(Locale.ROOT, "%.2f %% above it", 100 * (eposObjective / x.objective() - 1)));
  }

  /** The detection ceiling's node limit: far above the 6-drone runs' needs, a stop for large fleets. */
  static final long CEILING_MAX_NODES = 50_000_000L;

  /** The capture-rate control against the best fixed rate of one run (issue 15 part 4). */
  public static void control(CaptureControl c, PrintWriter w) {
    w.printf(Locale.ROOT, "capture-rate and offloading control (%s flights; %s)%n", c.strategy(), c.model());
    w.printf(Locale.ROOT, "%-44s %9s %9s %9s %9s %9s %11s %6s | %8s %8s %8s %6s %s%n", "controller", "mean s",
        "p50 s", "p99 s", "accuracy", "viol %", "bytes sent", "ovfl", "up ms", "edge ms", "local ms", "Z>0 %",
        "edge share by channel state");
    row(c.controller(), c.controlled(), w);
    row("best fixed: " + c.fixedDecision(), c.fixed(), w);
    for (CaptureControl.Alternative a : c.alternatives()) {
      row(a.name(), a.figures(), w);
    }
    w.printf(Locale.ROOT, "delay fixed/controlled x%.3f at accuracy target %.2f; goal (>= x%.3f, i.e. %.0f %% lower"
        + " mean delay, target held): %s: %s%n", c.delayRatio(), c.accuracyTarget(), c.goalRatio(),
        100 * (1 - 1 / c.goalRatio()), c.goalMet() ? "MET" : "NOT MET", c.reason());
  }

  private static void row(String name, CaptureControl.Figures f, PrintWriter w) {
    StringBuilder shares = new StringBuilder();
    for (double s : f.edgeShareByChannelState()) {
      shares.append(shares.length() == 0 ? "" : " ").append(Double.isNaN(s) ? "-" : String.format(Locale.ROOT,
          "%.2f", s));
    }
    w.printf(Locale.ROOT, "%-44s %9.4f %9.4f %9.4f %9.4f %9.2f %11d %6d | %8.2f %8.2f %8.2f %6.1f %s%n", name,
        f.meanDelayS(), f.p50DelayS(), f.p99DelayS(), f.longRunAccuracy(), 100 * f.runningViolationShare(),
        f.bytesSent(), f.overflows(), 1e3 * f.meanUploadDelayS(), 1e3 * f.meanEdgeDelayS(),
        1e3 * f.meanLocalDelayS(), 100 * f.virtualQueueBoundShare(), shares);
  }

  /** a / b; NaN when both are 0 (nothing to compare), infinite when only b is. */
  static double ratio(double a, double b) {
    if (b > 0) {
      return a / b;
    }
    return a > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
  }

  /** The fleet's hover capacity over the (cell, second) pairs holding at least one vehicle, capped at 1. */
  static double coverableShare(MissionPlanner.Run run) {
    SensingProblem p = run.problem();
    double occupied = 0;
    for (int c = 0; c < p.cells(); c++) {
      for (int t = 0; t < p.slots(); t++) {
        if (p.vehicleSecondsAt(c * p.slots() + t) > 0) {
          occupied += p.slotLengthS(t);
        }
      }
    }
    return occupied > 0 ? Math.min(1, run.fleetHoverCapacityS() / occupied) : 1;
  }
}
