package org.swarmsense.gateway.mission;

/**
 * A mission request that the mission's or the fleet's current state does not allow (run before
 * planned, run twice, a fleet with fewer drones than the plan, no fleet link to fly with). The
 * HTTP layer maps it to 409 (in {@code http.ApiErrors}, the one place failures become HTTP
 * responses).
 */
public final class MissionConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what conflicts, naming the mission or fleet */
  public MissionConflictException(String message) {
    super(message);
  }
}
