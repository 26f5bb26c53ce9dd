package org.swarmsense.edge.serving;

import java.util.HashMap;
import java.util.Map;
import org.swarmsense.edge.runtime.Tensor;

/**
 * A request in flight: the model variant serving it, the next stage to run, the tensors it holds
 * (its parked state between stages) and the deepest exit it has passed. Mutable; owned by one
 * scheduler thread.
 */
final class Sample {
  final Request request;
  final StagedModel model;
  final Map<String, Tensor> tensors = new HashMap<>();
  int nextStage;
  int exitStage;
  float[] exitProbs;

  Sample(Request request, StagedModel model) {
    this.request = request;
    this.model = model;
    tensors.put(model.inputName(), request.input());
  }

  Stage stage() {
    return model.stages().get(nextStage);
  }

  boolean done() {
    return nextStage >= model.depth();
  }

  /** Takes a stage's outputs: keeps the tensors, remembers the exit, advances. */
  void advance(Map<String, Tensor> outputs) {
    Stage s = stage();
    tensors.putAll(outputs);
    s.exitOutput().ifPresent(name -> {
      exitStage = nextStage + 1;
      exitProbs = outputs.get(name).data();
      tensors.remove(name);
    });
    nextStage++;
  }

  double confidence() {
    if (exitProbs == null) {
      return Double.NaN;
    }
    float max = Float.NEGATIVE_INFINITY;
    for (float p : exitProbs) {
      max = Math.max(max, p);
    }
    return max;
  }

  int predictedClass() {
    if (exitProbs == null) {
      return -1;
    }
    int best = 0;
    for (int i = 1; i < exitProbs.length; i++) {
      if (exitProbs[i] > exitProbs[best]) {
        best = i;
      }
    }
    return best;
  }

  /** The answer from the deepest exit passed so far (the caller checks there is one). */
  Response answer(long nowNanos) {
    return new Response(request.id(), true, model.name(), exitStage, exitStage == model.depth(), predictedClass(),
        confidence(), nowNanos);
  }

  /** The answer after the last stage, whether or not it has an exit head. */
  Response finalAnswer(long nowNanos) {
    if (exitStage == model.depth()) {
      return answer(nowNanos);
    }
    return new Response(request.id(), true, model.name(), model.depth(), true, -1, Double.NaN, nowNanos);
  }
}
