package org.swarmsense.edge.serving;

import java.util.ArrayList;
import java.util.List;

/**
 * Baseline: requests in arrival order, one at a time (batch 1), every stage run to completion,
 * nothing rejected. Not thread-safe.
 */
public final class FifoScheduler implements Scheduler {

  private final StagedModel model;
  private final StageExecutor executor;
  private final Clock clock;

  /** FIFO on {@code model}. */
  public FifoScheduler(StagedModel model, StageExecutor executor, Clock clock) {
    this.model = model;
    this.executor = executor;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "fifo-b1";
  }

  @Override
  public List<Response> serve(List<Request> trace) {
    List<Response> out = new ArrayList<>(trace.size());
    for (Request r : trace) {
      clock.sleepUntil(r.arrivalNanos());
      Sample s = new Sample(r, model);
      while (!s.done()) {
        s.advance(executor.run(s.stage(), List.of(s.tensors)).get(0));
      }
      out.add(s.finalAnswer(clock.nanos()));
    }
    return out;
  }
}
