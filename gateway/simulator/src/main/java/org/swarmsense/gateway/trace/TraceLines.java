package org.swarmsense.gateway.trace;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;

/**
 * The trace format, one JSON object per line (UTF-8, {@code \n}-separated; gzip when the file name
 * ends in {@code .gz}):
 *
 * <pre>
 * {"v":1,"kind":"swarmsense-trace","fleet":"demo","source":"mqtt","map":"","seed":7,"started_ms":1763900000000}
 * {"t_ms":1763900000012,"topic":"swarmsense/demo/drone/d-1/status","qos":1,"retained":true,"payload_b64":"b25saW5l"}
 * {"t_ms":1763900000105,"topic":"swarmsense/demo/drone/d-1/telemetry","qos":0,"retained":false,"payload":{"v":1,...}}
 * {"t_ms":1763900000200,"topic":"swarmsense/demo/drone/d-1/cmd","qos":1,"retained":false,"payload":{...},
 *  "response_topic":"swarmsense/demo/gateway/g1/reply","correlation_b64":"AAEC"}
 * </pre>
 *
 * <p>The header comes first ({@code seed} may be null). A message carries {@code payload} as JSON when
 * the bytes are JSON that this codec writes back byte for byte, otherwise {@code payload_b64}
 * (base64), so a replay publishes exactly the bytes recorded. {@code response_topic} and {@code
 * correlation_b64} are present only when the message had them. Unknown fields are refused. Stateless
 * and thread-safe.
 */
public final class TraceLines {
  /** The format version this build reads and writes. */
  public static final int VERSION = 1;
  /** The {@code kind} of a header line. */
  public static final String KIND = "swarmsense-trace";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Set<String> HEADER_FIELDS =
      Set.of("v", "kind", "fleet", "source", "map", "seed", "started_ms");
  private static final Set<String> MESSAGE_FIELDS =
      Set.of("t_ms", "topic", "qos", "retained", "payload", "payload_b64", "response_topic",
          "correlation_b64");

  private TraceLines() {}

  /** The header as one line of JSON (without the newline). */
  public static String headerLine(TraceHeader h) {
    ObjectNode o = JSON.createObjectNode();
    o.put("v", h.v());
    o.put("kind", KIND);
    o.put("fleet", h.fleet());
    o.put("source", h.source());
    o.put("map", h.map());
    if (h.seed() == null) {
      o.putNull("seed");
    } else {
      o.put("seed", h.seed());
    }
    o.put("started_ms", h.startedMs());
    return write(o);
  }

  /** A message as one line of JSON (without the newline). */
  public static String messageLine(TraceMessage m) {
    ObjectNode o = JSON.createObjectNode();
    o.put("t_ms", m.tMs());
    o.put("topic", m.topic());
    o.put("qos", m.qos());
    o.put("retained", m.retained());
    byte[] p = m.payload();
    JsonNode asJson = jsonExactly(p);
    if (asJson != null) {
      o.set("payload", asJson);
    } else {
      o.put("payload_b64", Base64.getEncoder().encodeToString(p));
    }
    if (m.responseTopic() != null) {
      o.put("response_topic", m.responseTopic());
    }
    if (m.correlationData() != null) {
      o.put("correlation_b64", Base64.getEncoder().encodeToString(m.correlationData()));
    }
    return write(o);
  }

  /**
   * Parses a header line. Errors say what is wrong: not JSON, not a header (a message line first),
   * another kind, another version, a bad field.
   */
  public static TraceHeader parseHeader(String line) {
    ObjectNode o = object(line);
    if (!o.has("kind") && o.has("topic")) {
      throw new IllegalArgumentException("header missing: the first line must be {\"v\":" + VERSION
          + ",\"kind\":\"" + KIND + "\",...}, found a message line");
    }
    JsonNode kind = o.get("kind");
    if (kind == null || !kind.isTextual() || !KIND.equals(kind.textValue())) {
      throw new IllegalArgumentException("header missing: kind must be \"" + KIND + "\", was "
          + (kind == null ? "absent" : abbreviate(kind.toString())));
    }
    JsonNode v = o.get("v");
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new IllegalArgumentException("v must be the integer " + VERSION + ", was "
          + (v == null ? "absent" : abbreviate(v.toString())));
    }
    if (v.intValue() != VERSION) {
      throw new IllegalArgumentException("unsupported trace version v=" + v.intValue()
          + "; this build reads v=" + VERSION);
    }
    requireKnown(o, HEADER_FIELDS);
    JsonNode seed = o.get("seed");
    Long s = null;
    if (seed != null && !seed.isNull()) {
      if (!seed.isIntegralNumber() || !seed.canConvertToLong()) {
        throw new IllegalArgumentException("seed must be an integer or null, was " + abbreviate(seed.toString()));
      }
      s = seed.longValue();
    }
    return new TraceHeader(v.intValue(), text(o, "fleet", true), text(o, "source", false),
        text(o, "map", false), s, integer(o, "started_ms"));
  }

  /** Parses a message line; errors name the field and the value. */
  public static TraceMessage parseMessage(String line) {
    ObjectNode o = object(line);
    requireKnown(o, MESSAGE_FIELDS);
    long t = integer(o, "t_ms");
    String topic = text(o, "topic", true);
    JsonNode q = o.get("qos");
    if (q == null || !q.isIntegralNumber()) {
      throw new IllegalArgumentException("qos must be 0 or 1, was " + (q == null ? "absent" : abbreviate(q.toString())));
    }
    JsonNode r = o.get("retained");
    if (r != null && !r.isBoolean()) {
      throw new IllegalArgumentException("retained must be true or false, was " + abbreviate(r.toString()));
    }
    boolean hasJson = o.has("payload");
    boolean hasB64 = o.has("payload_b64");
    if (hasJson == hasB64) {
      throw new IllegalArgumentException("exactly one of payload and payload_b64 must be present, "
          + (hasJson ? "both were" : "neither was"));
    }
    byte[] payload = hasJson ? bytes(o.get("payload")) : base64(o, "payload_b64");
    String responseTopic = o.has("response_topic") ? text(o, "response_topic", true) : null;
    byte[] correlation = o.has("correlation_b64") ? base64(o, "correlation_b64") : null;
    return new TraceMessage(t, topic, q.intValue(), r != null && r.booleanValue(), payload,
        responseTopic, correlation);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** The payload as a JSON tree when writing that tree gives back the same bytes, else null. */
  private static JsonNode jsonExactly(byte[] p) {
    if (p.length == 0 || (p[0] != '{' && p[0] != '[')) {
      return null; // only objects and arrays: "online" or 42 stay bytes
    }
    try {
      JsonNode n = JSON.readTree(p);
      return n != null && Arrays.equals(JSON.writeValueAsBytes(n), p) ? n : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static ObjectNode object(String line) {
    JsonNode n;
    try {
      n = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("must be a JSON object, was "
          + (n == null || n.isMissingNode() ? "an empty line" : n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
    }
    return (ObjectNode) n;
  }

  private static void requireKnown(ObjectNode o, Set<String> known) {
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw new IllegalArgumentException("unknown field '" + abbreviate(f) + "'");
      }
    }
  }

  private static long integer(ObjectNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new IllegalArgumentException(field + " must be an integer, was "
          + (n == null ? "absent" : abbreviate(n.toString())));
    }
    return n.longValue();
  }

  private static String text(ObjectNode o, String field, boolean required) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw new IllegalArgumentException(field + " is missing");
      }
      return "";
    }
    if (!n.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string, was " + abbreviate(n.toString()));
    }
    return n.textValue();
  }

  private static byte[] base64(ObjectNode o, String field) {
    String s = text(o, field, true);
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " must be base64, was '" + abbreviate(s) + "'", e);
    }
  }

  private static byte[] bytes(JsonNode n) {
    try {
      return JSON.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static String write(ObjectNode o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...(" + s.length() + " chars)";
  }
}
