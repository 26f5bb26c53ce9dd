package org.swarmsense.gateway.mission;

/**
 * A mission refused because the planning pool is full (every planner busy and the queue at its
 * limit); nothing was kept, the caller may submit again later. The HTTP layer maps it to 503 (in
 * {@code http.ApiErrors}, the one place failures become HTTP responses).
 */
public final class MissionBusyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message why the mission cannot be taken now */
  public MissionBusyException(String message) {
    super(message);
  }
}
