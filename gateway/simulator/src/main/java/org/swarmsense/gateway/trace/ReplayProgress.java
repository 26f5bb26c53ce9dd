package org.swarmsense.gateway.trace;

import java.util.Locale;

/**
 * A progress snapshot of a replay. Immutable.
 *
 * @param messages messages published so far
 * @param elapsedS seconds since the replay started (replay clock)
 * @param position where reading stands in the source
 */
public record ReplayProgress(long messages, double elapsedS, String position) {

  /** Messages per second since the start. */
  public double rate() {
    return elapsedS > 0 ? messages / elapsedS : 0;
  }

  /** One line for people: count, rate and position. */
  public String line() {
    return String.format(Locale.ROOT, "replayed %,d messages in %.1f s (%,.0f msgs/s), %s",
        messages, elapsedS, rate(), position);
  }
}
