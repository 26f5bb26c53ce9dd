package org.swarmsense.edge.runtime;

/**
 * Threads ONNX Runtime may use for one session run.
 *
 * @param intraOpThreads threads inside one operator (1 = the calling thread only)
 * @param interOpThreads threads running independent operators in parallel (1 = sequential)
 */
public record ThreadSettings(int intraOpThreads, int interOpThreads) {

  /** Validates both counts. */
  public ThreadSettings {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intraOpThreads must be >= 1, got: " + intraOpThreads);
    }
    if (interOpThreads < 1) {
      throw new IllegalArgumentException("interOpThreads must be >= 1, got: " + interOpThreads);
    }
  }

  /** Everything on the calling thread. */
  public static ThreadSettings singleThread() {
    return new ThreadSettings(1, 1);
  }
}
