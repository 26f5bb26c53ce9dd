/**
 * The drone side of offloading frames to edge nodes over MQTT: a hovering drone's camera ({@link
 * org.swarmsense.gateway.offload.FrameSource}) captures at its sampling rate, the semantic codec
 * encodes, the radio link ({@code semantic-comm} channel model) decides which packets arrive by the
 * deadline, and {@link org.swarmsense.gateway.offload.OffloadingDrone} sends them to the nearest
 * reachable edge node ({@link org.swarmsense.gateway.offload.EdgeDirectory}) and matches the results.
 */
package org.swarmsense.gateway.offload;
