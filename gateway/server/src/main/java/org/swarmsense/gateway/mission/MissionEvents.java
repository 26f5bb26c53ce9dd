package org.swarmsense.gateway.mission;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where the mission desk tells the world that a mission changed (the HTTP layer's live hub
 * implements it), so the mission domain depends on no HTTP class. Implementations must be
 * thread-safe: the desk publishes from planning threads.
 */
@FunctionalInterface
public interface MissionEvents {

  /** Publishes an event of a fleet, e.g. a {@link MissionStatus#toJson()}. */
  void publish(String fleet, ObjectNode event);
}
