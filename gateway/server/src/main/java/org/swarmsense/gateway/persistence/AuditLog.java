package org.swarmsense.gateway.persistence;

import java.util.ArrayList;
import java.util.List;

/**
 * A fleet's audit log: who did what, when (HTTP commands and mission actions). Every entry gets the
 * next sequence number (1, 2, ...) in journal order; the newest {@code retained} entries are kept
 * readable, older ones stay in the journal only.
 *
 * @param newest the newest entries, oldest first, contiguous sequence numbers
 * @param total entries ever appended (the last sequence number)
 * @param retained how many entries are kept readable, >= 1
 */
public record AuditLog(List<AuditEntry> newest, long total, int retained)
    implements EntityState<AuditLog, AuditLog.Appended> {
  /** Validates and copies. */
  public AuditLog {
    if (newest == null || retained < 1 || total < newest.size() || newest.size() > retained) {
      throw new IllegalArgumentException("audit log: inconsistent (" + (newest == null ? null : newest.size())
          + " entries, total " + total + ", retained " + retained + ")");
    }
    newest = List.copyOf(newest);
  }

  /** An empty log keeping {@code retained} entries. */
  public static AuditLog empty(int retained) {
    return new AuditLog(List.of(), 0, retained);
  }

  @Override
  public AuditLog apply(Appended event) {
    List<AuditEntry> next = new ArrayList<>(Math.min(newest.size() + 1, retained));
    int from = newest.size() + 1 > retained ? newest.size() + 1 - retained : 0;
    next.addAll(newest.subList(from, newest.size()));
    next.add(new AuditEntry(total + 1, event.atMs(), event.who(), event.action(), event.detail()));
    return new AuditLog(next, total + 1, retained);
  }

  /**
   * The entries after sequence number {@code after}, oldest first, at most {@code limit}.
   *
   * @param after 0 for the oldest retained entry
   */
  public List<AuditEntry> page(long after, int limit) {
    if (after < 0) {
      throw new IllegalArgumentException("after must be >= 0, was " + after);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
    if (newest.isEmpty()) {
      return List.of();
    }
    long first = newest.get(0).seq();
    int from = (int) Math.max(0, Math.min(newest.size(), after - first + 1));
    return newest.subList(from, Math.min(newest.size(), from + limit));
  }

  /**
   * A command or mission action was recorded.
   *
   * @param atMs when (epoch ms)
   * @param who the actor: {@code http:<fleet token>} or {@code gateway}
   * @param action what, e.g. {@code fences.put}, {@code mission.submit}
   * @param detail the object of the action, e.g. a mission id (may be empty)
   */
  public record Appended(long atMs, String who, String action, String detail)
      implements org.swarmsense.agents.cluster.CborSerializable {
    /** Validates the values. */
    public Appended {
      AuditEntry.check(atMs, who, action, detail);
    }
  }
}
