/**
 * Object detection with the COCO CenterNet detector run by ONNX Runtime
 * ({@link org.swarmsense.edge.detect.CocoDetector}), and the detection F1 used as a task score
 * ({@link org.swarmsense.edge.detect.DetectionF1}). The detector file is a test and benchmark asset
 * (../shared/data/models), never packaged: callers pass its path.
 */
package org.swarmsense.edge.detect;
