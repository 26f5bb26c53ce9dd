package org.swarmsense.epos.sensing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.swarmsense.epos.sensing.energy.EnergyModel;
import org.swarmsense.epos.sensing.evaluation.Baselines;
import org.swarmsense.epos.sensing.evaluation.EposCoordination;
import org.swarmsense.epos.sensing.evaluation.Objective;
import org.swarmsense.epos.sensing.evaluation.SensingMetrics;
import org.swarmsense.epos.sensing.mission.Mission;
import org.swarmsense.epos.sensing.plans.CandidatePlan;
import org.swarmsense.epos.sensing.plans.CapacityBound;
import org.swarmsense.epos.sensing.plans.LegRouter;
import org.swarmsense.epos.sensing.plans.PlanGenerator;
import org.swarmsense.epos.sensing.plans.SensingProblem;
import org.swarmsense.maps.MapsSettings;
import org.swarmsense.maps.geo.LocalProjection;
import org.swarmsense.maps.nofly.FlightPath;
import org.swarmsense.maps.nofly.FreeFlightRouter;
import org.swarmsense.maps.nofly.NoFlyZone;
import org.swarmsense.maps.nofly.NoFlyZones;

/**
 * Plans a mission end to end: demand -> goal -> candidate plans per drone -> I-EPOS and the four
 * baselines on the same plans -> metrics, once per (fleet size, coverage target) of the mission's
 * sweep. Progress lines go to the given consumer (the CLI prints them on stderr). Stateless and
 * thread-safe.
 */
public final class MissionPlanner {

  /** Rounds of the centralised best-response local search. */
  public static final int LOCAL_SEARCH_ROUNDS = 50;

  private MissionPlanner() {}

  /** One strategy's selection, metrics and wall time. */
  public record StrategyResult(Strategy strategy, int[] selection, SensingMetrics metrics, double wallS) {
    public StrategyResult {
      selection = selection.clone();
    }

    /** The strategy's label, as reports show it. */
    public String name() {
      return strategy.label();
    }

    @Override
    public int[] selection() {
      return selection.clone();
    }
  }

  /**
   * One point of the sweep; {@code capacityBound} is the least mismatch any selection of any plans
   * could reach with this fleet ({@link CapacityBound}); {@code iEposEnergyBudget} the fleet energy
   * I-EPOS was held to and where it came from (empty: no budget).
   */
  public record Run(int drones, double coverageTarget, double fleetHoverCapacityS,
      double fleetCapacityJ, SensingProblem problem, List<List<CandidatePlan>> plans,
      Map<Strategy, StrategyResult> results, double planGenerationS, CapacityBound capacityBound,
      Optional<IEposEnergyBudget> iEposEnergyBudget) {
    public Run {
      if (iEposEnergyBudget == null) {
        throw new IllegalArgumentException("iEposEnergyBudget must not be null (empty for no budget)");
      }
      plans = List.copyOf(plans);
      results = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(results));
    }

    /** The budget I-EPOS was held to, kJ; empty without one. */
    public java.util.OptionalDouble iEposEnergyBudgetKj() {
      return iEposEnergyBudget.map(b -> java.util.OptionalDouble.of(b.energyJ() / 1000))
          .orElse(java.util.OptionalDouble.empty());
    }

    /** A strategy's mismatch % over the capacity bound's (1 = as good as any selection could be). */
    public double boundRatio(Strategy strategy) {
      double b = capacityBound.mismatchPercent();
      double m = results.get(strategy).metrics().mismatchPercent();
      return b > 0 ? m / b : (m == 0 ? 1 : Double.POSITIVE_INFINITY);
    }
  }

  /**
   * The fleet energy I-EPOS's selection was held to in one run, and where it came from.
   *
   * @param rule the rule that set it (never {@link EnergyBudget#NONE})
   * @param baseline the uncoordinated baseline whose energy it is
   * @param energyJ the budget, J: that baseline's plans' energy summed ({@link EposCoordination#energyJ})
   * @param baselineDetectedVehiclesPercent the baseline's measured detected-vehicles percent (what made
   *     it the best, under {@link EnergyBudget#BEST_UNCOORDINATED_BY_DETECTION}); empty under the
   *     other rule
   */
  public record IEposEnergyBudget(EnergyBudget rule, Strategy baseline, double energyJ,
      java.util.OptionalDouble baselineDetectedVehiclesPercent) {
    /** Validates. */
    public IEposEnergyBudget {
      if (rule == null || rule == EnergyBudget.NONE) {
        throw new IllegalArgumentException("rule must be a budget rule, not " + rule);
      }
      if (baseline == null || !Strategy.UNCOORDINATED.contains(baseline)) {
        throw new IllegalArgumentException("baseline must be one of " + Strategy.UNCOORDINATED + ", not " + baseline);
      }
      if (!(energyJ >= 0) || Double.isInfinite(energyJ)) {
        throw new IllegalArgumentException("energyJ must be finite and >= 0, not " + energyJ);
      }
      if (baselineDetectedVehiclesPercent == null
          || baselineDetectedVehiclesPercent.isPresent() != (rule == EnergyBudget.BEST_UNCOORDINATED_BY_DETECTION)) {
        throw new IllegalArgumentException("baselineDetectedVehiclesPercent must be present exactly under "
            + EnergyBudget.BEST_UNCOORDINATED_BY_DETECTION + ", not " + baselineDetectedVehiclesPercent + " under "
            + rule);
      }
    }
  }

  /**
   * What fleet energy I-EPOS's selection may use (issue 14: "I-EPOS detects at least 1.46x the vehicles
   * of the best uncoordinated baseline at no more energy"). Under a budget the uncoordinated baselines
   * ({@link Strategy#UNCOORDINATED}) are selected first and I-EPOS then runs with the budget as a hard
   * constraint on the sum of its plans' energy ({@link EposCoordination}).
   */
  public enum EnergyBudget {
    /** No budget: I-EPOS weighs energy only through the planner's beta (missions as written). */
    NONE,
    /**
     * At most the least energy any uncoordinated baseline uses on the same plans, so I-EPOS uses no
     * more energy than any of them: a stricter stand-in for the words, which needs no
     * detection before I-EPOS is planned.
     */
    LEAST_UNCOORDINATED,
    /**
     * The issue's own rule: at most the energy of the best uncoordinated baseline by detected
     * vehicles. The planner cannot measure detection, so the caller passes a {@link
     * BaselineDetection} that flies the baselines with cameras; the best is the one with the highest
     * detected-vehicles percent, ties to the lower energy, then to the order random, greedy, even
     * coverage ({@link #bestUncoordinatedByDetection}).
     */
    BEST_UNCOORDINATED_BY_DETECTION;

    /**
     * The rule a command-line word names: {@code none}, {@code least-uncoordinated} or {@code
     * best-by-detection}.
     *
     * @param option the option's name, for the error
     * @throws IllegalArgumentException naming the option and the value when it is none of them
     */
    public static EnergyBudget ofOption(String option, String value) {
      if (value != null) {
        switch (value) {
          case "none":
            return NONE;
          case "least-uncoordinated":
            return LEAST_UNCOORDINATED;
          case "best-by-detection":
            return BEST_UNCOORDINATED_BY_DETECTION;
          default:
            break;
        }
      }
      throw new IllegalArgumentException(option + " must be least-uncoordinated, best-by-detection or none, not '"
          + value + "'");
    }
  }

  /**
   * Measures the uncoordinated baselines of one run with cameras, for {@link
   * EnergyBudget#BEST_UNCOORDINATED_BY_DETECTION}: called once per run, after the baselines are
   * selected and before I-EPOS is planned.
   */
  @FunctionalInterface
  public interface BaselineDetection {
    /**
     * The detected-vehicles percent of each uncoordinated baseline of a run.
     *
     * @param runIndex the run's index in the mission's sweep (0-based)
     * @param baselines the run so far: its plans and the results of exactly the {@link
     *     Strategy#UNCOORDINATED} strategies, no budget
     * @return a percent for each of {@link Strategy#UNCOORDINATED}
     */
    Map<Strategy, Double> detectedVehiclesPercent(int runIndex, Run baselines) throws Exception;
  }

  /**
   * The best uncoordinated baseline by detection: the highest detected-vehicles percent; of equal
   * percents the lower energy; of equal energies the first of {@link Strategy#UNCOORDINATED} (random,
   * greedy, even coverage).
   *
   * @param detectedPercent each uncoordinated baseline's detected-vehicles percent
   * @param energyJ each uncoordinated baseline's energy, J
   * @throws IllegalArgumentException if a baseline is missing or a figure is not a finite number >= 0
   */
  public static Strategy bestUncoordinatedByDetection(Map<Strategy, Double> detectedPercent,
      Map<Strategy, Double> energyJ) {
    Strategy best = null;
    for (Strategy s : Strategy.UNCOORDINATED) {
      Double d = detectedPercent.get(s);
      Double e = energyJ.get(s);
      if (d == null || !(d >= 0) || d.isInfinite()) {
        throw new IllegalArgumentException("detected vehicles % of " + s.label() + " must be a finite number >= 0,"
            + " not " + d);
      }
      if (e == null || !(e >= 0) || e.isInfinite()) {
        throw new IllegalArgumentException("energy J of " + s.label() + " must be a finite number >= 0, not " + e);
      }
      if (best == null || d > detectedPercent.get(best)
          || (d.doubleValue() == detectedPercent.get(best) && e < energyJ.get(best))) {
        best = s;
      }
    }
    return best;
  }

  /** The whole outcome: the mission, its local frame (for area missions) and the runs. */
  public record Result(Mission mission, Optional<LocalProjection> projection, EnergyModel energy,
      List<Run> runs) {
    public Result {
      runs = List.copyOf(runs);
    }
  }

  /**
   * The footprint over each cell's centre that {@code mission}'s demand counts vehicles in ({@code
   * demand.view: camera}: the hovering camera's ground at the fleet's altitude), empty when the
   * demand counts whole cells. A live mission compares devices' counts with that forecast.
   */
  public static Optional<org.swarmsense.maps.traffic.TrafficDemand.Footprint> demandView(Mission mission,
      MapsSettings maps) {
    return AreaDemand.footprint(mission, maps);
  }

  /** Plans {@code mission} with the maps settings of the classpath's configuration. */
  public static Result plan(Mission mission, Consumer<String> progress) {
    return plan(mission, MapsSettings.load(), progress);
  }

  /** Plans {@code mission}; {@code maps} gives the road-graph cache and no-fly clearance. */
  public static Result plan(Mission mission, MapsSettings maps, Consumer<String> progress) {
    return plan(mission, maps, progress, EnergyBudget.NONE);
  }

  /**
   * As {@link #plan(Mission, MapsSettings, Consumer)}, I-EPOS held to {@code budget} ({@link
   * EnergyBudget#NONE} or {@link EnergyBudget#LEAST_UNCOORDINATED}: the rules that need no detection).
   */
  public static Result plan(Mission mission, MapsSettings maps, Consumer<String> progress, EnergyBudget budget) {
    if (budget == EnergyBudget.BEST_UNCOORDINATED_BY_DETECTION) {
      throw new IllegalArgumentException(budget + " needs the baselines' detection: use plan(..., detection)");
    }
    try {
      return plan(mission, maps, progress, budget, null);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * As {@link #plan(Mission, MapsSettings, Consumer)}, I-EPOS held to {@code budget}; {@code detection}
   * measures the baselines for {@link EnergyBudget#BEST_UNCOORDINATED_BY_DETECTION} (unused, may be
   * null, under the other rules).
   *
   * @throws IllegalArgumentException if the rule needs detection and {@code detection} is null
   * @throws Exception what {@code detection} throws
   */
  public static Result plan(Mission mission, MapsSettings maps, Consumer<String> progress, EnergyBudget budget,
      BaselineDetection detection) throws Exception {
    if (budget == null) {
      throw new IllegalArgumentException("budget must not be null");
    }
    if (budget == EnergyBudget.BEST_UNCOORDINATED_BY_DETECTION && detection == null) {
      throw new IllegalArgumentException(budget + " needs the baselines' detection measured (detection is null)");
    }
    EnergyModel energy = EnergyModel.of(mission.fleet().model());
    progress.accept(String.format(Locale.ROOT,
        "energy model: hover %.1f W, flight %.1f W, %.1f min hover per battery", energy.hoverPowerW(),
        energy.flightPowerW(), energy.hoverEnduranceS() / 60));
    MissionDemand.Frame frame = MissionDemand.frame(mission, maps, progress);
    LegRouter router = router(mission, frame.projection(), maps);
    List<Run> runs = new ArrayList<>();
    for (int drones : mission.droneCounts()) {
      for (double target : mission.coverageTargets()) {
        runs.add(run(mission, energy, frame.problem(), router, drones, target, progress, budget, runs.size(),
            detection));
      }
    }
    return new Result(mission, frame.projection(), energy, runs);
  }

  /** One (fleet size, coverage target) run, without an energy budget. */
  public static Run run(Mission mission, EnergyModel energy, SensingProblem demand,
      LegRouter router, int drones, double target, Consumer<String> progress) {
    return run(mission, energy, demand, router, drones, target, progress, EnergyBudget.NONE);
  }

  /** One (fleet size, coverage target) run, I-EPOS held to {@code budget} (a rule that needs no detection). */
  public static Run run(Mission mission, EnergyModel energy, SensingProblem demand,
      LegRouter router, int drones, double target, Consumer<String> progress, EnergyBudget budget) {
    if (budget == EnergyBudget.BEST_UNCOORDINATED_BY_DETECTION) {
      throw new IllegalArgumentException(budget + " needs the baselines' detection: use plan(..., detection)");
    }
    try {
      return run(mission, energy, demand, router, drones, target, progress, budget, 0, null);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Run run(Mission mission, EnergyModel energy, SensingProblem demand, LegRouter router, int drones,
      double target, Consumer<String> progress, EnergyBudget budget, int runIndex, BaselineDetection detection)
      throws Exception {
    Mission.Fleet fleet = mission.fleet().withCount(drones);
    double windowS = demand.windowS();
    double hoverCapacity = PlanGenerator.fleetHoverCapacityS(fleet, energy, windowS);
    double capacityJ = drones * PlanGenerator.batteriesPerDay(fleet, energy, windowS)
        * energy.drone().batteryCapacityJ();
    SensingProblem p = demand.withGoalFor(target, hoverCapacity);
    long t0 = System.nanoTime();
    List<List<CandidatePlan>> plans =
        PlanGenerator.generate(p, fleet, energy, router, mission.planner().seed());
    double genS = (System.nanoTime() - t0) / 1e9;
    CapacityBound bound = CapacityBound.of(p, fleet, energy, router);
    progress.accept(String.format(Locale.ROOT,
        "%d drones, coverage target %.2f: %d x %d candidate plans (d = %d) in %.2f s;"
            + " capacity bound: mismatch >= %.2f %%", drones,
        target, drones, fleet.plansPerDrone(), p.dimension(), genS, bound.mismatchPercent()));
    progress.accept(planEnergyLine(plans, energy.drone().batteryCapacityJ()));
    Mission.Planner pl = mission.planner();
    Objective objective = new Objective(p.goal(), pl.cost(), p.slotS(), pl.alpha(), pl.beta());
    List<Strategy> order = new ArrayList<>(List.of(Strategy.values()));
    if (budget != EnergyBudget.NONE) {
      // the baselines first, then I-EPOS within the budget they set, then the local search
      order.remove(Strategy.I_EPOS);
      order.add(order.indexOf(Strategy.LOCAL_SEARCH), Strategy.I_EPOS);
    }
    Map<Strategy, StrategyResult> done = new LinkedHashMap<>();
    Optional<IEposEnergyBudget> iEposBudget = Optional.empty();
    double budgetJ = Double.POSITIVE_INFINITY;
    for (Strategy strategy : order) {
      if (strategy == Strategy.I_EPOS && budget != EnergyBudget.NONE) {
        Map<Strategy, Double> energyJ = new LinkedHashMap<>();
        for (Strategy s : Strategy.UNCOORDINATED) {
          // in J from the plans, summed as the report sums them, so the budget is the baseline's energy exactly
          energyJ.put(s, EposCoordination.energyJ(plans, done.get(s).selection()));
        }
        if (budget == EnergyBudget.LEAST_UNCOORDINATED) {
          Strategy least = Strategy.UNCOORDINATED.get(0);
          for (Strategy s : Strategy.UNCOORDINATED) {
            if (done.get(s).metrics().energyKj() < done.get(least).metrics().energyKj()) {
              least = s;
            }
          }
          iEposBudget = Optional.of(new IEposEnergyBudget(budget, least, energyJ.get(least),
              java.util.OptionalDouble.empty()));
        } else {
          Map<Strategy, Double> detected = detection.detectedVehiclesPercent(runIndex, new Run(drones, target,
              hoverCapacity, capacityJ, p, plans, done, genS, bound, Optional.empty()));
          Strategy best = bestUncoordinatedByDetection(detected, energyJ);
          iEposBudget = Optional.of(new IEposEnergyBudget(budget, best, energyJ.get(best),
              java.util.OptionalDouble.of(detected.get(best))));
        }
        budgetJ = iEposBudget.get().energyJ();
        progress.accept("  " + budgetLine(iEposBudget.get()));
      }
      long s0 = System.nanoTime();
      int[] sel = switch (strategy) {
        case I_EPOS -> {
          EposCoordination.Budgeted b = EposCoordination.selectWithin(plans, p.goal(), p.slotS(), pl, (r, t, g) -> {
            if ((t + 1) % 10 == 0 || t + 1 == pl.iterations()) {
              progress.accept(String.format(Locale.ROOT,
                  "  I-EPOS repetition %d iteration %d/%d: global cost %.6g", r, t + 1,
                  pl.iterations(), g));
            }
          }, 0, budgetJ);
          if (budgetJ < Double.POSITIVE_INFINITY) {
            progress.accept("  I-EPOS within the budget: " + b.describe());
          }
          yield b.selection();
        }
        case RANDOM -> Baselines.random(plans, pl.seed());
        case GREEDY -> Baselines.greedy(plans, objective);
        case EVEN_COVERAGE -> Baselines.evenCoverage(plans, objective);
        case LOCAL_SEARCH -> Baselines.localSearch(plans, objective, LOCAL_SEARCH_ROUNDS, pl.seed());
      };
      double wall = (System.nanoTime() - s0) / 1e9;
      SensingMetrics m = SensingMetrics.measure(p, plans, sel, capacityJ, objective);
      done.put(strategy, new StrategyResult(strategy, sel, m, wall));
      progress.accept(String.format(Locale.ROOT,
          "  %-13s mismatch %6.2f %% (%.2fx bound)  observed %5.1f %%  energy %8.0f kJ  %.2f s",
          strategy.label(), m.mismatchPercent(), m.mismatchPercent() / bound.mismatchPercent(),
          100 * m.vehicleObservationShare(), m.energyKj(), wall));
    }
    Map<Strategy, StrategyResult> results = new LinkedHashMap<>();
    for (Strategy s : Strategy.values()) {
      results.put(s, done.get(s));
    }
    return new Run(drones, target, hoverCapacity, capacityJ, p, plans, results, genS, bound, iEposBudget);
  }

  /**
   * The budget and where it came from, e.g. "I-EPOS energy budget: 172.573 kJ, the energy of the best
   * uncoordinated baseline by detected vehicles (random, 0.311 %)".
   */
  public static String budgetLine(IEposEnergyBudget b) {
    return b.rule() == EnergyBudget.LEAST_UNCOORDINATED
        ? String.format(Locale.ROOT, "I-EPOS energy budget: %.3f kJ, the least energy of the uncoordinated"
            + " baselines (%s)", b.energyJ() / 1000, b.baseline().label())
        : String.format(Locale.ROOT, "I-EPOS energy budget: %.3f kJ, the energy of the best uncoordinated"
            + " baseline by detected vehicles (%s, %.3f %%)", b.energyJ() / 1000, b.baseline().label(),
            b.baselineDetectedVehiclesPercent().getAsDouble());
  }

  /**
   * The spread of each drone's candidate plans' energy (what I-EPOS's local cost can trade): per
   * drone min..max kJ (the first 12 drones), the largest spread in kJ and in local cost (energy /
   * battery capacity).
   */
  public static String planEnergyLine(List<List<CandidatePlan>> plans, double batteryJ) {
    StringBuilder sb = new StringBuilder("  candidate plans' energy per drone, min..max kJ:");
    double widest = 0;
    for (int i = 0; i < plans.size(); i++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = 0;
      for (CandidatePlan c : plans.get(i)) {
        lo = Math.min(lo, c.energyJ());
        hi = Math.max(hi, c.energyJ());
      }
      widest = Math.max(widest, hi - lo);
      if (i < 12) {
        sb.append(String.format(Locale.ROOT, " %.1f..%.1f", lo / 1000, hi / 1000));
      }
    }
    if (plans.size() > 12) {
      sb.append(" ...");
    }
    return sb.append(String.format(Locale.ROOT, "; widest spread %.2f kJ = local cost %.4f (energy / battery %.0f kJ)",
        widest / 1000, widest / batteryJ, batteryJ / 1000)).toString();
  }

  /**
   * The leg router of the mission: straight, or around its no-fly zones closed at the flight
   * level, keeping the maps module's {@code no-fly-clearance-m} from them.
   */
  static LegRouter router(Mission mission, Optional<LocalProjection> projection,
      MapsSettings maps) {
    if (mission.noFlyZones().isEmpty()) {
      return LegRouter.straight();
    }
    GeometryFactory gf = new GeometryFactory();
    List<NoFlyZone> zones = new ArrayList<>();
    for (Mission.Zone z : mission.noFlyZones()) {
      List<Coordinate> ring = new ArrayList<>();
      for (Mission.Point pt : z.ring()) {
        ring.add(projection.map(pr -> pr.toLocal(pt.x(), pt.y()))
            .orElse(new Coordinate(pt.x(), pt.y())));
      }
      if (!ring.get(0).equals2D(ring.get(ring.size() - 1))) {
        ring.add(new Coordinate(ring.get(0)));
      }
      Polygon poly = gf.createPolygon(ring.toArray(new Coordinate[0]));
      zones.add(z.maxAltitudeM().isPresent()
          ? new NoFlyZone(z.name(), poly, 0, z.maxAltitudeM().get())
          : NoFlyZone.everywhere(z.name(), poly));
    }
    NoFlyZones atLevel = NoFlyZones.of(zones).atAltitude(mission.fleet().altitudeM());
    FreeFlightRouter r = FreeFlightRouter.around(atLevel, maps.noFlyClearanceM());
    return new LegRouter() {
      @Override
      public Leg route(double x1, double y1, double x2, double y2) {
        FlightPath path = r.route(new Coordinate(x1, y1), new Coordinate(x2, y2));
        List<double[]> w = new ArrayList<>();
        for (Coordinate c : path.waypoints()) {
          w.add(new double[] {c.x, c.y});
        }
        return new Leg(w, path.lengthM());
      }

      @Override
      public boolean forbidden(double x, double y) {
        return r.isInside(new Coordinate(x, y));
      }
    };
  }
}
