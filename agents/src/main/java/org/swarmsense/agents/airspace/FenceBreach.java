package org.swarmsense.agents.airspace;

/**
 * A breach of one fence by one drone starting ({@code raised}) or ending. Immutable, thread-safe.
 *
 * @param fence the fence (for a fence removed while breached: its last version)
 * @param raised true when the breach starts, false when it clears
 * @param detail a human-readable explanation with the position
 */
public record FenceBreach(Fence fence, boolean raised, String detail) {

  /** Validates the fields. */
  public FenceBreach {
    if (fence == null || detail == null) {
      throw new IllegalArgumentException("fence and detail must not be null");
    }
  }

  /** The alarm type: {@code no_fly_zone_breach} / {@code geofence_breach}, with {@code _cleared} when it ends. */
  public String alarm() {
    return fence.kind().alarm() + (raised ? "" : "_cleared");
  }
}
