package org.swarmsense.gateway.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * JSON codecs for the wire payloads ({@code "v": 1}): {@code read...} parses and validates bytes into
 * a record and throws {@link PayloadException} naming the field, the value and a {@link Rejection};
 * {@code toJson} writes a record. Unknown fields are refused so that unit mistakes surface. Stateless
 * and thread-safe.
 */
public final class Payloads {
  /** The payload version this gateway reads and writes. */
  public static final int VERSION = 1;
  /** The largest payload accepted, in bytes. */
  public static final int MAX_BYTES = 64 * 1024;

  static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9_]{0,31}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private static final Set<String> TELEMETRY_FIELDS =
      Set.of("v", "t_ms", "lat_deg", "lon_deg", "alt_m", "speed_m_s", "heading_deg",
          "battery_percent", "state", "observed");
  private static final Set<String> OBSERVED_FIELDS = Set.of("vehicles");
  private static final Set<String> COMMAND_FIELDS =
      Set.of("v", "t_ms", "cmd", "plan_id", "waypoints", "rate_hz");
  private static final Set<String> WAYPOINT_FIELDS = Set.of("lat_deg", "lon_deg", "alt_m", "hold_s", "until_s");
  private static final Set<String> REPLY_FIELDS = Set.of("v", "t_ms", "cmd", "ok", "reason");
  private static final Set<String> EVENT_FIELDS = Set.of("v", "t_ms", "type", "reason", "detail");

  private Payloads() {}

  // ---- reading ---------------------------------------------------------------------------------

  /** Parses and validates a telemetry payload. */
  public static Telemetry readTelemetry(byte[] payload) {
    ObjectNode o = object(payload, TELEMETRY_FIELDS);
    return wrap(
        () ->
            new Telemetry(
                version(o),
                time(o),
                number(o, "lat_deg"),
                number(o, "lon_deg"),
                number(o, "alt_m"),
                number(o, "speed_m_s"),
                number(o, "heading_deg"),
                number(o, "battery_percent"),
                text(o, "state"),
                observed(o)));
  }

  /** The optional {@code observed} object of a telemetry payload: {@code {"vehicles": N}}. */
  private static java.util.Optional<ObservedTraffic> observed(ObjectNode o) {
    JsonNode n = o.get("observed");
    if (n == null) {
      return java.util.Optional.empty();
    }
    if (!(n instanceof ObjectNode obs)) {
      throw new PayloadException(
          Rejection.BAD_VALUE, "observed must be an object, was " + abbreviate(n.toString()));
    }
    requireKnown(obs, OBSERVED_FIELDS, "observed.");
    JsonNode v = obs.get("vehicles");
    if (v == null || v.isNull()) {
      throw new PayloadException(Rejection.MISSING_FIELD, "observed.vehicles is missing");
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new PayloadException(Rejection.BAD_VALUE,
          "observed.vehicles must be an integer 0.." + ObservedTraffic.MAX_VEHICLES + ", was "
              + abbreviate(v.toString()));
    }
    return java.util.Optional.of(new ObservedTraffic(v.intValue()));
  }

  /** Parses and validates a command payload. */
  public static Command readCommand(byte[] payload) {
    ObjectNode o = object(payload, COMMAND_FIELDS);
    return wrap(
        () -> {
          int v = version(o);
          long t = time(o);
          CommandKind kind = CommandKind.fromCode(text(o, "cmd"));
          String planId = o.has("plan_id") ? text(o, "plan_id") : null;
          List<Waypoint> wps = new ArrayList<>();
          if (o.has("waypoints")) {
            JsonNode arr = o.get("waypoints");
            if (!arr.isArray()) {
              throw new PayloadException(
                  Rejection.BAD_VALUE, "waypoints must be an array, was " + arr);
            }
            for (int i = 0; i < arr.size(); i++) {
              JsonNode w = arr.get(i);
              if (!w.isObject()) {
                throw new PayloadException(
                    Rejection.BAD_VALUE, "waypoints[" + i + "] must be an object, was " + w);
              }
              ObjectNode wo = (ObjectNode) w;
              requireKnown(wo, WAYPOINT_FIELDS, "waypoints[" + i + "].");
              try {
                wps.add(
                    new Waypoint(
                        number(wo, "lat_deg"),
                        number(wo, "lon_deg"),
                        number(wo, "alt_m"),
                        wo.has("hold_s") ? number(wo, "hold_s") : 0,
                        wo.has("until_s") ? number(wo, "until_s") : 0));
              } catch (PayloadException e) {
                throw new PayloadException(e.rejection(), "waypoints[" + i + "]." + e.getMessage());
              }
            }
          }
          double rate = o.has("rate_hz") ? number(o, "rate_hz") : 0;
          return new Command(v, t, kind, planId, wps, rate);
        });
  }

  /** Parses and validates a command reply payload. */
  public static CommandReply readReply(byte[] payload) {
    ObjectNode o = object(payload, REPLY_FIELDS);
    return wrap(
        () -> {
          boolean ok = flag(o, "ok");
          CommandKind cmd = o.has("cmd") ? CommandKind.fromCode(text(o, "cmd")) : null;
          return new CommandReply(
              version(o), time(o), cmd, ok,
              o.has("reason") ? text(o, "reason") : null);
        });
  }

  /** Parses and validates an event payload. */
  public static Event readEvent(byte[] payload) {
    ObjectNode o = object(payload, EVENT_FIELDS);
    return wrap(
        () ->
            new Event(
                version(o),
                time(o),
                text(o, "type"),
                o.has("reason") ? text(o, "reason") : null,
                o.has("detail") ? text(o, "detail") : null));
  }

  /**
   * Parses a status payload: the plain strings {@code online} or {@code offline} (not JSON, so the
   * retained value and the last will are readable by any MQTT tool). Returns true for online.
   */
  public static boolean readOnline(byte[] payload) {
    String s = new String(payload, StandardCharsets.UTF_8);
    if (s.equals("online")) {
      return true;
    }
    if (s.equals("offline")) {
      return false;
    }
    throw new PayloadException(
        Rejection.BAD_VALUE, "status must be online or offline, was '" + abbreviate(s) + "'");
  }

  // ---- writing ---------------------------------------------------------------------------------

  /** Telemetry as JSON bytes. */
  public static byte[] toJson(Telemetry t) {
    ObjectNode o = JSON.createObjectNode();
    o.put("v", t.v());
    o.put("t_ms", t.tMs());
    o.put("lat_deg", t.latDeg());
    o.put("lon_deg", t.lonDeg());
    o.put("alt_m", t.altM());
    o.put("speed_m_s", t.speedMps());
    o.put("heading_deg", t.headingDeg());
    o.put("battery_percent", t.batteryPercent());
    o.put("state", t.state());
    t.observed().ifPresent(obs -> o.putObject("observed").put("vehicles", obs.vehicles()));
    return bytes(o);
  }

  /** A command as JSON bytes. */
  public static byte[] toJson(Command c) {
    ObjectNode o = JSON.createObjectNode();
    o.put("v", c.v());
    o.put("t_ms", c.tMs());
    o.put("cmd", c.kind().code());
    if (c.planId() != null) {
      o.put("plan_id", c.planId());
    }
    if (!c.waypoints().isEmpty()) {
      ArrayNode arr = o.putArray("waypoints");
      for (Waypoint w : c.waypoints()) {
        ObjectNode wo = arr.addObject();
        wo.put("lat_deg", w.latDeg()).put("lon_deg", w.lonDeg()).put("alt_m", w.altM());
        if (w.holdS() > 0) {
          wo.put("hold_s", w.holdS());
        }
        if (w.untilS() > 0) {
          wo.put("until_s", w.untilS());
        }
      }
    }
    if (c.kind() == CommandKind.RATE) {
      o.put("rate_hz", c.rateHz());
    }
    return bytes(o);
  }

  /** A command reply as JSON bytes. */
  public static byte[] toJson(CommandReply r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("v", r.v());
    o.put("t_ms", r.tMs());
    if (r.cmd() != null) {
      o.put("cmd", r.cmd().code());
    }
    o.put("ok", r.ok());
    if (r.reason() != null) {
      o.put("reason", r.reason());
    }
    return bytes(o);
  }

  /** An event as JSON bytes. */
  public static byte[] toJson(Event e) {
    ObjectNode o = JSON.createObjectNode();
    o.put("v", e.v());
    o.put("t_ms", e.tMs());
    o.put("type", e.type());
    if (e.reason() != null) {
      o.put("reason", e.reason());
    }
    if (e.detail() != null) {
      o.put("detail", e.detail());
    }
    return bytes(o);
  }

  /** A status value as bytes ({@code online} / {@code offline}). */
  public static byte[] status(boolean online) {
    return (online ? "online" : "offline").getBytes(StandardCharsets.UTF_8);
  }

  // ---- checks shared by the records --------------------------------------------------------------

  static void requireVersion(int v) {
    if (v != VERSION) {
      throw new PayloadException(
          Rejection.UNSUPPORTED_VERSION, "v must be " + VERSION + ", was " + v);
    }
  }

  static void requireTime(String field, long ms) {
    if (ms < 0) {
      throw new PayloadException(Rejection.BAD_VALUE, field + " must be >= 0, was " + ms);
    }
  }

  static void requireRange(String field, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new PayloadException(
          Rejection.BAD_VALUE, field + " must be " + min + ".." + max + ", was " + value);
    }
  }

  static void requireInteger(String field, long value, long min, long max) {
    if (value < min || value > max) {
      throw new PayloadException(
          Rejection.BAD_VALUE, field + " must be " + min + ".." + max + ", was " + value);
    }
  }

  static void requireWord(String field, String value) {
    if (value == null) {
      throw new PayloadException(Rejection.MISSING_FIELD, field + " is missing");
    }
    if (!WORD.matcher(value).matches()) {
      throw new PayloadException(
          Rejection.BAD_VALUE,
          field + " must be a lower-case word [a-z][a-z0-9_]{0,31}, was '" + abbreviate(value) + "'");
    }
  }

  /** An answer that served: it carries no refusal {@code reason} or {@code detail}. */
  static void requireNoRefusal(String reason, String detail) {
    if (reason != null || detail != null) {
      throw new PayloadException(Rejection.BAD_VALUE, "reason and detail are for ok=false only, was reason '"
          + abbreviate(reason) + "'");
    }
  }

  /** A refusal: a {@code reason} word and a {@code detail} of 1..1000 characters. */
  static void requireRefusal(String reason, String detail) {
    requireWord("reason", reason);
    if (detail == null || detail.isBlank() || detail.length() > 1000) {
      throw new PayloadException(detail == null ? Rejection.MISSING_FIELD : Rejection.BAD_VALUE,
          "detail must be 1..1000 characters, was " + (detail == null ? "missing" : detail.length() + " characters"));
    }
  }

  static void requireName(String field, String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw new PayloadException(
          Rejection.BAD_VALUE,
          field + " must be 1..64 characters of [A-Za-z0-9_-], was '" + abbreviate(value) + "'");
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  interface Build<T> {
    T build();
  }

  /** Range checks in records throw PayloadException already; anything else is a bad value. */
  static <T> T wrap(Build<T> b) {
    try {
      return b.build();
    } catch (PayloadException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new PayloadException(Rejection.BAD_VALUE, e.getMessage(), e);
    }
  }

  static ObjectNode object(byte[] payload, Set<String> known) {
    return object(payload, known, MAX_BYTES);
  }

  /** As {@link #object(byte[], Set)} for a payload type with its own documented size limit. */
  static ObjectNode object(byte[] payload, Set<String> known, int maxBytes) {
    if (payload == null || payload.length == 0) {
      throw new PayloadException(Rejection.NOT_JSON, "payload is empty");
    }
    if (payload.length > maxBytes) {
      throw new PayloadException(
          Rejection.TOO_LARGE,
          "payload must be at most " + maxBytes + " bytes, was " + payload.length);
    }
    JsonNode node;
    try {
      node = JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new PayloadException(
          Rejection.NOT_JSON, "payload is not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new PayloadException(Rejection.NOT_JSON, "payload is not JSON: " + e.getMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new PayloadException(
          Rejection.NOT_JSON,
          "payload must be a JSON object, was " + (node == null ? "nothing" : node.getNodeType()));
    }
    ObjectNode o = (ObjectNode) node;
    requireVersion(version(o)); // first: another version may have other fields
    requireKnown(o, known, "");
    return o;
  }

  static void requireKnown(ObjectNode o, Set<String> known, String prefix) {
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw new PayloadException(
            Rejection.UNKNOWN_FIELD, "unknown field '" + prefix + abbreviate(f) + "'");
      }
    }
  }

  static int version(ObjectNode o) {
    JsonNode v = o.get("v");
    if (v == null) {
      throw new PayloadException(Rejection.UNSUPPORTED_VERSION, "v is missing");
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new PayloadException(
          Rejection.UNSUPPORTED_VERSION, "v must be the integer " + VERSION + ", was " + v);
    }
    return v.intValue();
  }

  static long time(ObjectNode o) {
    JsonNode t = o.get("t_ms");
    if (t == null) {
      throw new PayloadException(Rejection.MISSING_FIELD, "t_ms is missing");
    }
    if (!t.isIntegralNumber() || !t.canConvertToLong()) {
      throw new PayloadException(
          Rejection.BAD_VALUE, "t_ms must be an integer of milliseconds, was " + abbreviate(t.toString()));
    }
    return t.longValue();
  }

  static double number(ObjectNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      throw new PayloadException(Rejection.MISSING_FIELD, field + " is missing");
    }
    if (!n.isNumber()) {
      throw new PayloadException(
          Rejection.BAD_VALUE, field + " must be a number, was " + abbreviate(n.toString()));
    }
    return n.doubleValue();
  }

  static String text(ObjectNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      throw new PayloadException(Rejection.MISSING_FIELD, field + " is missing");
    }
    if (!n.isTextual()) {
      throw new PayloadException(
          Rejection.BAD_VALUE, field + " must be a string, was " + abbreviate(n.toString()));
    }
    return n.textValue();
  }

  /** A required integer field (any JSON integer within 64 bits); a fraction or text is refused naming it. */
  static long integer(ObjectNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      throw new PayloadException(Rejection.MISSING_FIELD, field + " is missing");
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new PayloadException(Rejection.BAD_VALUE, field + " must be an integer, was " + abbreviate(n.toString()));
    }
    return n.longValue();
  }

  /** A required integer field within 32 bits. */
  static int intField(ObjectNode o, String field) {
    long v = integer(o, field);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new PayloadException(Rejection.BAD_VALUE, field + " must be an integer within 32 bits, was " + v);
    }
    return (int) v;
  }

  /** A required boolean field; anything but true or false is refused naming it. */
  static boolean flag(ObjectNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      throw new PayloadException(Rejection.MISSING_FIELD, field + " is missing");
    }
    if (!n.isBoolean()) {
      throw new PayloadException(Rejection.BAD_VALUE, field + " must be true or false, was " + abbreviate(n.toString()));
    }
    return n.booleanValue();
  }

  /** A required base64 (RFC 4648) text field, decoded. */
  static byte[] base64(ObjectNode o, String field) {
    String b64 = text(o, field);
    try {
      return java.util.Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw new PayloadException(Rejection.BAD_VALUE, field + " must be base64 (RFC 4648), was '" + abbreviate(b64) + "'");
    }
  }

  static byte[] bytes(ObjectNode o) {
    try {
      return JSON.writeValueAsBytes(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** Keeps error messages short when a payload carries a huge value. */
  static String abbreviate(String s) {
    if (s == null) {
      return "null";
    }
    return s.length() <= 80 ? s : s.substring(0, 80) + "...(" + s.length() + " chars)";
  }
}
