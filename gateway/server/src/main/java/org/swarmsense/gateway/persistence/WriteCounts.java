package org.swarmsense.gateway.persistence;

/**
 * What this node's store wrote since it started (all fleets): for checking that each persistence id
 * has one writer and that no write failed ({@code GET /api/fleets/{fleet}/metrics}, {@code journal}).
 *
 * @param clusterWide whether the states are the cluster's sharded entities (nodes sharing one journal)
 *     rather than this node's own
 * @param writes events this node asked to write (to entities here or, cluster-wide, on any node)
 * @param failedWrites those that failed or timed out (the caller got {@link StateUnavailableException})
 * @param persistedHere events written by the entities running on this node (for whichever node asked)
 */
public record WriteCounts(boolean clusterWide, long writes, long failedWrites, long persistedHere) {
  /** Validates the counts. */
  public WriteCounts {
    if (writes < 0 || failedWrites < 0 || failedWrites > writes || persistedHere < 0) {
      throw new IllegalArgumentException("write counts: inconsistent (writes " + writes + ", failed " + failedWrites
          + ", persisted here " + persistedHere + ")");
    }
  }
}
