package org.swarmsense.edge.runtime;

import java.util.List;
import java.util.Map;

/**
 * One loaded model: named float tensors in, named float tensors out, batch axis first. Not
 * thread-safe unless the implementation says so; close it when done.
 */
public interface InferenceSession extends AutoCloseable {

  /** Names of the inputs, in the model's order. */
  List<String> inputNames();

  /** Names of the outputs, in the model's order. */
  List<String> outputNames();

  /**
   * Runs the model on {@code inputs} (every input name must be present, all with the same batch
   * size) and returns every output by name.
   */
  Map<String, Tensor> run(Map<String, Tensor> inputs);

  @Override
  void close();
}
