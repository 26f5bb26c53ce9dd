/**
 * The edge side of frame offloading, plain Java: a drone sends a frame as semantic-comm packets with a
 * deadline; {@link org.swarmsense.edge.offload.OffloadServer} collects the packets of each task in a
 * bounded table, decodes what arrived by the deadline, runs a {@link
 * org.swarmsense.edge.offload.FrameDetector} and answers a {@link
 * org.swarmsense.edge.offload.TaskOutcome}: detections with the arrived energy share, or a refusal
 * with a {@link org.swarmsense.edge.offload.TaskFailure} reason. The agents' {@code EdgeNode} actor is
 * a thin shell over it.
 */
package org.swarmsense.edge.offload;
