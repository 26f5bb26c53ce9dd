package org.swarmsense.edge.serving;

import java.util.List;
import java.util.Map;
import org.swarmsense.edge.runtime.Tensor;

/**
 * Runs one stage on a batch of samples, each given by its tensors (batch 1, by name); returns each
 * sample's new output tensors in the same order. The ONNX Runtime implementation is {@link
 * OnnxStageExecutor}; tests script stage times on a fake clock.
 */
public interface StageExecutor {

  /** Runs {@code stage} on {@code samples} as one batch. */
  List<Map<String, Tensor>> run(Stage stage, List<Map<String, Tensor>> samples);
}
