package org.swarmsense.gateway.trace;

/**
 * Messages to replay, in order: a trace file ({@link TraceReader}) or a vehicle trace turned into
 * device streams ({@link VehicleStreams}). Not thread-safe: one replay reads a source.
 */
public interface TraceSource extends AutoCloseable {

  /** What the messages are (fleet, source, map, seed). */
  TraceHeader header();

  /**
   * The next message, or null at the end.
   *
   * @throws TraceFormatException when the source cannot be read on; the messages returned before
   *     were valid
   */
  TraceMessage next();

  /** Where reading stands, for people (e.g. {@code line 1200, 35 % of the file}). */
  String position();

  @Override
  void close();
}
