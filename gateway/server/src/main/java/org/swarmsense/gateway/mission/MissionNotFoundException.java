package org.swarmsense.gateway.mission;

/**
 * A mission id that does not exist in the fleet that asked. The HTTP layer maps it to 404 (in
 * {@code http.ApiErrors}, the one place failures become HTTP responses).
 */
public final class MissionNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param missionId the id asked for */
  public MissionNotFoundException(String missionId) {
    super("mission '" + missionId + "' not found");
  }
}
