package org.swarmsense.gateway.persistence;

/**
 * A state change or read did not complete in time (journal database down, full or slow): the change
 * may not have been made. The HTTP API answers 503; nothing is reported as done that was not
 * written.
 */
public final class StateUnavailableException extends RuntimeException {
  public StateUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
