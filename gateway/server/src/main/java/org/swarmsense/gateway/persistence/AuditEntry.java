package org.swarmsense.gateway.persistence;

/**
 * One audit log entry.
 *
 * @param seq its sequence number in the fleet's log, from 1
 * @param atMs when (epoch ms), > 0
 * @param who the actor, 1-200 characters
 * @param action what, 1-100 characters
 * @param detail the object of the action, at most {@link #MAX_DETAIL} characters
 */
public record AuditEntry(long seq, long atMs, String who, String action, String detail)
    implements org.swarmsense.agents.cluster.CborSerializable {
  /** The longest detail kept. */
  public static final int MAX_DETAIL = 500;

  /** Validates the values. */
  public AuditEntry {
    if (seq < 1) {
      throw new IllegalArgumentException("audit seq must be >= 1, was " + seq);
    }
    check(atMs, who, action, detail);
  }

  static void check(long atMs, String who, String action, String detail) {
    if (atMs <= 0) {
      throw new IllegalArgumentException("audit atMs must be > 0, was " + atMs);
    }
    if (who == null || who.isBlank() || who.length() > 200) {
      throw new IllegalArgumentException("audit who must be 1-200 characters, was " + who);
    }
    if (action == null || action.isBlank() || action.length() > 100) {
      throw new IllegalArgumentException("audit action must be 1-100 characters, was " + action);
    }
    if (detail == null || detail.length() > MAX_DETAIL) {
      throw new IllegalArgumentException("audit detail must be at most " + MAX_DETAIL + " characters");
    }
  }
}
