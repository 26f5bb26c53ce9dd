package org.swarmsense.edge.serving;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.swarmsense.edge.runtime.Tensor;

/**
 * Baseline: a Triton-style dynamic batcher. Requests wait in one FIFO queue per priority level
 * (higher levels first); as soon as the queue holds the largest preferred batch size it is sent,
 * otherwise the batcher waits until the oldest request has waited {@code maxQueueDelay} and then
 * sends the largest preferred size it can (or everything, up to the maximum batch size, if fewer
 * wait than the smallest preferred size). A batch runs every stage to completion. Queued requests
 * past their timeout (their deadline) are rejected when the policy says REJECT. Not thread-safe.
 */
public final class DynamicBatcher implements Scheduler {

  private final StagedModel model;
  private final StageExecutor executor;
  private final Clock clock;
  private final DynamicBatcherConfig config;

  /** A batcher over {@code model} with {@code config}. */
  public DynamicBatcher(StagedModel model, StageExecutor executor, Clock clock, DynamicBatcherConfig config) {
    this.model = model;
    this.executor = executor;
    this.clock = clock;
    this.config = config;
  }

  @Override
  public String name() {
    return "triton " + config.describe();
  }

  @Override
  public List<Response> serve(List<Request> trace) {
    List<Response> out = new ArrayList<>(trace.size());
    List<ArrayDeque<Request>> queues = new ArrayList<>();
    for (int i = 0; i < config.priorityLevels(); i++) {
      queues.add(new ArrayDeque<>());
    }
    int next = 0;
    int[] preferred = config.preferredBatchSizes();
    int largestPreferred = preferred[preferred.length - 1];
    while (next < trace.size() || queued(queues) > 0) {
      long now = clock.nanos();
      while (next < trace.size() && trace.get(next).arrivalNanos() <= now) {
        Request r = trace.get(next++);
        if (config.maxQueueSize() > 0 && queued(queues) >= config.maxQueueSize()) {
          out.add(Response.rejected(r.id(), model.name(), now));
        } else {
          queues.get(Math.min(r.priority(), config.priorityLevels() - 1)).add(r);
        }
      }
      if (config.rejectOnTimeout()) {
        for (ArrayDeque<Request> q : queues) {
          for (Iterator<Request> it = q.iterator(); it.hasNext(); ) {
            Request r = it.next();
            if (r.deadlineNanos() <= now) {
              it.remove();
              out.add(Response.rejected(r.id(), model.name(), now));
            }
          }
        }
      }
      int n = queued(queues);
      if (n == 0) {
        if (next < trace.size()) {
          clock.sleepUntil(trace.get(next).arrivalNanos());
        }
        continue;
      }
      long oldest = Long.MAX_VALUE;
      for (ArrayDeque<Request> q : queues) {
        if (!q.isEmpty()) {
          oldest = Math.min(oldest, q.peekFirst().arrivalNanos());
        }
      }
      int size;
      if (n >= largestPreferred) {
        size = largestPreferred;
      } else if (now - oldest >= config.maxQueueDelayNanos()) {
        size = Math.min(n, config.maxBatchSize());
        for (int i = preferred.length - 1; i >= 0; i--) {
          if (preferred[i] <= n) {
            size = preferred[i];
            break;
          }
        }
      } else {
        long wake = oldest + config.maxQueueDelayNanos();
        if (next < trace.size()) {
          wake = Math.min(wake, trace.get(next).arrivalNanos());
        }
        clock.sleepUntil(wake);
        continue;
      }
      List<Sample> batch = new ArrayList<>(size);
      for (int level = queues.size() - 1; level >= 0 && batch.size() < size; level--) {
        ArrayDeque<Request> q = queues.get(level);
        while (!q.isEmpty() && batch.size() < size) {
          batch.add(new Sample(q.pollFirst(), model));
        }
      }
      for (int s = 0; s < model.depth(); s++) {
        List<Map<String, Tensor>> in = new ArrayList<>(batch.size());
        batch.forEach(x -> in.add(x.tensors));
        List<Map<String, Tensor>> outputs = executor.run(model.stages().get(s), in);
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).advance(outputs.get(i));
        }
      }
      long done = clock.nanos();
      batch.forEach(x -> out.add(x.finalAnswer(done)));
    }
    return out;
  }

  private static int queued(List<ArrayDeque<Request>> queues) {
    int n = 0;
    for (ArrayDeque<Request> q : queues) {
      n += q.size();
    }
    return n;
  }
}
