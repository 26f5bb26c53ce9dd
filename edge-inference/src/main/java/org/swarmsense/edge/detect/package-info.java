/**
 * Object detection run by ONNX Runtime: the COCO CenterNet detector
 * ({@link org.swarmsense.edge.detect.CocoDetector}; its file is a test and benchmark asset in
 * ../shared/data/models, never packaged: callers pass its path), swarmsense's own vehicle detector
 * for nadir drone frames ({@link org.swarmsense.edge.detect.VehicleDetector}; shipped as classpath
 * resources with its model card), and the detection F1 and match counts used to score both
 * ({@link org.swarmsense.edge.detect.DetectionF1}).
 */
package org.swarmsense.edge.detect;
