package org.swarmsense.gateway.http;

import java.util.regex.Pattern;
import org.swarmsense.gateway.input.FieldError;

/** Rules for fleet and device identifiers, which are also MQTT topic levels. */
final class Fleets {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private Fleets() {}

  /** Throws a {@link FieldError} unless {@code id} is 1-64 of [A-Za-z0-9_.-], not starting with a symbol. */
  static String requireValidId(String field, String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new FieldError(field, id, "must be 1-64 characters of A-Z a-z 0-9 _ . - (no / + #)");
    }
    return id;
  }
}
