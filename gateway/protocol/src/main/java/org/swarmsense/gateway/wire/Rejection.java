package org.swarmsense.gateway.wire;

import java.util.Locale;

/** Why a message was refused; the code is what metrics count and what {@code evt} carries. */
public enum Rejection {
  /** The topic is not in the swarmsense tree. */
  BAD_TOPIC,
  /** The topic names a fleet the gateway does not know. */
  UNKNOWN_FLEET,
  /** The payload is not UTF-8 JSON, or not a JSON object. */
  NOT_JSON,
  /** {@code v} is missing or not a version this gateway reads. */
  UNSUPPORTED_VERSION,
  /** A required field is absent. */
  MISSING_FIELD,
  /** A field this version does not define (a typo or a unit mistake such as {@code speed_kmh}). */
  UNKNOWN_FIELD,
  /** A field has the wrong type or is out of range. */
  BAD_VALUE,
  /** The payload is larger than the configured limit. */
  TOO_LARGE,
  /** The fleet already has as many devices as the gateway keeps ({@code swarmsense.gateway.fleet.max-devices}). */
  TOO_MANY_DEVICES;

  /** The lower-case code, e.g. {@code missing_field}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
