package org.swarmsense.edge.serving;

import java.time.Duration;
import java.util.Locale;

/**
 * The fixed serving load of issue 13, as a printable value: devices sending Poisson arrivals whose
 * total rate is {@code loadFraction} of the measured full-depth capacity (1 / batch-1 full-depth
 * latency), multiplied by {@code burstFactor} during {@code burstLength} at offset {@code
 * burstOffset} of every {@code burstPeriod}; relative deadlines uniform in [{@code deadlineMin},
 * {@code deadlineMax}] x the full-depth batch-1 latency; the first {@code highPriorityDevices}
 * devices send priority 1, the others priority 0.
 *
 * @param devices number of devices
 * @param loadFraction mean rate outside bursts as a fraction of capacity
 * @param burstFactor rate multiplier during bursts
 * @param burstLength length of each burst
 * @param burstPeriod time from one burst's start to the next
 * @param burstOffset start of the first burst
 * @param deadlineMin smallest deadline as a multiple of the full-depth batch-1 latency
 * @param deadlineMax largest deadline as a multiple of the full-depth batch-1 latency
 * @param highPriorityDevices devices whose requests have priority 1
 * @param duration length of the trace
 * @param seed random seed
 */
public record Workload(int devices, double loadFraction, double burstFactor, Duration burstLength,
    Duration burstPeriod, Duration burstOffset, double deadlineMin, double deadlineMax, int highPriorityDevices,
    Duration duration, long seed) {

  /** Validates every field. */
  public Workload {
    if (devices < 1) {
      throw new IllegalArgumentException("devices must be >= 1, got: " + devices);
    }
    if (!(loadFraction > 0)) {
      throw new IllegalArgumentException("loadFraction must be > 0, got: " + loadFraction);
    }
    if (!(burstFactor >= 1)) {
      throw new IllegalArgumentException("burstFactor must be >= 1, got: " + burstFactor);
    }
    if (burstPeriod.isNegative() || burstPeriod.isZero() || burstLength.isNegative()
        || burstLength.compareTo(burstPeriod) > 0 || burstOffset.isNegative()) {
      throw new IllegalArgumentException("bursts must satisfy 0 <= burstLength <= burstPeriod, burstOffset >= 0, got: "
          + burstLength + ", " + burstPeriod + ", " + burstOffset);
    }
    if (!(deadlineMin > 0 && deadlineMax >= deadlineMin)) {
      throw new IllegalArgumentException("deadlines must satisfy 0 < deadlineMin <= deadlineMax, got: " + deadlineMin
          + ", " + deadlineMax);
    }
    if (highPriorityDevices < 0 || highPriorityDevices > devices) {
      throw new IllegalArgumentException("highPriorityDevices must be in [0, devices], got: " + highPriorityDevices);
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration must be > 0, got: " + duration);
    }
  }

  /** The load of issue 13 (50 devices, 60% load, 3x bursts for 2 s every 10 s, deadlines [2, 6] x). */
  public static Workload issue13(Duration duration, long seed) {
    return new Workload(50, 0.6, 3.0, Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(5), 2.0, 6.0,
        10, duration, seed);
  }

  /** Whether time {@code nanos} since the start falls in a burst. */
  public boolean inBurst(long nanos) {
    long t = nanos - burstOffset.toNanos();
    return t >= 0 && t % burstPeriod.toNanos() < burstLength.toNanos();
  }

  /** Total length of the bursts within the trace, seconds. */
  public double burstSeconds() {
    double s = 0;
    long end = duration.toNanos();
    for (long start = burstOffset.toNanos(); start < end; start += burstPeriod.toNanos()) {
      s += Math.min(burstLength.toNanos(), end - start) / 1e9;
    }
    return s;
  }

  /** One line for the report. */
  public String describe() {
    return String.format(Locale.ROOT, "%d devices (%d high priority), Poisson at %.0f%% of full-depth capacity,"
        + " %.0fx bursts of %.1f s every %.1f s from %.1f s, deadlines U[%.0f, %.0f] x full-depth batch-1 latency,"
        + " %.0f s, seed %d", devices, highPriorityDevices, loadFraction * 100, burstFactor,
        burstLength.toMillis() / 1e3, burstPeriod.toMillis() / 1e3, burstOffset.toMillis() / 1e3, deadlineMin,
        deadlineMax, duration.toMillis() / 1e3, seed);
  }
}
