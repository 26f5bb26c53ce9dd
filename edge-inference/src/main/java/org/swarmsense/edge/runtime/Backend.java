package org.swarmsense.edge.runtime;

import java.nio.file.Path;

/** Opens {@link InferenceSession}s from ONNX models. Implementations say whether they are thread-safe. */
public interface Backend {

  /** A session over the ONNX file at {@code model}. */
  InferenceSession open(Path model);

  /** A session over an ONNX model held in memory (e.g. read from a resource); {@code name} is for messages. */
  InferenceSession open(String name, byte[] model);
}
