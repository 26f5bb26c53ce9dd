package org.swarmsense.agents.device;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.swarmsense.agents.cluster.CborSerializable;

/**
 * Who a device is: its fleet, its kind and its id within fleet and kind; the key of its sharded
 * entity. The entity id ({@link #entityId}) is {@code kind/fleet/id} with fleet and id
 * percent-encoded (every byte of their UTF-8 form outside {@code [A-Za-z0-9_.-]} becomes {@code %XX}),
 * so no fleet or id can contain the separator and two different keys never share an entity id.
 * Immutable.
 *
 * @param fleet the tenant, 1..{@value #MAX_NAME_BYTES} UTF-8 bytes, no control characters
 * @param kind drone, sensor or edge node
 * @param id unique within fleet and kind, same rules as {@code fleet}
 */
public record DeviceKey(String fleet, Kind kind, String id) implements CborSerializable {
  /** Longest fleet or id, in UTF-8 bytes (the MQTT topic tree allows 64 ASCII characters). */
  public static final int MAX_NAME_BYTES = 128;

  /** The kinds of device that talk over MQTT. */
  public enum Kind {
    DRONE,
    SENSOR,
    EDGE;

    /** The lower-case name used in topics and entity ids ({@code drone}, {@code sensor}, {@code edge}). */
    public String level() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a level; the error names the value. */
    public static Kind fromLevel(String level) {
      for (Kind k : values()) {
        if (k.level().equals(level)) {
          return k;
        }
      }
      throw new IllegalArgumentException("kind must be drone, sensor or edge, was '" + level + "'");
    }
  }

  /** Validates the names; the error names the field and the value. */
  public DeviceKey {
    requireName("fleet", fleet);
    if (kind == null) {
      throw new IllegalArgumentException("kind must not be null");
    }
    requireName("id", id);
  }

  private static void requireName(String field, String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(field + " must not be empty, was " + (value == null ? "null" : "''"));
    }
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_NAME_BYTES) {
      throw new IllegalArgumentException(
          field + " must be at most " + MAX_NAME_BYTES + " UTF-8 bytes, was " + bytes + " ('"
              + value.substring(0, Math.min(value.length(), 32)) + "...')");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) || Character.isSurrogate(c) && !validSurrogate(value, i)) {
        throw new IllegalArgumentException(
            field + " must not contain control characters or broken UTF-16, was '" + value.replaceAll("\\p{Cntrl}", "?")
                + "' (character " + i + ")");
      }
    }
  }

  private static boolean validSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  /** The sharded entity id: {@code kind/fleet/id}, fleet and id percent-encoded. */
  public String entityId() {
    return kind.level() + "/" + encode(fleet) + "/" + encode(id);
  }

  /** The key of an entity id made by {@link #entityId}; the error names the value. */
  public static DeviceKey fromEntityId(String entityId) {
    String[] parts = entityId == null ? new String[0] : entityId.split("/", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("entity id must be kind/fleet/id, was '" + entityId + "'");
    }
    return new DeviceKey(decode("fleet", parts[1]), Kind.fromLevel(parts[0]), decode("id", parts[2]));
  }

  @Override
  public String toString() {
    return fleet + "/" + kind.level() + "/" + id;
  }

  private static boolean plain(int b) {
    return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '_' || b == '-' || b == '.';
  }

  static String encode(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int u = b & 0xff;
      if (plain(u)) {
        out.append((char) u);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(u >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(u & 0xf, 16)));
      }
    }
    return out.toString();
  }

  static String decode(String field, String s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length()) {
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException(field + " has a bad escape in entity id part '" + s + "'");
        }
        bytes.write(hi << 4 | lo);
        i += 2;
      } else if (c < 128 && plain(c)) {
        bytes.write(c);
      } else {
        throw new IllegalArgumentException(field + " has an unencoded character in entity id part '" + s + "'");
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
