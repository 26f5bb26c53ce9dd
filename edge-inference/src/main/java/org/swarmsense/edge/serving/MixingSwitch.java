package org.swarmsense.edge.serving;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The frequency-level switch that mixes the two pruning levels around the target, request by
 * request, so that the mean latency sits at the target rather than somewhere under it.
 *
 * <p>Why: with a handful of pruning levels, {@link PruningSwitch} keeps the least pruned level
 * within the target, so a slowed frequency level runs as far under the target as the gap to the
 * next level down (2026-12-02, nine levels: 2.97 ms at half frequency against 3.44 ms at nominal,
 * a 15.9 % spread). Here, at the current slowdown and on the corrected predictions p of {@link
 * LatencyCorrection}: <em>under</em> is the level with the largest p at or under the target (ties:
 * the less pruned) and <em>over</em> the level with the smallest p above it. Each frequency level
 * keeps a credit, the sum of (target - p) over the requests it served; a request goes to
 * <em>over</em> when the credit covers its excess (p(over) - target) and to <em>under</em>
 * otherwise. In the long run the share sent to <em>over</em> is (target - p(under)) / (p(over) -
 * p(under)), which puts the mean prediction at the target (error diffusion, deterministic). The
 * credit is kept within plus or minus one target so that old predictions do not steer for long.
 * When no level fits, the fastest serves; when every level fits, <em>under</em> does (at nominal
 * that is the unpruned level, whose prediction is the target). The target is {@link
 * PruningSwitch#targetNanos}'s: the unpruned level's corrected nominal latency. Not thread-safe:
 * one serving thread asks.
 */
public final class MixingSwitch {

  private final ModelRegistry registry;
  private final LatencyCorrection correction;
  private final Variant unpruned;
  private final Map<Double, long[]> creditNanos = new HashMap<>();
  private long overRequests;
  private long requests;

  /** A switch over {@code registry}'s pruning levels predicting with {@code correction}. */
  public MixingSwitch(ModelRegistry registry, LatencyCorrection correction) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.correction = Objects.requireNonNull(correction, "correction");
    this.unpruned = PruningSwitch.leastPruned(registry);
  }

  /** The target: the least pruned level's corrected nominal (slowdown 1) batch-1 latency. */
  public long targetNanos() {
    return correction.predictedNanos(unpruned, 1.0);
  }

  /** The pruning level for the next request at the registry's current frequency level. */
  public Variant levelFor() {
    double f = registry.slowdown();
    long target = targetNanos();
    Variant under = null;
    Variant over = null;
    Variant fastest = null;
    long underNanos = Long.MIN_VALUE;
    long overNanos = Long.MAX_VALUE;
    long fastestNanos = Long.MAX_VALUE;
    for (Variant v : registry.pruningLevels()) {
      long p = correction.predictedNanos(v, f);
      if (p < fastestNanos) {
        fastest = v;
        fastestNanos = p;
      }
      if (p <= target) {
        if (p > underNanos || (p == underNanos && v.pruningLevel() < under.pruningLevel())) {
          under = v;
          underNanos = p;
        }
      } else if (p < overNanos) {
        over = v;
        overNanos = p;
      }
    }
    requests++;
    if (under == null) {
      return fastest;
    }
    long[] credit = creditNanos.computeIfAbsent(f, k -> new long[1]);
    Variant pick = under;
    long pickNanos = underNanos;
    if (over != null && credit[0] >= overNanos - target) {
      pick = over;
      pickNanos = overNanos;
      overRequests++;
    }
    credit[0] = Math.max(-target, Math.min(target, credit[0] + target - pickNanos));
    return pick;
  }

  /** Requests sent to the level over the target, of all requests so far. */
  public double overShare() {
    return requests == 0 ? 0 : (double) overRequests / requests;
  }
}
