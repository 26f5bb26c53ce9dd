package org.swarmsense.gateway.wire;

/**
 * A payload or topic that cannot be accepted: an {@link IllegalArgumentException} carrying a
 * machine-readable {@link Rejection} next to the message that names the field and the value.
 */
public final class PayloadException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final transient Rejection rejection;

  /** A rejection with its reason and a message naming the field and the bad value. */
  public PayloadException(Rejection rejection, String message) {
    super(message);
    if (rejection == null) {
      throw new IllegalArgumentException("rejection must not be null");
    }
    this.rejection = rejection;
  }

  /** A rejection caused by another exception. */
  public PayloadException(Rejection rejection, String message, Throwable cause) {
    this(rejection, message);
    initCause(cause);
  }

  /** The reason code. */
  public Rejection rejection() {
    return rejection;
  }
}
