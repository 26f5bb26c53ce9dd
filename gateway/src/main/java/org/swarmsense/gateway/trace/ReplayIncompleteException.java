package org.swarmsense.gateway.trace;

/**
 * A replay stopped early at a bad line of its source, after publishing everything valid before it
 * and a {@code replay_incomplete} event on each device that had published. The message names the
 * file, the line and how many devices were told. Immutable.
 */
public final class ReplayIncompleteException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient Replayer.Result partial;

  ReplayIncompleteException(String message, Replayer.Result partial, TraceFormatException cause) {
    super(message, cause);
    this.partial = partial;
  }

  /** What was replayed before the bad line. */
  public Replayer.Result partial() {
    return partial;
  }

  /** The line that stopped the replay (1-based). */
  public long line() {
    return ((TraceFormatException) getCause()).line();
  }
}
