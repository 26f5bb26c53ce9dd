package org.swarmsense.gateway.wire;

/**
 * An edge node's telemetry on {@code swarmsense/{fleet}/edge/{id}/telemetry} (JSON {@code v, t_ms,
 * lat_deg, lon_deg, alt_m, state, queue_length, queue_capacity, load, served, rejected}): where it is
 * (drones offload to the nearest reachable node) and how busy. Immutable.
 *
 * @param v payload version, 1
 * @param tMs sample time, milliseconds since the Unix epoch (node clock)
 * @param latDeg WGS84 latitude in degrees, -90..90
 * @param lonDeg WGS84 longitude in degrees, -180..180
 * @param altM altitude in metres, -500..20000
 * @param state a short lower-case word ({@code serving})
 * @param queueLength open tasks, 0..queue_capacity
 * @param queueCapacity open tasks the node accepts, >= 1
 * @param load share of the last telemetry period spent decoding and detecting, 0..1
 * @param served tasks answered with detections since the node started, >= 0
 * @param rejected tasks answered with an error since the node started, >= 0
 */
public record EdgeTelemetry(int v, long tMs, double latDeg, double lonDeg, double altM, String state, int queueLength,
    int queueCapacity, double load, long served, long rejected) {

  /** Validates every field; errors name the JSON field and the value. */
  public EdgeTelemetry {
    Payloads.requireVersion(v);
    Payloads.requireTime("t_ms", tMs);
    Payloads.requireRange("lat_deg", latDeg, -90, 90);
    Payloads.requireRange("lon_deg", lonDeg, -180, 180);
    Payloads.requireRange("alt_m", altM, -500, 20_000);
    Payloads.requireWord("state", state);
    Payloads.requireInteger("queue_capacity", queueCapacity, 1, 1_000_000);
    Payloads.requireInteger("queue_length", queueLength, 0, queueCapacity);
    Payloads.requireRange("load", load, 0, 1);
    Payloads.requireInteger("served", served, 0, Long.MAX_VALUE);
    Payloads.requireInteger("rejected", rejected, 0, Long.MAX_VALUE);
  }

  /** Whether a drone may send this node a task: its queue is not full. */
  public boolean hasRoom() {
    return queueLength < queueCapacity;
  }
}
