package org.swarmsense.gateway.trace;

/**
 * A replay stopped early, at a bad line of its source or because it was asked to stop (Ctrl-C), after
 * publishing everything before that point and a {@code replay_incomplete} event on each device that
 * had published. The message names the file and line (or the position) and how many devices were
 * told. Immutable.
 */
public final class ReplayIncompleteException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient Replayer.Result partial;
  private final long line;

  ReplayIncompleteException(String message, Replayer.Result partial, long line, Throwable cause) {
    super(message, cause);
    this.partial = partial;
    this.line = line;
  }

  /** What was replayed before the bad line. */
  public Replayer.Result partial() {
    return partial;
  }

  /** The line that stopped the replay (1-based), or -1 when it was interrupted. */
  public long line() {
    return line;
  }
}
