package org.swarmsense.edge.serving;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.swarmsense.edge.runtime.Tensor;

/**
 * Ours: exit-aware preemptive scheduling with fluid batching at stage boundaries.
 *
 * <p>Every sample waits at a stage boundary holding its tensors. At each boundary (after every
 * batch) the scheduler: admits arrivals (choosing their variant); answers or rejects, by {@link
 * LatePolicy}, every sample whose remaining batch-1 time no longer fits before its deadline; picks
 * the waiting sample with the least slack (deadline - now - remaining time, less the priority
 * credit); and runs its stage on a batch of samples waiting at that same stage, new and resumed
 * alike, adding them in slack order while every member still meets its deadline by the {@link
 * LatencyTable}. After the batch, a sample leaves at an exit whose confidence reaches the stage's
 * threshold or at the last stage; the others are parked again, so a tighter request arriving
 * meanwhile runs first (preemption at stage boundaries). Not thread-safe.
 */
public final class ExitAwareScheduler implements Scheduler {

  private final VariantChooser chooser;
  private final Map<String, LatencyTable> tables;
  private final StageExecutor executor;
  private final Clock clock;
  private final ExitAwareConfig config;
  private final String name;

  /**
   * A scheduler whose variants come from {@code chooser}; {@code tables} holds the latency table of
   * every variant it may choose, by model name.
   */
  public ExitAwareScheduler(String name, VariantChooser chooser, Map<String, LatencyTable> tables,
      StageExecutor executor, Clock clock, ExitAwareConfig config) {
    this.name = name;
    this.chooser = chooser;
    this.tables = Map.copyOf(tables);
    this.executor = executor;
    this.clock = clock;
    this.config = config;
  }

  /** A scheduler serving every request with {@code model}. */
  public static ExitAwareScheduler of(StagedModel model, LatencyTable table, StageExecutor executor, Clock clock,
      ExitAwareConfig config) {
    return new ExitAwareScheduler("exit-aware", VariantChooser.fixed(model), Map.of(model.name(), table), executor,
        clock, config);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<Response> serve(List<Request> trace) {
    List<Response> out = new ArrayList<>(trace.size());
    List<Sample> waiting = new ArrayList<>();
    int next = 0;
    while (next < trace.size() || !waiting.isEmpty()) {
      long now = clock.nanos();
      while (next < trace.size() && trace.get(next).arrivalNanos() <= now) {
        Request r = trace.get(next++);
        waiting.add(new Sample(r, chooser.choose(r, now, backlogNanos(waiting))));
      }
      triage(waiting, List.of(), now, now, out);
      if (waiting.isEmpty()) {
        if (next < trace.size()) {
          clock.sleepUntil(trace.get(next).arrivalNanos());
        }
        continue;
      }
      List<Sample> batch = formBatch(waiting, now);
      Stage stage = batch.get(0).stage();
      long end = now + table(batch.get(0)).nanos(batch.get(0).nextStage, batch.size());
      triage(waiting, batch, end, now, out);
      List<Map<String, Tensor>> in = new ArrayList<>(batch.size());
      batch.forEach(s -> in.add(s.tensors));
      List<Map<String, Tensor>> results = executor.run(stage, in);
      long done = clock.nanos();
      for (int i = 0; i < batch.size(); i++) {
        Sample s = batch.get(i);
        s.advance(results.get(i));
        if (s.done()) {
          waiting.remove(s);
          out.add(s.finalAnswer(done));
        } else if (config.confidentExits() && stage.exitOutput().isPresent()
            && s.confidence() >= stage.exitThreshold()) {
          waiting.remove(s);
          out.add(s.answer(done));
        }
      }
    }
    return out;
  }

  /**
   * Answers from an exit or rejects, at {@code now}, every sample outside {@code batch} that could
   * not finish by its deadline even if it ran from {@code from} on (the end of the batch about to
   * run), so that an early answer still comes before the deadline.
   */
  private void triage(List<Sample> waiting, List<Sample> batch, long from, long now, List<Response> out) {
    for (Iterator<Sample> it = waiting.iterator(); it.hasNext(); ) {
      Sample s = it.next();
      if (!batch.contains(s) && from + table(s).remainingNanos(s.nextStage) > s.request.deadlineNanos()) {
        it.remove();
        if (config.latePolicy() == LatePolicy.ANSWER_FROM_EXIT_OR_REJECT && s.exitStage > 0 && goodEnough(s)) {
          out.add(s.answer(now));
        } else {
          out.add(Response.rejected(s.request.id(), s.model.name(), now));
        }
      }
    }
  }

  /** Whether the sample's deepest exit is accurate enough for a late answer. */
  private boolean goodEnough(Sample s) {
    double exit = s.model.stages().get(s.exitStage - 1).exitAccuracy();
    double last = s.model.stages().get(s.model.depth() - 1).exitAccuracy();
    return Double.isNaN(exit) || Double.isNaN(last) || exit >= last - config.lateExitMaxAccuracyLoss();
  }

  /** The least-slack sample and the samples of the same stage that fit with it, in slack order. */
  private List<Sample> formBatch(List<Sample> waiting, long now) {
    Comparator<Sample> order = Comparator.comparingLong(s -> key(s, now));
    Sample first = waiting.stream().min(order.thenComparingLong(s -> s.request.id())).orElseThrow();
    List<Sample> candidates = new ArrayList<>();
    for (Sample s : waiting) {
      if (s != first && s.model == first.model && s.nextStage == first.nextStage) {
        candidates.add(s);
      }
    }
    candidates.sort(order.thenComparingLong(s -> s.request.id()));
    List<Sample> batch = new ArrayList<>();
    batch.add(first);
    LatencyTable table = table(first);
    int stage = first.nextStage;
    for (Sample c : candidates) {
      if (batch.size() >= config.maxBatchSize()) {
        break;
      }
      long finishStage = now + table.nanos(stage, batch.size() + 1);
      long after = table.remainingNanos(stage + 1);
      boolean fits = finishStage + after <= c.request.deadlineNanos();
      for (Sample b : batch) {
        fits &= finishStage + after <= b.request.deadlineNanos();
      }
      if (fits) {
        batch.add(c);
      }
    }
    return batch;
  }

  private long key(Sample s, long now) {
    long slack = s.request.deadlineNanos() - now - table(s).remainingNanos(s.nextStage);
    return slack - s.request.priority() * config.priorityBoostNanos();
  }

  private long backlogNanos(List<Sample> waiting) {
    long sum = 0;
    for (Sample s : waiting) {
      sum += table(s).remainingNanos(s.nextStage);
    }
    return sum;
  }

  private LatencyTable table(Sample s) {
    LatencyTable t = tables.get(s.model.name());
    if (t == null) {
      throw new IllegalStateException("no latency table for model " + s.model.name() + ", have: " + tables.keySet());
    }
    return t;
  }
}
