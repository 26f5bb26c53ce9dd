package org.swarmsense.gateway.trace;

/**
 * The time source and sleeper of a replay, so that pacing can be tested without sleeping. The
 * system clock is {@link #system()}; tests pass a manual one.
 */
public interface ReplayClock {

  /** A monotonic time in nanoseconds (only differences matter). */
  long nanoTime();

  /** Waits about {@code nanos} nanoseconds (nothing when {@code nanos <= 0}). */
  void sleepNanos(long nanos) throws InterruptedException;

  /** {@link System#nanoTime()} and {@link Thread#sleep(long, int)}. */
  static ReplayClock system() {
    return new ReplayClock() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public void sleepNanos(long nanos) throws InterruptedException {
        if (nanos > 0) {
          Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
      }
    };
  }
}
