package org.swarmsense.gateway.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The field a validation message names, for the {@code field} key of an error body: libraries
 * (the mission reader, records) throw plain {@link IllegalArgumentException}s whose messages name
 * the field as {@code field 'drones.count' ...}, {@code missing field 'area' ...} or start with it
 * ({@code window.slotS must be ...}). Stateless and thread-safe.
 */
final class FieldNames {
  private static final Pattern QUOTED = Pattern.compile("field '([A-Za-z0-9_.\\[\\]]+)'");
  private static final Pattern LEADING =
      Pattern.compile("^(?:mission: )?([a-z][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_]+|\\[\\d+\\])*) (?:must|is|has|only)\\b");

  private FieldNames() {}

  /** The field named by {@code message}, or null when it names none. */
  static String in(String message) {
    if (message == null) {
      return null;
    }
    Matcher m = QUOTED.matcher(message);
    if (m.find()) {
      return m.group(1);
    }
    m = LEADING.matcher(message);
    return m.find() ? m.group(1) : null;
  }
}
