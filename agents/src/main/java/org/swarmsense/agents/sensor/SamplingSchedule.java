package org.swarmsense.agents.sensor;

/**
 * When a sensor samples: at simulated times 0, i, 2i, ... for interval i; a change of interval takes
 * effect from the next sample. {@link #due} lists the sample times inside a simulated tick.
 * Immutable, thread-safe.
 *
 * @param intervalS sampling interval, simulated seconds, > 0
 * @param nextS the next sample time, simulated seconds
 */
public record SamplingSchedule(double intervalS, double nextS) {
  /** Largest number of samples taken in one tick (a guard against a tiny interval). */
  public static final int MAX_SAMPLES_PER_TICK = 10_000;

  /** Validates the fields. */
  public SamplingSchedule {
    if (!(intervalS > 0) || !Double.isFinite(intervalS)) {
      throw new IllegalArgumentException("sampling intervalS must be finite and > 0, got: " + intervalS);
    }
    if (!Double.isFinite(nextS)) {
      throw new IllegalArgumentException("nextS must be finite, got: " + nextS);
    }
  }

  /** A schedule with its first sample at time 0. */
  public static SamplingSchedule every(double intervalS) {
    return new SamplingSchedule(intervalS, 0);
  }

  /** The sample times t with t <= untilS, in order (at most {@link #MAX_SAMPLES_PER_TICK}). */
  public double[] due(double untilS) {
    int n = 0;
    double t = nextS;
    while (t <= untilS && n < MAX_SAMPLES_PER_TICK) {
      n++;
      t = nextS + n * intervalS;
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = nextS + i * intervalS;
    }
    return out;
  }

  /** The schedule after taking the samples due until {@code untilS}. */
  public SamplingSchedule after(double untilS) {
    return new SamplingSchedule(intervalS, nextS + due(untilS).length * intervalS);
  }

  /** The same next sample with another interval. */
  public SamplingSchedule withInterval(double s) {
    return new SamplingSchedule(s, nextS);
  }
}
