package org.swarmsense.semantic.control.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.swarmsense.semantic.control.ControlModel;
import org.swarmsense.semantic.control.Controller;
import org.swarmsense.semantic.control.EdgeSplit;
import org.swarmsense.semantic.control.Evaluation;
import org.swarmsense.semantic.control.MyopicController;
import org.swarmsense.semantic.control.SlotDynamics;
import org.swarmsense.semantic.control.StaticController;
import org.swarmsense.semantic.control.rl.ActionMapping;
import org.swarmsense.semantic.control.rl.DdpgSettings;
import org.swarmsense.semantic.control.rl.LearnedController;
import org.swarmsense.semantic.control.rl.Training;

/**
 * The control benchmark (issue 15 part 3): for each bandwidth W, trains DDPG with the paper's
 * hyperparameters (and the improved learners: TD3 with the critic-neighbour action mapping, and
 * DDPG acting as a residual around the best static decision), saves
 * each policy to a file, loads it back and evaluates the loaded policy next to the delay-myopic and
 * static baselines on the same episodes; then the closed-form edge split against equal and
 * proportional splits at f_b = 1 GHz. Prints every figure next to the paper's (Wu et al., IEEE TII
 * 2021) with the ratio ours / paper. Not thread-safe (one run at a time per instance of options).
 */
public final class ControlBench {

  /** Paper: myopic delay / ours and static delay / ours at 5, 20 and 25 MHz (-19 % and -25 % at 20 MHz). */
  static final Map<Double, double[]> PAPER_RATIOS = Map.of(
      5.0, new double[] {1.20, 1.42},
      20.0, new double[] {1 / (1 - 0.19), 1 / (1 - 0.25)},
      25.0, new double[] {1.15, 1.31});
  /** Paper: violations below 0.5 % of the time. */
  static final double PAPER_VIOLATION = 0.005;
  /** Paper: delay gain of the closed-form split alone at f_b = 1 GHz. */
  static final double PAPER_SPLIT_GAIN = 1.98;

  private static final long ENVIRONMENT_SEED = 1;
  private static final long CALIBRATION_SEED = 999;
  private static final long LEARNER_SEED = 7;

  private ControlBench() {}

  /**
   * What to run.
   *
   * @param episodes training episodes (spec 1,000; the reported figures use 100, README choice 10)
   * @param slotsPerEpisode slots per training and evaluation episode (spec 200)
   * @param evaluationEpisodes evaluation episodes, seeds 1000, 1001, ...
   * @param bandwidthsMhz the W sweep
   * @param improved also train and evaluate the improved learner (TD3 + critic-neighbour mapping)
   * @param ablation also train TD3 alone and the neighbour mapping alone at 20 MHz (or the first W)
   * @param policyDir where the trained policies are written
   */
  public record Options(int episodes, int slotsPerEpisode, int evaluationEpisodes, List<Double> bandwidthsMhz,
      boolean improved, boolean ablation, Path policyDir) {

    /** Validates every field. */
    public Options {
      bandwidthsMhz = List.copyOf(bandwidthsMhz);
      if (episodes < 1 || slotsPerEpisode < 1 || evaluationEpisodes < 1) {
        throw new IllegalArgumentException("episodes, slotsPerEpisode and evaluationEpisodes must be >= 1, got: "
            + episodes + ", " + slotsPerEpisode + ", " + evaluationEpisodes);
      }
      if (bandwidthsMhz.isEmpty()) {
        throw new IllegalArgumentException("bandwidthsMhz must not be empty");
      }
      for (double w : bandwidthsMhz) {
        if (!(w > 0 && w <= 1000)) {
          throw new IllegalArgumentException("bandwidthsMhz entries must be in (0, 1000], got: " + w);
        }
      }
      if (policyDir == null) {
        throw new IllegalArgumentException("policyDir must not be null");
      }
    }

    /** The reported run: 100 x 200 training, 10 x 200 evaluation, W = 5, 20, 25 MHz, improved learner. */
    public static Options reported(Path policyDir) {
      return new Options(100, 200, 10, List.of(5.0, 20.0, 25.0), true, false, policyDir);
    }

    /** A run for tests, well under a minute: 2 x 50 training, 2 x 50 evaluation. */
    public static Options quick(Path policyDir) {
      return new Options(2, 50, 2, List.of(5.0, 20.0, 25.0), true, false, policyDir);
    }
  }

  /** One bandwidth's evaluated controllers, in print order. */
  public record Row(double bandwidthMhz, Map<String, Evaluation.Result> results, Map<String, Double> trainingS) {}

  /** Everything measured. */
  public record Report(List<Row> rows, Map<EdgeSplit, Double> splitDelayS, double msPerTrainingSlot) {}

  /** Runs the benchmark and prints it to {@code out} (environment seed 1, learner seed 7). */
  public static Report run(Options options, PrintStream out) {
    return run(options, ENVIRONMENT_SEED, LEARNER_SEED, out);
  }

  /** One seed's ratios at one bandwidth: baseline mean delay over the learner's. */
  public record SeedRatios(long environmentSeed, long learnerSeed, double bandwidthMhz,
      Map<String, Double> myopicOver, Map<String, Double> staticOver, Map<String, Double> runningViolation) {}

  /**
   * The multi-seed study of the part-3 ratios (README, "Multi-seed study"): seed i = 0..n-1 runs
   * the whole bench with environment seed 1 + i and learner seed 7 + i (the evaluation episodes
   * stay 1000, ...), each run's tables printed, then per W and learner the mean and sample
   * standard deviation over the seeds of myopic/learner and static/learner delay and of the
   * running violations.
   */
  public static List<SeedRatios> runSeeds(Options options, int seeds, PrintStream out) {
    if (seeds < 1 || seeds > 20) {
      throw new IllegalArgumentException("seeds must be 1..20, got: " + seeds);
    }
    List<SeedRatios> all = new ArrayList<>();
    for (int i = 0; i < seeds; i++) {
      long env = ENVIRONMENT_SEED + i;
      long learner = LEARNER_SEED + i;
      out.printf(Locale.ROOT, "%n===== seed %d of %d: environment seed %d, learner seed %d =====%n", i + 1, seeds,
          env, learner);
      Report r = run(options, env, learner, out);
      for (Row row : r.rows()) {
        double my = row.results().get("myopic").meanDelayS();
        double st = row.results().get("static").meanDelayS();
        Map<String, Double> myOver = new LinkedHashMap<>();
        Map<String, Double> stOver = new LinkedHashMap<>();
        Map<String, Double> viol = new LinkedHashMap<>();
        for (String name : row.trainingS().keySet()) {
          double d = row.results().get(name).meanDelayS();
          myOver.put(name, my / d);
          stOver.put(name, st / d);
          viol.put(name, row.results().get(name).runningViolation());
        }
        all.add(new SeedRatios(env, learner, row.bandwidthMhz(), myOver, stOver, viol));
      }
    }
    out.printf(Locale.ROOT, "%nMulti-seed study, %d seeds: mean +- sample std-dev (min..max) over the seeds%n", seeds);
    out.printf(Locale.ROOT, "%-7s %-9s | %-28s %7s | %-28s %7s | %-22s%n", "W MHz", "learner", "myopic/learner",
        "paper", "static/learner", "paper", "running viol %");
    for (double w : options.bandwidthsMhz()) {
      List<SeedRatios> atW = all.stream().filter(x -> x.bandwidthMhz() == w).toList();
      double[] paper = PAPER_RATIOS.get(w);
      for (String name : atW.get(0).myopicOver().keySet()) {
        out.printf(Locale.ROOT, "%-7s %-9s | %-28s %7s | %-28s %7s | %-22s%n", fmt(w), name,
            spread(atW.stream().mapToDouble(x -> x.myopicOver().get(name)).toArray(), 1),
            paper == null ? "-" : f3(paper[0]),
            spread(atW.stream().mapToDouble(x -> x.staticOver().get(name)).toArray(), 1),
            paper == null ? "-" : f3(paper[1]),
            spread(atW.stream().mapToDouble(x -> x.runningViolation().get(name)).toArray(), 100));
      }
    }
    out.flush();
    return all;
  }

  /** "mean +- sd (min..max)" of {@code v} times {@code scale}; sd is the sample std-dev (0 for one value). */
  static String spread(double[] v, double scale) {
    double mean = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      mean += x * scale / v.length;
      min = Math.min(min, x * scale);
      max = Math.max(max, x * scale);
    }
    double ss = 0;
    for (double x : v) {
      ss += (x * scale - mean) * (x * scale - mean);
    }
    double sd = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0;
    return String.format(Locale.ROOT, "%.3f +- %.3f (%.3f..%.3f)", mean, sd, min, max);
  }

  private static Report run(Options options, long environmentSeed, long learnerSeed, PrintStream out) {
    try {
      Files.createDirectories(options.policyDir());
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("policyDir " + options.policyDir() + " cannot be created: " + e.getMessage(), e);
    }
    ControlModel base = ControlModel.fromSettings();
    DdpgSettings ddpg = DdpgSettings.fromSettings().withSchedule(options.episodes(), options.slotsPerEpisode());
    long[] evalSeeds = new long[options.evaluationEpisodes()];
    for (int i = 0; i < evalSeeds.length; i++) {
      evalSeeds[i] = 1000 + i;
    }
    out.printf(Locale.ROOT, "Control bench (Wu et al., IEEE TII 2021): %d services, %d devices, K = %d, f_b = %.1f GHz,"
        + " V = %.2f%n", base.serviceCount(), base.deviceCount(), base.levels(), base.edgeCpuHz() / 1e9,
        base.lyapunovWeight());
    out.printf(Locale.ROOT, "Training %d episodes x %d slots (spec: 1000 x 200), learner seed %d; evaluation %d"
        + " episodes x %d slots, seeds %d..%d, environment seed %d%n", options.episodes(), options.slotsPerEpisode(),
        learnerSeed, evalSeeds.length, options.slotsPerEpisode(), evalSeeds[0], evalSeeds[evalSeeds.length - 1],
        environmentSeed);
    out.println();
    out.println("Channel (3GPP TR 38.901 UMi-Street Canyon, 3.5 GHz, README choice 1): uplink rate per device, Mbit/s");
    out.printf(Locale.ROOT, "%-8s %10s", "state", "gain dB");
    for (double w : options.bandwidthsMhz()) {
      out.printf(Locale.ROOT, " %10s", "W=" + fmt(w) + "MHz");
    }
    out.println();
    for (int s = 0; s < base.channel().states(); s++) {
      out.printf(Locale.ROOT, "%-8d %10.2f", s, 10 * Math.log10(base.channel().gains().get(s)));
      for (double w : options.bandwidthsMhz()) {
        out.printf(Locale.ROOT, " %10.2f", base.withBandwidthHz(w * 1e6).uplinkRateBps(s) / 1e6);
      }
      out.println();
    }
    out.println();
    out.flush();

    List<Row> rows = new ArrayList<>();
    long trainingSlots = 0;
    double trainingS = 0;
    double ablationW = options.bandwidthsMhz().contains(20.0) ? 20.0 : options.bandwidthsMhz().get(0);
    for (double w : options.bandwidthsMhz()) {
      ControlModel model = base.withBandwidthHz(w * 1e6);
      Map<String, Controller> controllers = new LinkedHashMap<>();
      Map<String, Double> times = new LinkedHashMap<>();
      StaticController fixed = StaticController.best(model, environmentSeed, CALIBRATION_SEED,
          options.slotsPerEpisode());
      List<Learner> learners = new ArrayList<>();
      learners.add(new Learner("ddpg", ddpg, ActionMapping.THRESHOLD));
      if (options.improved()) {
        learners.add(new Learner("td3+nbr", ddpg.withTwinDelayed(), ActionMapping.CRITIC_NEIGHBOURS));
        learners.add(new Learner("ddpg+anc", ddpg, ActionMapping.ANCHOR_RESIDUAL));
      }
      if (options.ablation() && w == ablationW) {
        learners.add(new Learner("td3", ddpg.withTwinDelayed(), ActionMapping.THRESHOLD));
        learners.add(new Learner("ddpg+nbr", ddpg, ActionMapping.CRITIC_NEIGHBOURS));
      }
      for (Learner l : learners) {
        out.printf(Locale.ROOT, "W = %s MHz: training %s ...", fmt(w), l.name());
        out.flush();
        Training.Result r = Training.train(l.name(), model, environmentSeed, l.settings(), l.mapping(),
            l.mapping() == ActionMapping.ANCHOR_RESIDUAL ? fixed.decision() : null, learnerSeed,
            e -> { });
        Path file = options.policyDir().resolve("control-" + l.name() + "-" + fmt(w) + "MHz.policy");
        r.controller().save(file);
        controllers.put(l.name(), LearnedController.load(file, model));
        times.put(l.name(), r.wallS());
        trainingSlots += r.steps();
        trainingS += r.wallS();
        out.printf(Locale.ROOT, " %.1f s (%.2f ms/slot), policy %s%n", r.wallS(), 1000 * r.wallS() / r.steps(), file);
        out.flush();
      }
      controllers.put("myopic", new MyopicController(new SlotDynamics(model)));
      controllers.put("static", fixed);
      controllers.put("all-edge", StaticController.allAtEdge(model));
      out.printf(Locale.ROOT, "W = %s MHz: static decision %s%n", fmt(w), fixed.decision());
      Map<String, Evaluation.Result> results = new LinkedHashMap<>();
      for (Map.Entry<String, Controller> c : controllers.entrySet()) {
        results.put(c.getKey(), Evaluation.run(c.getValue(), model, environmentSeed, EdgeSplit.CLOSED_FORM, evalSeeds,
            options.slotsPerEpisode()));
      }
      rows.add(new Row(w, results, times));
    }
    out.println();
    printDelayTable(rows, out);
    printViolationTable(rows, out);
    if (options.improved()) {
      printImprovementTable(rows, out);
    }
    Map<EdgeSplit, Double> split = splitComparison(base.withEdgeCpuHz(1e9), options, evalSeeds, environmentSeed,
        out);
    double ms = trainingSlots == 0 ? 0 : 1000 * trainingS / trainingSlots;
    out.printf(Locale.ROOT, "%nTraining cost: %.2f ms per slot measured here; the spec's 1000 x 200 schedule would take"
        + " %.1f min per learner%n", ms, ms * 200_000 / 60_000);
    out.flush();
    return new Report(rows, split, ms);
  }

  private record Learner(String name, DdpgSettings settings, ActionMapping mapping) {}

  private static void printDelayTable(List<Row> rows, PrintStream out) {
    out.println("Mean delay per slot, seconds (closed-form edge split); ratios = baseline delay / DDPG delay");
    out.printf(Locale.ROOT, "%-7s %8s %8s %8s | %9s %7s %9s | %9s %7s %9s%n", "W MHz", "ddpg", "myopic", "static",
        "myopic/dd", "paper", "ours/ppr", "static/dd", "paper", "ours/ppr");
    for (Row row : rows) {
      double dd = row.results().get("ddpg").meanDelayS();
      double my = row.results().get("myopic").meanDelayS();
      double st = row.results().get("static").meanDelayS();
      double[] paper = PAPER_RATIOS.get(row.bandwidthMhz());
      out.printf(Locale.ROOT, "%-7s %8.4f %8.4f %8.4f | %9.3f %7s %9s | %9.3f %7s %9s%n", fmt(row.bandwidthMhz()), dd, my,
          st, my / dd, paper == null ? "-" : f3(paper[0]), paper == null ? "-" : f3(my / dd / paper[0]), st / dd,
          paper == null ? "-" : f3(paper[1]), paper == null ? "-" : f3(st / dd / paper[1]));
    }
    out.println("all-edge (not the paper's baseline; every device at the edge at the lowest level meeting the"
        + " target), delay / DDPG delay:");
    for (Row row : rows) {
      out.printf(Locale.ROOT, "  W = %s MHz: %.4f s, %.3f%n", fmt(row.bandwidthMhz()),
          row.results().get("all-edge").meanDelayS(),
          row.results().get("all-edge").meanDelayS() / row.results().get("ddpg").meanDelayS());
    }
    out.println();
  }

  private static void printViolationTable(List<Row> rows, PrintStream out) {
    out.printf(Locale.ROOT, "Accuracy constraint (I >= 0.8, II >= 0.9): running-mean violations (paper < %.1f %% of the"
        + " time), episode-mean violations, mean accuracy, overflows, delay percentiles%n", 100 * PAPER_VIOLATION);
    out.printf(Locale.ROOT, "%-7s %-9s %9s %8s %9s %8s %8s %9s %8s %8s %9s%n", "W MHz", "control", "run-viol%",
        "ours/ppr", "epis-viol", "acc I", "acc II", "ovfl/slot", "p50 s", "p99 s", "Mbit/slot");
    for (Row row : rows) {
      for (Map.Entry<String, Evaluation.Result> e : row.results().entrySet()) {
        Evaluation.Result r = e.getValue();
        out.printf(Locale.ROOT, "%-7s %-9s %9.3f %8.3f %9.3f %8.4f %8.4f %9.4f %8.4f %8.4f %9.3f%n",
            fmt(row.bandwidthMhz()), e.getKey(), 100 * r.runningViolation(), r.runningViolation() / PAPER_VIOLATION,
            r.episodeViolation(), r.meanAccuracy().get(0), r.meanAccuracy().get(1), r.overflowsPerSlot(),
            r.p50DelayS(), r.p99DelayS(), r.uploadedBitsPerSlot() / 1e6);
      }
    }
    out.println();
  }

  private static void printImprovementTable(List<Row> rows, PrintStream out) {
    out.println("Improvement over the paper's learner (mean delay, s; gain = ddpg / learner; violations in %)");
    out.printf(Locale.ROOT, "%-7s %-9s %9s %9s %9s %10s %9s%n", "W MHz", "learner", "delay s", "ddpg s", "gain",
        "run-viol%", "train s");
    for (Row row : rows) {
      double dd = row.results().get("ddpg").meanDelayS();
      for (Map.Entry<String, Double> t : row.trainingS().entrySet()) {
        Evaluation.Result r = row.results().get(t.getKey());
        out.printf(Locale.ROOT, "%-7s %-9s %9.4f %9.4f %9.3f %10.3f %9.1f%n", fmt(row.bandwidthMhz()), t.getKey(),
            r.meanDelayS(), dd, dd / r.meanDelayS(), 100 * r.runningViolation(), t.getValue());
      }
    }
    out.println();
  }

  private static Map<EdgeSplit, Double> splitComparison(ControlModel model, Options options, long[] evalSeeds,
      long environmentSeed, PrintStream out) {
    StaticController fixed = StaticController.best(model, environmentSeed, CALIBRATION_SEED, options.slotsPerEpisode());
    Map<EdgeSplit, Evaluation.Result> results = new LinkedHashMap<>();
    for (EdgeSplit s : EdgeSplit.values()) {
      results.put(s, Evaluation.run(fixed, model, environmentSeed, s, evalSeeds, options.slotsPerEpisode()));
    }
    Evaluation.Result closed = results.get(EdgeSplit.CLOSED_FORM);
    out.printf(Locale.ROOT, "Edge CPU split alone (f_b = 1 GHz, W = 20 MHz, static decision %s, README choice 7):"
        + " whole delay and its edge compute-and-queue part%n", fixed.decision());
    out.printf(Locale.ROOT, "%-13s %9s %13s %7s %9s | %9s %12s %9s%n", "split", "delay s", "delay/closed", "paper",
        "ours/ppr", "edge s", "edge/closed", "ovfl/slot");
    Map<EdgeSplit, Double> delay = new LinkedHashMap<>();
    for (Map.Entry<EdgeSplit, Evaluation.Result> e : results.entrySet()) {
      Evaluation.Result r = e.getValue();
      delay.put(e.getKey(), r.meanDelayS());
      boolean equal = e.getKey() == EdgeSplit.EQUAL;
      out.printf(Locale.ROOT, "%-13s %9.4f %13.3f %7s %9s | %9.4f %12.3f %9.4f%n",
          e.getKey().name().toLowerCase(Locale.ROOT), r.meanDelayS(), r.meanDelayS() / closed.meanDelayS(),
          equal ? f3(PAPER_SPLIT_GAIN) : "-", equal ? f3(r.meanDelayS() / closed.meanDelayS() / PAPER_SPLIT_GAIN) : "-",
          r.meanEdgeDelayS(), r.meanEdgeDelayS() / closed.meanEdgeDelayS(), r.overflowsPerSlot());
    }
    out.println("(with M = 2 and the same queues, the equal split's edge part is 2 (L1 + L2) / (sqrt L1 + sqrt L2)^2"
        + " <= 2 times the closed form's in every slot)");
    return delay;
  }

  private static String fmt(double w) {
    return w == Math.rint(w) ? String.valueOf((long) w) : String.valueOf(w);
  }

  private static String f3(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
