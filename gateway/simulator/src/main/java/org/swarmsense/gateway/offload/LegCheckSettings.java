package org.swarmsense.gateway.offload;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Set;

/**
 * How a flying simulated drone checks the next stretch of its leg for obstacles (issue 19 part 4), read
 * once from {@code swarmsense.simulator.leg-check} (every key and its meaning in this module's {@code
 * reference.conf}; unknown keys refused). Chosen before any check was run. Immutable.
 *
 * @param interval at most one check per drone this often while it flies; zero = no checks
 * @param deadline the request's {@code deadline_ms}: the edge node answers with the finest level that
 *     fits, 1 ms..60 s
 * @param corridorHalfWidthM half the corridor's width across the leg, metres, (0, 16]
 * @param obstacleHeightM the height above the ground from which a surface in the corridor is an obstacle,
 *     metres, (0, 28]
 */
public record LegCheckSettings(Duration interval, Duration deadline, double corridorHalfWidthM, double obstacleHeightM) {

  private static final Set<String> KNOWN = Set.of("interval", "deadline", "corridor-half-width-m", "obstacle-height-m");

  /** Validates every field; the message names the key and the bad value. */
  public LegCheckSettings {
    if (interval == null || interval.isNegative() || interval.toHours() > 24) {
      throw new IllegalArgumentException("leg-check.interval must be 0 (off) .. 24 h, got: " + interval);
    }
    if (deadline == null || deadline.toMillis() < 1 || deadline.toMillis() > 60_000) {
      throw new IllegalArgumentException("leg-check.deadline must be 1 ms..60 s, got: " + deadline);
    }
    if (!(corridorHalfWidthM > 0 && corridorHalfWidthM <= LegCorridor.BOX_SIDE_M / 2)) {
      throw new IllegalArgumentException("leg-check.corridor-half-width-m must be in (0, " + LegCorridor.BOX_SIDE_M / 2
          + "], got: " + corridorHalfWidthM);
    }
    if (!(obstacleHeightM > 0 && obstacleHeightM <= LegCorridor.BOX_ABOVE_GROUND_M)) {
      throw new IllegalArgumentException("leg-check.obstacle-height-m must be in (0, " + LegCorridor.BOX_ABOVE_GROUND_M
          + "], got: " + obstacleHeightM);
    }
  }

  /** Whether drones check their legs at all. */
  public boolean enabled() {
    return !interval.isZero();
  }

  /** The settings in {@code config} (which must contain the reference defaults). */
  public static LegCheckSettings create(Config config) {
    Config c = config.getConfig("swarmsense.simulator.leg-check");
    for (String key : c.root().keySet()) {
      if (!KNOWN.contains(key)) {
        throw new IllegalArgumentException("unknown key swarmsense.simulator.leg-check." + key + " (known: "
            + new java.util.TreeSet<>(KNOWN) + ", see gateway-simulator's reference.conf)");
      }
    }
    return new LegCheckSettings(c.getDuration("interval"), c.getDuration("deadline"), c.getDouble("corridor-half-width-m"),
        c.getDouble("obstacle-height-m"));
  }

  /** The defaults of reference.conf (plus application.conf). */
  public static LegCheckSettings load() {
    return create(ConfigFactory.load());
  }

  /** Copy with another interval (zero: off). */
  public LegCheckSettings withInterval(Duration d) {
    return new LegCheckSettings(d, deadline, corridorHalfWidthM, obstacleHeightM);
  }

  /** Copy with another obstacle height. */
  public LegCheckSettings withObstacleHeightM(double m) {
    return new LegCheckSettings(interval, deadline, corridorHalfWidthM, m);
  }

  /** Copy with another deadline. */
  public LegCheckSettings withDeadline(Duration d) {
    return new LegCheckSettings(interval, d, corridorHalfWidthM, obstacleHeightM);
  }
}
