package org.swarmsense.edge.serving;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.swarmsense.edge.EdgeInferenceSettings;
import org.swarmsense.edge.runtime.OnnxRuntimeBackend;
import org.swarmsense.edge.runtime.Tensor;
import org.swarmsense.edge.runtime.ThreadSettings;

/**
 * {@code bench edge}: serves the fixed load of issue 13 ({@link Workload#issue13}) with real ONNX
 * Runtime execution, for every model, with FIFO at batch 1, the Triton-style dynamic batcher at
 * every setting of a small grid, the exit-aware scheduler on the unpruned model and the
 * exit-aware scheduler choosing variants from the {@link ModelRegistry}; all on the same arrivals
 * in the same process, latency tables measured at start-up. Prints latency, SLO satisfaction,
 * accuracy served and throughput per scheduler in and outside bursts, the goals of the issue as
 * ratios, and the latency spread across emulated frequency levels with and without pruning-level
 * switching. Runs on the calling thread.
 */
public final class EdgeBench {

  /** Emulated frequency levels as slowdown factors: 100%, 67% and 50% of the nominal clock. */
  static final double[] FREQUENCY_SLOWDOWNS = {1.0, 1.5, 2.0};

  /**
   * Measured batch-1 requests per (way of serving, frequency level) in the frequency study (100
   * until 2026-12-02; 200 from the online-corrected switch on, fixed before its first run).
   */
  static final int FREQUENCY_REQUESTS = 200;

  /**
   * Unmeasured rounds before them: warm-up for every way, and for the online switch the requests
   * its correction learns from first (the unit test converges within 60 on a 40% wrong table).
   */
  static final int FREQUENCY_WARMUP_ROUNDS = 100;
  /** The frequency study's ways of serving that switch online: the least-pruned rule and the mixing one. */
  private static final int ONLINE = 3;
  private static final int MIXING = 4;

  private EdgeBench() {}

  /** One run's results. */
  private record Run(String scheduler, String model, ServingSummary all, ServingSummary burst, ServingSummary calm) {}

  /** Runs the bench and prints to {@code out}. */
  public static void run(EdgeBenchOptions o, PrintStream out) {
    Workload workload = Workload.issue13(o.duration(), o.seed());
    out.printf(Locale.ROOT, "bench edge: %s%n", workload.describe());
    out.printf(Locale.ROOT, "machine: %d processors, load average %.2f at start; ONNX Runtime %d intra-op thread(s),"
        + " CPU; every run on the same trace, wall clock, real execution%n",
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), o.intraOpThreads());
    OnnxRuntimeBackend backend = new OnnxRuntimeBackend(new ThreadSettings(o.intraOpThreads(), 1));
    EdgeInferenceSettings settings = EdgeInferenceSettings.load();
    if (o.fashion()) {
      fashion(o, settings, workload, backend, out);
    }
    o.detectorModel().filter(m -> o.serving()).ifPresent(model -> detector(o, settings, model, workload, backend, out));
    out.printf(Locale.ROOT, "load average at end %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static void fashion(EdgeBenchOptions o, EdgeInferenceSettings settings, Workload workload,
      OnnxRuntimeBackend backend, PrintStream out) {
    FashionMnist data = FashionMnist.testSplit(o.fashionDir());
    try (FashionExitModels models = FashionExitModels.load(backend)) {
      FrequencyLevel frequency = new FrequencyLevel();
      OnnxStageExecutor exec = new OnnxStageExecutor(frequency);
      ModelRegistry registry = new ModelRegistry(models.registry(exec, data.image(0),
          settings.latencyTableBatchSizes(), settings.latencyTableRepeats()).variants(), frequency);
      Variant full = registry.variants().get(0);
      printTables(registry, settings.latencyTableBatchSizes(), out);
      long l1 = full.table().fullDepthNanos();
      if (!o.serving()) {
        frequencyStudy(registry, exec, frequency, data, out);
        return;
      }
      List<Request> trace = LoadGenerator.generate(workload, l1,
          i -> new LoadGenerator.Input(data.image(i % data.size()), data.label(i % data.size())));
      StagedModel model = full.model();
      List<Function<Clock, Scheduler>> schedulers = new ArrayList<>();
      schedulers.add(c -> new FifoScheduler(model, exec, c));
      for (DynamicBatcherConfig cfg : tritonGrid(l1, o.tritonGrid())) {
        schedulers.add(c -> new DynamicBatcher(model, exec, c, cfg));
      }
      ExitAwareConfig ours = ours(settings, settings.maxBatchSize(), l1);
      ExitAwareConfig anyExit = new ExitAwareConfig(ours.maxBatchSize(), ours.latePolicy(), ours.priorityBoostNanos(),
          true, Double.POSITIVE_INFINITY);
      Map<String, LatencyTable> fullTable = Map.of(model.name(), full.table());
      schedulers.add(c -> new ExitAwareScheduler("exit-aware", VariantChooser.fixed(model), fullTable, exec, c, ours));
      schedulers.add(c -> new ExitAwareScheduler("exit-aware late-any-exit", VariantChooser.fixed(model), fullTable,
          exec, c, anyExit));
      schedulers.add(c -> new ExitAwareScheduler("exit-aware+registry", registry, registry.tables(), exec, c, ours));
      List<Run> runs = serveAll(model.name(), trace, workload, schedulers, out);
      goals(runs, out, true);
      frequencyStudy(registry, exec, frequency, data, out);
    }
  }

  private static void detector(EdgeBenchOptions o, EdgeInferenceSettings settings, Path modelFile, Workload workload,
      OnnxRuntimeBackend backend, PrintStream out) {
    List<Path> files = DetectorStages.split(modelFile, o.cacheDir(), 3);
    StagedModel model = DetectorStages.load("centernet-3stage", files, backend);
    try {
      List<Tensor> images = new ArrayList<>();
      try (Stream<Path> s = Files.list(o.imagesDir())) {
        s.filter(p -> p.toString().endsWith(".jpg")).sorted().forEach(p -> images.add(DetectorStages.nhwc(p, 512)));
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("cannot list images in " + o.imagesDir() + ": " + e.getMessage(), e);
      }
      if (images.isEmpty()) {
        throw new IllegalArgumentException("no .jpg images in " + o.imagesDir());
      }
      OnnxStageExecutor exec = new OnnxStageExecutor();
      LatencyTable table = LatencyTable.measure(model, exec, images.get(0), new int[] {1}, 5);
      out.printf(Locale.ROOT, "%n%s: batch axis fixed at 1 by the model; stage times at batch 1: %s ms%n", model.name(),
          stageMs(table, 0));
      long l1 = table.fullDepthNanos();
      List<Request> trace = LoadGenerator.generate(workload, l1,
          i -> new LoadGenerator.Input(images.get(i % images.size()), -1));
      List<Function<Clock, Scheduler>> schedulers = new ArrayList<>();
      schedulers.add(c -> new FifoScheduler(model, exec, c));
      DynamicBatcherConfig triton = new DynamicBatcherConfig(new int[] {1}, 1, 0, 2, true, 0);
      schedulers.add(c -> new DynamicBatcher(model, exec, c, triton));
      ExitAwareConfig ours = ours(settings, 1, l1);
      schedulers.add(c -> ExitAwareScheduler.of(model, table, exec, c, ours));
      goals(serveAll(model.name(), trace, workload, schedulers, out), out, false);
    } finally {
      model.close();
    }
  }

  /**
   * Our settings: late samples answered from exits within the configured accuracy loss of the last
   * exit (1 point by default: the issue's accuracy goal against Triton), otherwise rejected; the
   * "late-any-exit" run shows the other choice.
   */
  private static ExitAwareConfig ours(EdgeInferenceSettings settings, int maxBatch, long l1) {
    return new ExitAwareConfig(maxBatch, LatePolicy.ANSWER_FROM_EXIT_OR_REJECT,
        Math.round(settings.priorityBoostFullDepthLatencies() * l1), true,
        settings.lateExitMaxAccuracyLossPoints() / 100.0);
  }

  /**
   * The Triton-style grid: preferred sizes {4, 8} or {8, 16} (max batch = the largest), max queue
   * delay 0 or one full-depth batch-1 latency; 2 priority levels; timeout REJECT at the deadline.
   */
  static List<DynamicBatcherConfig> tritonGrid(long l1, boolean whole) {
    List<DynamicBatcherConfig> grid = new ArrayList<>();
    for (int[] pref : new int[][] {{4, 8}, {8, 16}}) {
      for (long delay : new long[] {0, l1}) {
        grid.add(new DynamicBatcherConfig(pref, pref[pref.length - 1], delay, 2, true, 0));
      }
    }
    return whole ? grid : grid.subList(0, 1);
  }

  private static List<Run> serveAll(String model, List<Request> trace, Workload w,
      List<Function<Clock, Scheduler>> schedulers, PrintStream out) {
    long burstN = trace.stream().filter(r -> w.inBurst(r.arrivalNanos())).count();
    out.printf(Locale.ROOT, "%s: %d requests (%d in bursts); per window: latency over answered requests,"
        + " SLO = answered by the deadline / all requests%n", model, trace.size(), burstN);
    out.printf(Locale.ROOT, "%-44s %-7s %6s %6s %6s %8s %8s %8s %7s %7s %7s%n", "scheduler", "window", "reqs",
        "answd", "early", "mean ms", "p50 ms", "p99 ms", "SLO %", "acc %", "thr/s");
    double total = w.duration().toNanos() / 1e9;
    double burstS = w.burstSeconds();
    List<Run> runs = new ArrayList<>();
    for (Function<Clock, Scheduler> f : schedulers) {
      System.gc();
      Scheduler s = f.apply(Clock.system());
      List<Response> responses = s.serve(trace);
      Run run = new Run(s.name(), model,
          ServingSummary.of(trace, responses, r -> true, total),
          ServingSummary.of(trace, responses, r -> w.inBurst(r.arrivalNanos()), burstS),
          ServingSummary.of(trace, responses, r -> !w.inBurst(r.arrivalNanos()), total - burstS));
      runs.add(run);
      row(out, run.scheduler(), "all", run.all());
      row(out, "", "burst", run.burst());
      row(out, "", "outside", run.calm());
      out.flush();
    }
    return runs;
  }

  private static void row(PrintStream out, String name, String window, ServingSummary s) {
    out.printf(Locale.ROOT, "%-44s %-7s %6d %6d %6d %8.2f %8.2f %8.2f %7.1f %7.2f %7.1f%n", name, window, s.requests(),
        s.answered(), s.early(), s.meanMs(), s.p50Ms(), s.p99Ms(), 100 * s.sloRate(), 100 * s.accuracy(),
        s.throughputPerS());
  }

  /** Prints the goals of issue 13 as ratios: ours (first exit-aware run) against FIFO and the best Triton setting. */
  private static void goals(List<Run> runs, PrintStream out, boolean withAccuracy) {
    Run fifo = runs.get(0);
    Run best = null;
    for (Run r : runs) {
      if (r.scheduler().startsWith("triton") && (best == null || r.all().sloRate() > best.all().sloRate())) {
        best = r;
      }
    }
    out.printf(Locale.ROOT, "best Triton-style setting (by SLO, all requests): %s%n", best.scheduler());
    for (Run ours : runs) {
      if (!ours.scheduler().startsWith("exit-aware")) {
        continue;
      }
      out.printf(Locale.ROOT, "%s vs fifo-b1: mean latency %.2fx lower (goal >= 1.9x); burst SLO %.2fx (goal >= 5x;"
          + " %.1f%% vs %.1f%%)%n", ours.scheduler(), fifo.all().meanMs() / ours.all().meanMs(),
          ours.burst().sloRate() / fifo.burst().sloRate(), 100 * ours.burst().sloRate(), 100 * fifo.burst().sloRate());
      out.printf(Locale.ROOT, "%s vs best triton: SLO %.2fx (goal >= 1.3x; %.1f%% vs %.1f%%), burst SLO %.2fx",
          ours.scheduler(), ours.all().sloRate() / best.all().sloRate(), 100 * ours.all().sloRate(),
          100 * best.all().sloRate(), ours.burst().sloRate() / best.burst().sloRate());
      if (withAccuracy) {
        out.printf(Locale.ROOT, ", accuracy served %+.2f points (goal >= -1)", 100 * (ours.all().accuracy()
            - best.all().accuracy()));
      }
      out.printf(Locale.ROOT, "%n");
    }
  }

  private static void printTables(ModelRegistry registry, int[] sizes, PrintStream out) {
    out.printf(Locale.ROOT, "%nlatency tables measured now (median ms per stage, batch sizes %s) and test accuracy:%n",
        Arrays.toString(sizes));
    for (Variant v : registry.pruningLevels()) {
      for (int b = 0; b < sizes.length; b++) {
        out.printf(Locale.ROOT, "  %-14s pruning %3.0f%% b=%-2d stages %s ms, full depth %.3f ms (%.3f ms/sample)%n",
            v.model().name(), 100 * v.pruningLevel(), sizes[b], stageMs(v.table(), b),
            v.table().fullDepthNanos(sizes[b]) / 1e6, v.table().fullDepthNanos(sizes[b]) / 1e6 / sizes[b]);
      }
    }
    for (Variant v : registry.variants()) {
      out.printf(Locale.ROOT, "  variant %-18s exits %d pruning %3.0f%% predicted %.3f ms accuracy %.2f%%%n",
          v.model().name(), v.exits(), 100 * v.pruningLevel(), v.predictedNanos(1.0) / 1e6, 100 * v.accuracy());
    }
  }

  private static String stageMs(LatencyTable t, int batchIndex) {
    StringBuilder sb = new StringBuilder();
    for (int s = 0; s < t.depth(); s++) {
      sb.append(s == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.3f", t.stageNanos()[s][batchIndex] / 1e6));
    }
    return sb.toString();
  }

  /**
   * Latency across frequency levels. First the switch's inputs: every pruning level's predicted
   * full-depth batch-1 latency at every level from the start-up table and what {@link
   * ModelRegistry#pruningLevelFor} picks on it under each {@link ModelRegistry.SwitchRule} (both only
   * among levels within the unpruned nominal latency). Then five ways of serving, all in the same
   * run: no switching, the two static-table rules, the {@link PruningSwitch} on tables corrected
   * online and the {@link MixingSwitch} on its own corrected tables ({@link LatencyCorrection}, settings from reference.conf). Each serves {@link
   * #FREQUENCY_WARMUP_ROUNDS} unmeasured then {@link #FREQUENCY_REQUESTS} measured batch-1
   * full-depth requests per level; a round is one request per (way, level), so load from other
   * processes falls on all of them alike and the online correction learns only from its own
   * requests. Spread = max/min - 1 of the per-level mean (the goal) and median; the online switch's
   * improvement is printed as a same-run ratio against the static least-pruned rule.
   */
  private static void frequencyStudy(ModelRegistry registry, OnnxStageExecutor exec, FrequencyLevel frequency,
      FashionMnist data, PrintStream out) {
    Variant full = registry.variants().get(0);
    long target = full.predictedNanos(1.0);
    out.printf(Locale.ROOT, "%nfrequency levels (emulated slowdown); the switch keeps a pruning level whose predicted"
        + " latency at the level is <= the unpruned nominal, %.3f ms by the start-up table%n", target / 1e6);
    ModelRegistry.SwitchRule[] rules = ModelRegistry.SwitchRule.values();
    Variant[][] fixed = new Variant[rules.length + 1][FREQUENCY_SLOWDOWNS.length];
    for (int l = 0; l < FREQUENCY_SLOWDOWNS.length; l++) {
      frequency.set(FREQUENCY_SLOWDOWNS[l]);
      fixed[0][l] = full;
      for (int r = 0; r < rules.length; r++) {
        fixed[r + 1][l] = registry.pruningLevelFor(target, rules[r]);
      }
    }
    printPredictions(registry, fixed, target, out);
    SwitchSettings switching = EdgeInferenceSettings.switching();
    LatencyCorrection correction = new LatencyCorrection(registry.variants(), switching);
    PruningSwitch online = new PruningSwitch(registry, correction, switching);
    StageExecutor observed = new ObservingExecutor(exec, Clock.system(), frequency, correction);
    // the mixing switch learns from its own requests only, like the least-pruned one
    LatencyCorrection mixCorrection = new LatencyCorrection(registry.variants(), switching);
    MixingSwitch mixing = new MixingSwitch(registry, mixCorrection);
    StageExecutor mixObserved = new ObservingExecutor(exec, Clock.system(), frequency, mixCorrection);
    String[] names = {"no switching", "static table, most-accurate rule", "static table, least-pruned rule (old)",
        "online-corrected least-pruned rule", "online-corrected, mixing the levels around the target"};
    int ways = names.length;
    int levels = FREQUENCY_SLOWDOWNS.length;
    long[][][] nanos = new long[ways][levels][FREQUENCY_REQUESTS];
    int[][] correct = new int[ways][levels];
    List<List<Map<String, Integer>>> served = new ArrayList<>();
    for (int c = 0; c < ways; c++) {
      List<Map<String, Integer>> perLevel = new ArrayList<>();
      for (int l = 0; l < levels; l++) {
        perLevel.add(new java.util.TreeMap<>());
      }
      served.add(perLevel);
    }
    out.printf(Locale.ROOT, "  serving %d unmeasured + %d measured rounds; online switch settings %s%n",
        FREQUENCY_WARMUP_ROUNDS, FREQUENCY_REQUESTS, switching);
    for (int round = 0; round < FREQUENCY_WARMUP_ROUNDS + FREQUENCY_REQUESTS; round++) {
      int i = round - FREQUENCY_WARMUP_ROUNDS;
      int image = round % data.size();
      for (int c = 0; c < ways; c++) {
        for (int l = 0; l < levels; l++) {
          frequency.set(FREQUENCY_SLOWDOWNS[l]);
          Variant v = c == ONLINE ? online.levelFor() : c == MIXING ? mixing.levelFor() : fixed[c][l];
          StageExecutor runner = c == ONLINE ? observed : c == MIXING ? mixObserved : exec;
          Request r = new Request(round, 0, 0, Long.MAX_VALUE, 0, data.label(image), data.image(image));
          long t0 = System.nanoTime();
          Sample s = new Sample(r, v.model());
          while (!s.done()) {
            s.advance(runner.run(s.stage(), List.of(s.tensors)).get(0));
          }
          long t = System.nanoTime() - t0;
          if (i >= 0) {
            nanos[c][l][i] = t;
            correct[c][l] += s.predictedClass() == r.label() ? 1 : 0;
            served.get(c).get(l).merge(v.model().name(), 1, Integer::sum);
          }
        }
      }
    }
    frequency.set(1.0);
    double[] spreads = new double[ways];
    for (int c = 0; c < ways; c++) {
      double[] means = new double[levels];
      double[] medians = new double[levels];
      for (int l = 0; l < levels; l++) {
        long[] sorted = nanos[c][l].clone();
        Arrays.sort(sorted);
        means[l] = Arrays.stream(sorted).average().orElseThrow() / 1e6;
        medians[l] = sorted[sorted.length / 2] / 1e6;
        double p99 = sorted[(int) Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)] / 1e6;
        out.printf(Locale.ROOT, "  %-42s %3.0f%% (slowdown %.2f): %-28s mean %7.3f ms, p50 %7.3f, p99 %7.3f,"
            + " accuracy served %5.1f%%%n", names[c], 100 / FREQUENCY_SLOWDOWNS[l], FREQUENCY_SLOWDOWNS[l],
            served(served.get(c).get(l)), means[l], medians[l], p99, 100.0 * correct[c][l] / FREQUENCY_REQUESTS);
      }
      spreads[c] = spread(means);
      out.printf(Locale.ROOT, "  latency spread across levels, %s: %.1f%% of the mean (goal <= 10%% with switching),"
          + " %.1f%% of the median (max/min - 1)%n", names[c], 100 * spreads[c], 100 * spread(medians));
    }
    out.printf(Locale.ROOT, "  same run: spread of the mean, static least-pruned rule / online-corrected = %.1f%% / %.1f%%"
        + " = %.2fx; online switches after the first choice per level: %d%n", 100 * spreads[2], 100 * spreads[ONLINE],
        spreads[2] / spreads[ONLINE], online.switches());
    out.printf(Locale.ROOT, "  same run: spread of the mean, online-corrected least-pruned / mixing = %.1f%% / %.1f%%;"
        + " mixing sent %.1f%% of its requests to the level over the target%n", 100 * spreads[ONLINE],
        100 * spreads[MIXING], 100 * mixing.overShare());
    out.printf(Locale.ROOT, "  corrected predictions at the end (ms; target = the unpruned's corrected nominal %.3f):%n",
        online.targetNanos() / 1e6);
    for (Variant v : registry.pruningLevels()) {
      out.printf(Locale.ROOT, "    %-12s", v.model().name());
      for (double f : FREQUENCY_SLOWDOWNS) {
        out.printf(Locale.ROOT, "  %3.0f%%: table %7.3f corrected %7.3f", 100 / f, v.predictedNanos(f) / 1e6,
            correction.predictedNanos(v, f) / 1e6);
      }
      out.printf(Locale.ROOT, "%n");
    }
  }

  private static void printPredictions(ModelRegistry registry, Variant[][] fixed, long target, PrintStream out) {
    out.printf(Locale.ROOT, "  %-12s %8s", "pruning", "accuracy");
    for (double f : FREQUENCY_SLOWDOWNS) {
      out.printf(Locale.ROOT, "  %6.0f%% ms", 100 / f);
    }
    out.printf(Locale.ROOT, "%n");
    for (Variant v : registry.pruningLevels()) {
      out.printf(Locale.ROOT, "  %-12s %7.2f%%", v.model().name(), 100 * v.accuracy());
      for (int l = 0; l < FREQUENCY_SLOWDOWNS.length; l++) {
        long t = v.predictedNanos(FREQUENCY_SLOWDOWNS[l]);
        out.printf(Locale.ROOT, "  %7.3f%s%s", t / 1e6, fixed[1][l] == v ? "A" : t <= target ? "+" : " ",
            fixed[2][l] == v ? "P" : " ");
      }
      out.printf(Locale.ROOT, "%n");
    }
    out.printf(Locale.ROOT, "  (static table: A most-accurate rule's choice, P least-pruned rule's, + within the"
        + " target)%n");
  }

  private static String served(Map<String, Integer> counts) {
    StringBuilder sb = new StringBuilder();
    counts.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue())
        .forEach(e -> sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append(" x").append(e.getValue()));
    return sb.toString();
  }

  private static double spread(double[] v) {
    return Arrays.stream(v).max().orElseThrow() / Arrays.stream(v).min().orElseThrow() - 1;
  }
}
