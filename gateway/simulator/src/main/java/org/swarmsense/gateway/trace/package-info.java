/**
 * Trace record and replay: {@link org.swarmsense.gateway.trace.TraceRecorder} writes every MQTT
 * message of a fleet to a JSON-lines file (gzip when the name ends in {@code .gz}) with receive
 * timestamps, {@link org.swarmsense.gateway.trace.Replayer} publishes a trace back at any speed factor
 * with the same QoS, retained flags and MQTT 5 properties, and {@link
 * org.swarmsense.gateway.trace.VehicleStreams} turns SUMO FCD, pNEUMA CSV and GPX traces into device
 * telemetry streams that replay the same way. The format is described in {@link
 * org.swarmsense.gateway.trace.TraceLines}.
 */
package org.swarmsense.gateway.trace;
