package org.swarmsense.gateway.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;

/**
 * How this gateway judges fences ({@code swarmsense.gateway.fences} in reference.conf). Immutable.
 *
 * @param hysteresisM how far back on the allowed side a drone must be before its breach clears,
 *     metres, 0..1000
 * @param maxPerFleet fences (no-fly zones and geofences together) one fleet may hold, 1..100000
 * @param commandTimeout how long to wait for a drone's reply to a breach's hold / rtl command
 */
public record FenceLimits(double hysteresisM, int maxPerFleet, Duration commandTimeout) {
  /** Validates the values; the message names the key. */
  public FenceLimits {
    if (!(hysteresisM >= 0 && hysteresisM <= 1000)) {
      throw new IllegalArgumentException("fences.hysteresis-m must be 0..1000, was " + hysteresisM);
    }
    if (maxPerFleet < 1 || maxPerFleet > 100_000) {
      throw new IllegalArgumentException("fences.max-per-fleet must be 1..100000, was " + maxPerFleet);
    }
    if (commandTimeout == null || commandTimeout.isNegative() || commandTimeout.isZero()) {
      throw new IllegalArgumentException("fences.command-timeout must be > 0, was " + commandTimeout);
    }
  }

  /** Reads {@code swarmsense.gateway.fences}. */
  public static FenceLimits fromConfig(Config root) {
    Config c = root.getConfig("swarmsense.gateway.fences");
    return new FenceLimits(c.getDouble("hysteresis-m"), c.getInt("max-per-fleet"), c.getDuration("command-timeout"));
  }

  /** The defaults of reference.conf (and application.conf). */
  public static FenceLimits defaults() {
    return fromConfig(ConfigFactory.load());
  }
}
