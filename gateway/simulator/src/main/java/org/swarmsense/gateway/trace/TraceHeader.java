package org.swarmsense.gateway.trace;

import org.swarmsense.gateway.wire.Topic;

/**
 * The first line of a trace: {@code {"v":1,"kind":"swarmsense-trace","fleet":..,"source":..,
 * "map":..,"seed":..,"started_ms":..}}. Immutable.
 *
 * @param v format version, {@link TraceLines#VERSION}
 * @param fleet the fleet recorded (the second topic level of every message)
 * @param source where the messages came from (e.g. {@code mqtt}, {@code simulate}, {@code
 *     sumo-fcd:monaco.xml.gz}); free text, may be empty
 * @param map the map the run used (file or name), free text, may be empty
 * @param seed the seed of the run that produced the messages, or null when unknown
 * @param startedMs when recording started, milliseconds since the Unix epoch
 */
public record TraceHeader(int v, String fleet, String source, String map, Long seed, long startedMs) {

  /** Validates the fields; errors name the JSON field and the value. */
  public TraceHeader {
    if (v != TraceLines.VERSION) {
      throw new IllegalArgumentException(
          "v must be " + TraceLines.VERSION + " (the trace format this build reads), was " + v);
    }
    Topic.requireName("fleet", fleet);
    source = source == null ? "" : source;
    map = map == null ? "" : map;
    if (source.length() > 1000 || map.length() > 1000) {
      throw new IllegalArgumentException("source and map must be at most 1000 characters");
    }
    if (startedMs < 0) {
      throw new IllegalArgumentException("started_ms must be >= 0, was " + startedMs);
    }
  }

  /** A version-1 header. */
  public static TraceHeader of(String fleet, String source, String map, Long seed, long startedMs) {
    return new TraceHeader(TraceLines.VERSION, fleet, source, map, seed, startedMs);
  }
}
