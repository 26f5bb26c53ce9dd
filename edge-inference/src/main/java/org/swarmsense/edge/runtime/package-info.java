/**
 * The small backend interface of edge-inference over ONNX Runtime: {@link
 * org.swarmsense.edge.runtime.Backend} opens an {@link org.swarmsense.edge.runtime.InferenceSession}
 * from an ONNX file with given {@link org.swarmsense.edge.runtime.ThreadSettings}; sessions take and
 * return named float {@link org.swarmsense.edge.runtime.Tensor}s whose first axis is the batch axis.
 * Only {@link org.swarmsense.edge.runtime.OnnxRuntimeBackend} touches the ONNX Runtime API.
 */
package org.swarmsense.edge.runtime;
