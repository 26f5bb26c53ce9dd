package org.swarmsense.edge.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Variant choice under deadlines and the frequency-level switch, on hand-written profiles. */
class ModelRegistryTest {

  private static final long MS = 1_000_000L;

  /** A one-stage variant taking {@code ms} at batch 1. */
  private static Variant variant(String name, double pruning, double accuracy, long ms) {
    ScriptedStages script = new ScriptedStages(ms * MS, 0, 1.01, id -> 90);
    StagedModel m = new StagedModel(name, List.of(script.model.stages().get(2)));
    LatencyTable t = new LatencyTable(name, new int[] {1}, new long[][] {{ms * MS}});
    return new Variant(m, 1.0, 28, 1, pruning, t, accuracy);
  }

  // full: 8 ms, 90%; pruned 25%: 5 ms, 88%; pruned 50%: 3 ms, 85%; an early exit: 2 ms, 70%
  private final Variant full = variant("w100", 0.0, 0.90, 8);
  private final Variant p25 = variant("w75", 0.25, 0.88, 5);
  private final Variant p50 = variant("w50", 0.50, 0.85, 3);
  private final Variant exit = variant("w100-e1", 0.0, 0.70, 2);
  private final ModelRegistry registry = new ModelRegistry(List.of(full, p25, p50, exit));

  @Test
  void picksTheMostAccurateVariantPredictedToMeetTheDeadline() {
    // deadline 10 ms after now, 4 ms of backlog -> budget 6 ms -> the 25% pruned one (5 ms)
    Request r = new Request(0, 0, 0, 10 * MS, 0, -1, ScriptedStages.input(0));
    assertEquals("w75", registry.choose(r, 0, 4 * MS).name());
    assertEquals("w100", registry.choose(r, 0, 0).name());
    // budget 1 ms: nothing fits -> the fastest
    assertEquals("w100-e1", registry.choose(r, 0, 9 * MS).name());
    // at half frequency (slowdown 2) the 8 ms budget holds only w50 (6 ms) and the exit (4 ms)
    registry.setSlowdown(2.0);
    assertEquals("w50", registry.choose(r, 0, 2 * MS).name());
  }

  @Test
  void theFrequencyLevelSwitchesToTheMostAccuratePruningLevelWithinTheNominalLatency() {
    // target 8 ms: slowdown 1 -> w100 (8, within); 1.5 -> w100 12 / w75 7.5 / w50 4.5 -> w75 (more
    // accurate than w50); 2.5 -> w75 12.5 / w50 7.5 -> w50. The early-exit variant is never a pruning level.
    assertEquals("w100", registry.pruningLevelFor(8 * MS, ModelRegistry.SwitchRule.MOST_ACCURATE).model().name());
    registry.setSlowdown(1.5);
    assertEquals("w75", registry.pruningLevelFor(8 * MS, ModelRegistry.SwitchRule.MOST_ACCURATE).model().name());
    registry.setSlowdown(2.5);
    assertEquals("w50", registry.pruningLevelFor(8 * MS, ModelRegistry.SwitchRule.MOST_ACCURATE).model().name());
    // 1.7: w75 takes 8.5 ms, nearer to 8 than w50's 5.1 ms, but over the target: w50
    registry.setSlowdown(1.7);
    assertEquals("w50", registry.pruningLevelFor(8 * MS, ModelRegistry.SwitchRule.MOST_ACCURATE).model().name());
    // 3: nothing fits (w50 9 ms) -> the fastest pruning level, not the faster early exit
    registry.setSlowdown(3.0);
    assertEquals("w50", registry.pruningLevelFor(8 * MS, ModelRegistry.SwitchRule.MOST_ACCURATE).model().name());
    assertEquals(List.of(full, p25, p50), registry.pruningLevels());
  }

  @Test
  void onEqualAccuracyTheSwitchKeepsTheLessPrunedLevel() {
    Variant a = variant("w90", 0.10, 0.88, 7);
    Variant b = variant("w60", 0.40, 0.88, 4);
    ModelRegistry r = new ModelRegistry(List.of(full, b, a));
    r.setSlowdown(1.1); // w100 8.8 (over), w90 7.7, w60 4.4: equal accuracy -> w90
    assertEquals("w90", r.pruningLevelFor(8 * MS, ModelRegistry.SwitchRule.MOST_ACCURATE).model().name());
  }

  @Test
  void theLeastPrunedRuleIgnoresAccuraciesThatDoNotFollowThePruning() {
    Variant unpruned = variant("w100", 0.0, 0.86, 8);
    Variant a = variant("w90", 0.10, 0.80, 7);
    Variant b = variant("w60", 0.40, 0.88, 4); // more pruned yet measured more accurate
    ModelRegistry r = new ModelRegistry(List.of(unpruned, b, a));
    r.setSlowdown(1.1); // w100 8.8 (over), w90 7.7, w60 4.4
    assertEquals("w90", r.pruningLevelFor(8 * MS, ModelRegistry.SwitchRule.LEAST_PRUNED).model().name());
    assertEquals("w60", r.pruningLevelFor(8 * MS, ModelRegistry.SwitchRule.MOST_ACCURATE).model().name());
    r.setSlowdown(1.0); // the unpruned fits: LEAST_PRUNED keeps it, MOST_ACCURATE still prunes to w60
    assertEquals("w100", r.pruningLevelFor(8 * MS, ModelRegistry.SwitchRule.LEAST_PRUNED).model().name());
    assertEquals("w60", r.pruningLevelFor(8 * MS, ModelRegistry.SwitchRule.MOST_ACCURATE).model().name());
  }
}
