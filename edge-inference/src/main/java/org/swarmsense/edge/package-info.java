/**
 * The edge accelerator service: model registry, ONNX Runtime backend, exit-aware preemptive
 * scheduling with fluid batching, model selection under deadlines, stereo occupancy detection and
 * adversarial-patch-robust detection (see shared/specs/edge-inference.md). Plain Java.
 */
package org.swarmsense.edge;
