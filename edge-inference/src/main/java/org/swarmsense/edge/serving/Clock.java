package org.swarmsense.edge.serving;

import java.util.concurrent.locks.LockSupport;

/**
 * Time of a serving run in nanoseconds since its start. The benchmark uses {@link #system()}; tests
 * use a fake clock that stage executors advance. Implementations are used by one thread.
 */
public interface Clock {

  /** Nanoseconds since the start of the run. */
  long nanos();

  /** Returns once {@link #nanos()} is at least {@code nanos} (immediately if it already is). */
  void sleepUntil(long nanos);

  /** Wall time ({@link System#nanoTime()}) from the moment of this call. */
  static Clock system() {
    long origin = System.nanoTime();
    return new Clock() {
      @Override
      public long nanos() {
        return System.nanoTime() - origin;
      }

      @Override
      public void sleepUntil(long nanos) {
        long left;
        while ((left = nanos - nanos()) > 0) {
          LockSupport.parkNanos(left);
        }
      }
    };
  }
}
