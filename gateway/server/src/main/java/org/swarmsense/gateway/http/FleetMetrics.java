package org.swarmsense.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Counters of one fleet for {@code GET /api/fleets/{fleet}/metrics}: messages accepted and rejected
 * by reason, devices, telemetry. Implementations read live counters; thread-safe.
 */
@FunctionalInterface
public interface FleetMetrics {
  JsonNode metrics(String fleet);
}
