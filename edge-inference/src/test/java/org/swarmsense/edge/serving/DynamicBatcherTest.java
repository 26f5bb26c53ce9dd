package org.swarmsense.edge.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Triton-style baseline and FIFO on a fake clock with scripted stage times. */
class DynamicBatcherTest {

  private static final long MS = 1_000_000L;

  private static Request request(long id, long arrivalMs, long deadlineMs, int priority) {
    return new Request(id, (int) id, arrivalMs * MS, deadlineMs * MS, priority, -1, ScriptedStages.input(id));
  }

  private static Map<Long, Response> byId(List<Response> out) {
    Map<Long, Response> m = new HashMap<>();
    out.forEach(r -> m.put(r.requestId(), r));
    return m;
  }

  @Test
  void formsThePreferredSizeAtOnceAndWaitsTheQueueDelayOtherwise() {
    // preferred {2, 4}, delay 5 ms; stage 1 ms (+0 per sample). Requests 0-3 at 0 ms -> one batch
    // of 4 at once (0..3 ms). Request 4 at 10 ms waits for the delay, then runs alone (15..18 ms).
    ScriptedStages script = new ScriptedStages(MS, 0, 1.01, id -> 90);
    DynamicBatcher b = new DynamicBatcher(script.model, script, script.clock,
        new DynamicBatcherConfig(new int[] {2, 4}, 4, 5 * MS, 1, true, 0));
    Map<Long, Response> r = byId(b.serve(List.of(request(0, 0, 100, 0), request(1, 0, 100, 0), request(2, 0, 100, 0),
        request(3, 0, 100, 0), request(4, 10, 100, 0))));
    assertEquals(List.of(0L, 1L, 2L, 3L), script.batches.get(0));
    assertEquals(3 * MS, r.get(3L).finishNanos());
    assertEquals(18 * MS, r.get(4L).finishNanos());
    assertEquals(ScriptedStages.exitClass(4, 3), r.get(4L).predictedClass());
    assertEquals(List.of(), script.violations);
  }

  @Test
  void higherPriorityFirstAndTimedOutRequestsRejected() {
    // max batch 1, no delay, stage 10 ms: request 0 runs 0..30 ms. Meanwhile 1 (priority 0,
    // deadline 20 ms) and 2 (priority 1) queue: 1 times out at 20 ms and is rejected at 30 ms,
    // the first moment the batcher looks; 2 runs 30..60 ms.
    ScriptedStages script = new ScriptedStages(10 * MS, 0, 1.01, id -> 90);
    DynamicBatcher b = new DynamicBatcher(script.model, script, script.clock,
        new DynamicBatcherConfig(new int[] {1}, 1, 0, 2, true, 0));
    Map<Long, Response> r = byId(b.serve(List.of(request(0, 0, 100, 0), request(1, 1, 20, 0), request(2, 2, 100, 1))));
    assertEquals(30 * MS, r.get(0L).finishNanos());
    assertFalse(r.get(1L).answered());
    assertEquals(30 * MS, r.get(1L).finishNanos());
    assertEquals(60 * MS, r.get(2L).finishNanos());

    // with priorities and no timeout (DELAY): 2 overtakes 1, which runs last, late
    ScriptedStages delay = new ScriptedStages(10 * MS, 0, 1.01, id -> 90);
    Map<Long, Response> d = byId(new DynamicBatcher(delay.model, delay, delay.clock,
        new DynamicBatcherConfig(new int[] {1}, 1, 0, 2, false, 0))
        .serve(List.of(request(0, 0, 100, 0), request(1, 1, 20, 0), request(2, 2, 100, 1))));
    assertEquals(60 * MS, d.get(2L).finishNanos());
    assertEquals(90 * MS, d.get(1L).finishNanos());
    assertTrue(d.get(1L).answered());
  }

  @Test
  void fifoRunsEachRequestToCompletionInArrivalOrder() {
    ScriptedStages script = new ScriptedStages(10 * MS, 0, 1.01, id -> 99);
    Map<Long, Response> r = byId(new FifoScheduler(script.model, script, script.clock)
        .serve(List.of(request(0, 0, 5, 0), request(1, 1, 500, 0))));
    assertEquals(30 * MS, r.get(0L).finishNanos());
    assertEquals(60 * MS, r.get(1L).finishNanos());
    assertEquals(3, r.get(0L).exitStage());
    assertEquals(List.of(List.of(0L), List.of(0L), List.of(0L), List.of(1L), List.of(1L), List.of(1L)), script.batches);
  }
}
