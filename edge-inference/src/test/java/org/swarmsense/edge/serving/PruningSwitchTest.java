package org.swarmsense.edge.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.swarmsense.edge.runtime.InferenceSession;
import org.swarmsense.edge.runtime.Tensor;

/**
 * The pruning-level switch on start-up tables corrected online: on a fake clock, eight pruning
 * levels of three stages whose scripted true times differ from their tables; the frequency levels
 * take turns request by request, as in the bench.
 */
class PruningSwitchTest {

  private static final long US = 1_000L;
  private static final double[] SLOWDOWNS = {1.0, 1.5, 2.0};
  /** The settings of reference.conf, written out so that the test fails if they change unseen. */
  private static final SwitchSettings SETTINGS = new SwitchSettings(0.05, 5, 4.0, 0.03, 10);

  /** True full-depth batch-1 times (us) of the eight levels, pruning 0..29% (about the real model's ratios). */
  private static final long[] TRUE_US = {6000, 4800, 4400, 4150, 3800, 3500, 3250, 2900};
  private static final double[] PRUNING = {0, 0.11, 0.14, 0.17, 0.20, 0.23, 0.26, 0.29};

  /** Stages that take their scripted true time x slowdown x (1 +- noise) on a fake clock. */
  private static final class TimedStages implements StageExecutor {
    final FakeClock clock = new FakeClock();
    final FrequencyLevel frequency = new FrequencyLevel();
    final Map<Stage, Long> trueNanos = new IdentityHashMap<>();
    final Random random;
    final double noise;

    TimedStages(long seed, double noise) {
      this.random = new Random(seed);
      this.noise = noise;
    }

    @Override
    public List<Map<String, Tensor>> run(Stage stage, List<Map<String, Tensor>> samples) {
      double jitter = 1 + noise * (2 * random.nextDouble() - 1);
      clock.advance(Math.round(trueNanos.get(stage) * frequency.slowdown() * jitter));
      return List.of(Map.of());
    }
  }

  private record NoSession() implements InferenceSession {
    @Override
    public List<String> inputNames() {
      return List.of("x");
    }

    @Override
    public List<String> outputNames() {
      return List.of("y");
    }

    @Override
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
      throw new UnsupportedOperationException("timed stages run in TimedStages.run");
    }

    @Override
    public void close() {}
  }

  /**
   * Eight levels whose stages take a third of {@code trueUs} each; the table says true / {@code tableError}
   * for the pruned levels (so 1.4 = the level runs 40% slower than its table) and the truth for the
   * unpruned one.
   */
  private static ModelRegistry registry(TimedStages exec, double tableError, long[] trueUs) {
    List<Variant> variants = new ArrayList<>();
    for (int l = 0; l < trueUs.length; l++) {
      String name = "w" + Math.round(100 * (1 - PRUNING[l]));
      List<Stage> stages = new ArrayList<>();
      long[][] rows = new long[3][1];
      for (int s = 0; s < 3; s++) {
        Stage st = new Stage(name + "/" + (s + 1), new NoSession(), Optional.empty(), Double.POSITIVE_INFINITY,
            Double.NaN);
        stages.add(st);
        long stageTrue = trueUs[l] * US / 3;
        exec.trueNanos.put(st, stageTrue);
        rows[s][0] = l == 0 ? stageTrue : Math.round(stageTrue / tableError);
      }
      StagedModel m = new StagedModel(name, stages);
      variants.add(new Variant(m, 1.0, 28, 3, PRUNING[l], new LatencyTable(name, new int[] {1}, rows), 0.8));
    }
    return new ModelRegistry(variants, exec.frequency);
  }

  /** Serves one batch-1 request on {@code level}, stage by stage, through {@code exec}. */
  private static void serve(Variant level, StageExecutor exec) {
    for (Stage s : level.model().stages()) {
      exec.run(s, List.of(Map.of()));
    }
  }

  /** The least pruned level whose true latency at {@code slowdown} is within the unpruned nominal 6 ms. */
  private static String rightLevel(double slowdown) {
    for (int l = 0; l < TRUE_US.length; l++) {
      if (TRUE_US[l] * slowdown <= TRUE_US[0]) {
        return "w" + Math.round(100 * (1 - PRUNING[l]));
      }
    }
    throw new AssertionError("no level fits at slowdown " + slowdown);
  }

  /**
   * Serves {@code rounds} rounds, one request per frequency level in turn; returns the level chosen
   * at every (round, frequency level).
   */
  private static String[][] rounds(ModelRegistry registry, PruningSwitch sw, ObservingExecutor exec,
      int rounds) {
    String[][] chosen = new String[rounds][SLOWDOWNS.length];
    for (int i = 0; i < rounds; i++) {
      for (int f = 0; f < SLOWDOWNS.length; f++) {
        registry.setSlowdown(SLOWDOWNS[f]);
        Variant v = sw.levelFor();
        chosen[i][f] = v.model().name();
        serve(v, exec);
      }
    }
    return chosen;
  }

  @Test
  void aTable40PercentWrongConvergesToTheRightLevelWithin150RequestsAndStaysThere() {
    long seed = System.nanoTime();
    System.out.println("PruningSwitchTest converge seed " + seed);
    TimedStages timed = new TimedStages(seed, 0.10);
    ModelRegistry registry = registry(timed, 1.4, TRUE_US);
    // the levels the test expects, from the true times: the unpruned at nominal, 20% at 67%, 29% at 50%
    assertEquals(List.of("w100", "w80", "w71"), List.of(rightLevel(1.0), rightLevel(1.5), rightLevel(2.0)));
    // the old rule on the static table is wrong at both slowed levels (the table is why)
    long target = registry.variants().get(0).predictedNanos(1.0);
    registry.setSlowdown(1.5);
    assertEquals("w89", registry.pruningLevelFor(target, ModelRegistry.SwitchRule.LEAST_PRUNED).model().name());
    registry.setSlowdown(2.0);
    assertEquals("w83", registry.pruningLevelFor(target, ModelRegistry.SwitchRule.LEAST_PRUNED).model().name());

    LatencyCorrection correction = new LatencyCorrection(registry.variants(), SETTINGS);
    PruningSwitch sw = new PruningSwitch(registry, correction, SETTINGS);
    ObservingExecutor exec = new ObservingExecutor(timed, timed.clock, timed.frequency, correction);
    String[][] chosen = rounds(registry, sw, exec, 300);
    // before enough observations the switch reads the table, as the old rule does
    assertEquals(List.of("w100", "w89"), List.of(chosen[0][0], chosen[0][1]));
    int converged = -1;
    for (int i = 0; i < chosen.length && converged < 0; i++) {
      boolean right = true;
      for (int j = i; j < chosen.length; j++) {
        for (int f = 0; f < SLOWDOWNS.length; f++) {
          right &= chosen[j][f].equals(rightLevel(SLOWDOWNS[f]));
        }
      }
      if (right) {
        converged = i;
      }
    }
    System.out.println("PruningSwitchTest converged after " + converged + " requests per frequency level, "
        + sw.switches() + " switches");
    // Seeds 1..20,000: 19,960 converge after 20 requests (two dwells), the slowest after 69; CI's seed
    // 79076416052433 took 72. The tail is w83 at 1.5x: it is 3.75% over the target against a 3%
    // hysteresis, so the noise in the two averages can hold it inside the band for a while. The bound
    // (half the 300 rounds) is for that tail; "stays there" is still checked over the last 150.
    assertTrue(converged >= 0 && converged <= 150, "converged after " + converged + " requests per level (seed "
        + seed + ")");
    // the corrected target is the unpruned nominal time (6 ms) within the 10% noise
    assertEquals(6.0, sw.targetNanos() / 1e6, 0.3);
  }

  @Test
  void noFlappingUnderNoiseWhileASwitchOnRawRecentTimesFlaps() {
    // the true table, +-15% noise per stage run; at 67% the 17% level runs 2% over the target (4080 us
    // x 1.5 = 6.12 ms) and the 20% level 5% under. The control, a switch on the last runs' times
    // (weight 0.5, no hysteresis, no dwell), goes back and forth between them on the same noise.
    long seed = System.nanoTime();
    System.out.println("PruningSwitchTest flapping seed " + seed);
    long[] trueUs = TRUE_US.clone();
    trueUs[3] = 4080;
    long[] switches = new long[2];
    long[] early = new long[2];
    SwitchSettings[] settings = {SETTINGS, new SwitchSettings(0.5, 1, 4.0, 0.0, 1)};
    for (int k = 0; k < settings.length; k++) {
      TimedStages timed = new TimedStages(seed, 0.15);
      ModelRegistry registry = registry(timed, 1.0, trueUs);
      LatencyCorrection correction = new LatencyCorrection(registry.variants(), settings[k]);
      PruningSwitch sw = new PruningSwitch(registry, correction, settings[k]);
      ObservingExecutor exec = new ObservingExecutor(timed, timed.clock, timed.frequency, correction);
      String[][] chosen = rounds(registry, sw, exec, 100);
      if (k == 0) {
        // the first choices, from the true tables; the control trusts one run, so its first choice
        // at 50% already reads the noise of the runs before it
        assertEquals(List.of("w100", "w80", "w71"), List.of(chosen[0]), "first choices (seed " + seed + ")");
      }
      early[k] = sw.switches();
      rounds(registry, sw, exec, 3000);
      switches[k] = sw.switches();
    }
    System.out.println("PruningSwitchTest switches in the first 100 rounds / the next 3000: " + early[0] + " / "
        + (switches[0] - early[0]) + " with the settings, " + early[1] + " / " + (switches[1] - early[1])
        + " without hysteresis and dwell");
    assertEquals(0, switches[0], "switches with the settings (seed " + seed + ")");
    assertTrue(switches[1] - early[1] >= 100, "a switch on raw recent times should flap under the same noise,"
        + " switches after round 100: " + (switches[1] - early[1]) + " (seed " + seed + ")");
  }

  @Test
  void mixingTheTwoLevelsAroundTheTargetHoldsTheMeanWhereTheLeastPrunedRuleRunsUnder() {
    // true times: at 67% the 20% level runs 3800 x 1.5 = 5.70 ms and the 17% level 6.225 ms, at 50%
    // the 29% level 5.80 ms and the 26% level 6.50 ms, against the unpruned nominal 6.00 ms: the
    // least-pruned rule serves 5.70 and 5.80 (5.3% spread), mixing should hold 6.00 at every level
    long seed = System.nanoTime();
    System.out.println("PruningSwitchTest mixing seed " + seed);
    double[][] means = new double[2][SLOWDOWNS.length];
    for (int k = 0; k < 2; k++) {
      TimedStages timed = new TimedStages(seed, 0.10);
      ModelRegistry registry = registry(timed, 1.4, TRUE_US);
      LatencyCorrection correction = new LatencyCorrection(registry.variants(), SETTINGS);
      PruningSwitch least = new PruningSwitch(registry, correction, SETTINGS);
      MixingSwitch mixing = new MixingSwitch(registry, correction);
      ObservingExecutor exec = new ObservingExecutor(timed, timed.clock, timed.frequency, correction);
      int warmup = 200;
      int measured = 400;
      for (int i = 0; i < warmup + measured; i++) {
        for (int f = 0; f < SLOWDOWNS.length; f++) {
          registry.setSlowdown(SLOWDOWNS[f]);
          Variant v = k == 0 ? least.levelFor() : mixing.levelFor();
          long t0 = timed.clock.nanos();
          serve(v, exec);
          if (i >= warmup) {
            means[k][f] += (timed.clock.nanos() - t0) / 1e6 / measured;
          }
        }
      }
    }
    System.out.println("PruningSwitchTest mean ms per frequency level, least-pruned " + java.util.Arrays.toString(
        means[0]) + ", mixing " + java.util.Arrays.toString(means[1]));
    for (int f = 0; f < SLOWDOWNS.length; f++) {
      assertEquals(6.0, means[1][f], 0.12, "mixing at slowdown " + SLOWDOWNS[f] + " (seed " + seed + ")");
    }
    assertEquals(5.70, means[0][1], 0.12, "least pruned at 67% (seed " + seed + ")");
    assertEquals(5.80, means[0][2], 0.12, "least pruned at 50% (seed " + seed + ")");
  }

  @Test
  void theSettingsAreReferenceConfsAndBadKeysOrValuesAreNamed() {
    assertEquals(SETTINGS, org.swarmsense.edge.EdgeInferenceSettings.switching());
    com.typesafe.config.Config base = com.typesafe.config.ConfigFactory.load();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> org.swarmsense.edge.EdgeInferenceSettings.switching(com.typesafe.config.ConfigFactory
            .parseString("swarmsense.edge-inference.switching.hysterisis = 0.1").withFallback(base)));
    assertTrue(e.getMessage().contains("switching.hysterisis"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> org.swarmsense.edge.EdgeInferenceSettings.switching(com.typesafe.config.ConfigFactory
            .parseString("swarmsense.edge-inference.switching.hysteresis = 1.5").withFallback(base)));
    assertTrue(e.getMessage().contains("hysteresis") && e.getMessage().contains("1.5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> org.swarmsense.edge.EdgeInferenceSettings.switching(com.typesafe.config.ConfigFactory
            .parseString("swarmsense.edge-inference.switching.dwell-requests = ten").withFallback(base)));
    assertTrue(e.getMessage().contains("dwell-requests") && e.getMessage().contains("ten"), e.getMessage());
  }

  @Test
  void theCorrectionRefusesUnknownStagesAndBadObservations() {
    TimedStages timed = new TimedStages(1, 0);
    ModelRegistry registry = registry(timed, 1.0, TRUE_US);
    LatencyCorrection correction = new LatencyCorrection(registry.variants(), SETTINGS);
    Stage stranger = new Stage("stranger/1", new NoSession(), Optional.empty(), Double.POSITIVE_INFINITY, Double.NaN);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> correction.observe(stranger, 1, 1.0, 1000));
    assertTrue(e.getMessage().contains("stranger/1"), e.getMessage());
    Stage first = registry.variants().get(0).model().stages().get(0);
    e = assertThrows(IllegalArgumentException.class, () -> correction.observe(first, 1, 0.5, 1000));
    assertTrue(e.getMessage().contains("slowdown") && e.getMessage().contains("0.5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> correction.observe(first, 1, 1.0, 0));
    assertTrue(e.getMessage().contains("observedNanos"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new SwitchSettings(0.0, 5, 4.0, 0.03, 10));
    assertTrue(e.getMessage().contains("ewmaWeight"), e.getMessage());
    // one observation 100x the table is clamped to 4x; after min-observations such runs the ratio is 4
    for (int i = 0; i < 5; i++) {
      correction.observe(first, 1, 1.0, 100 * 2_000_000L);
    }
    assertEquals(4.0, correction.ratio(first, 1), 1e-9);
    // a stage not observed yet takes the ratio shared by all stages
    Stage other = registry.variants().get(3).model().stages().get(2);
    assertEquals(0, correction.observations(other, 1));
    assertEquals(4.0, correction.ratio(other, 1), 1e-9);
  }
}
