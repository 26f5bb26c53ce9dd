package org.swarmsense.edge.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Invariants of the exit-aware scheduler on a fake clock with scripted stage times (three stages;
 * times worked out by hand in the comments).
 */
class ExitAwareSchedulerTest {

  private static final long MS = 1_000_000L;

  private static Request request(long id, long arrivalMs, long deadlineMs, int priority) {
    return new Request(id, (int) id, arrivalMs * MS, deadlineMs * MS, priority, -1, ScriptedStages.input(id));
  }

  private static Map<Long, Response> serve(ScriptedStages script, ExitAwareConfig config, List<Request> trace) {
    List<Response> out = ExitAwareScheduler.of(script.model, script.table(), script, script.clock, config).serve(trace);
    Map<Long, Response> byId = new HashMap<>();
    for (Response r : out) {
      assertEquals(null, byId.put(r.requestId(), r), "one response per request");
    }
    assertEquals(trace.size(), byId.size(), "every request answered or rejected");
    assertEquals(List.of(), script.violations, "every stage got the sample's own tensor");
    return byId;
  }

  private static ExitAwareConfig config(int maxBatch, LatePolicy policy) {
    return new ExitAwareConfig(maxBatch, policy, 0, false, Double.POSITIVE_INFINITY);
  }

  @Test
  void runsTheLeastSlackFirst() {
    // stages of 1 ms, batch 1: all arrive at 0; deadlines 100, 50 and 200 ms -> order 1, 0, 2,
    // each running its three stages back to back: 1 done at 3 ms, 0 at 6 ms, 2 at 9 ms.
    ScriptedStages script = new ScriptedStages(MS, 0, 1.01, id -> 90);
    Map<Long, Response> r = serve(script, config(1, LatePolicy.REJECT),
        List.of(request(0, 0, 100, 0), request(1, 0, 50, 0), request(2, 0, 200, 0)));
    assertEquals(3 * MS, r.get(1L).finishNanos());
    assertEquals(6 * MS, r.get(0L).finishNanos());
    assertEquals(9 * MS, r.get(2L).finishNanos());
    assertEquals(ScriptedStages.exitClass(1, 3), r.get(1L).predictedClass());
    assertTrue(r.get(1L).fullDepth());
  }

  @Test
  void priorityBreaksATieOfSlack() {
    // same deadline, request 1 has priority 1 -> runs first although it has the larger id
    ScriptedStages script = new ScriptedStages(MS, 0, 1.01, id -> 90);
    Map<Long, Response> r = serve(script, new ExitAwareConfig(1, LatePolicy.REJECT, 5 * MS, false, Double.POSITIVE_INFINITY),
        List.of(request(0, 0, 50, 0), request(1, 0, 50, 1)));
    assertEquals(3 * MS, r.get(1L).finishNanos());
    assertEquals(6 * MS, r.get(0L).finishNanos());
  }

  @Test
  void aPreemptedSampleResumesItsOwnTensor() {
    // stages of 10 ms. Request 0 (deadline 100 ms) runs stage 1 from 0 to 10 ms. Request 1 arrives
    // at 5 ms with deadline 45 ms: at 10 ms its slack is 45 - 10 - 30 = 5 ms, request 0's is
    // 100 - 10 - 20 = 70 ms, so 1 runs stages 1-3 (10..40 ms, batch size 1) and 0 resumes stage 2
    // at 40 ms, finishing at 60 ms with its own prediction.
    ScriptedStages script = new ScriptedStages(10 * MS, 0, 1.01, id -> 90);
    Map<Long, Response> r = serve(script, config(1, LatePolicy.REJECT),
        List.of(request(0, 0, 100, 0), request(1, 5, 45, 0)));
    assertEquals(40 * MS, r.get(1L).finishNanos());
    assertEquals(60 * MS, r.get(0L).finishNanos());
    assertEquals(ScriptedStages.exitClass(0, 3), r.get(0L).predictedClass());
    assertEquals(ScriptedStages.exitClass(1, 3), r.get(1L).predictedClass());
    assertEquals(List.of(List.of(0L), List.of(1L), List.of(1L), List.of(1L), List.of(0L), List.of(0L)),
        script.batches);
  }

  @Test
  void fluidBatchesMixNewAndResumedSamplesOfTheSameStage() {
    // stages of 10 ms (+1 ms per extra sample). Request 0 arrives at 0 and runs stage 1 alone
    // (0..10 ms). Requests 1 and 2 arrive at 5 ms, so at 10 ms stage 1 holds 1 and 2 while 0
    // waits at stage 2; every deadline is loose, request 1's is the tightest, so stage 1 runs
    // {1, 2} (10..21 ms); then stage 2 holds 0, 1 and 2 together: a batch of new and resumed work.
    ScriptedStages script = new ScriptedStages(10 * MS, MS, 1.01, id -> 90);
    serve(script, config(8, LatePolicy.REJECT),
        List.of(request(0, 0, 300, 0), request(1, 5, 100, 0), request(2, 5, 200, 0)));
    assertEquals(List.of(0L), script.batches.get(0));
    assertEquals(List.of(1L, 2L), script.batches.get(1));
    assertEquals(List.of(1L, 2L, 0L), script.batches.get(2));
  }

  @Test
  void aLateSampleIsAnsweredFromItsExitAndCarriesIt() {
    // stages of 10 ms, batch 1. Request 0 (deadline 40 ms) runs stage 1 (0..10). Request 1 arrives
    // at 1 ms with deadline 31 ms: at 10 ms its slack is 31 - 10 - 30 = -9 ms < 0 -> it cannot make
    // it and has no exit: rejected at 10 ms. Request 0 then finishes at 30 ms.
    ScriptedStages script = new ScriptedStages(10 * MS, 0, 1.01, id -> 90);
    Map<Long, Response> r = serve(script, config(1, LatePolicy.ANSWER_FROM_EXIT_OR_REJECT),
        List.of(request(0, 0, 40, 0), request(1, 1, 31, 0)));
    assertFalse(r.get(1L).answered());
    assertEquals(0, r.get(1L).exitStage());
    assertEquals(30 * MS, r.get(0L).finishNanos());

    // Request 0 (deadline 45 ms) runs stage 1 (0..10 ms). Request 1 (arrives 2 ms, deadline 40 ms)
    // is tighter: at 10 ms its slack is 40 - 10 - 30 = 0, request 0's is 45 - 10 - 20 = 15 ms, so 1
    // runs stage 1 (10..20). At 20 ms, 1 (slack 0) beats 0 (slack 5) again; its stage 2 will end
    // at 30 ms, after which 0 would need 20 ms more with 15 ms left: so 0 is answered at 20 ms,
    // before its deadline, from exit 1, which it passed, with exit 1's class. 1 finishes at 40 ms.
    ScriptedStages second = new ScriptedStages(10 * MS, 0, 1.01, id -> 90);
    Map<Long, Response> r2 = serve(second, config(1, LatePolicy.ANSWER_FROM_EXIT_OR_REJECT),
        List.of(request(0, 0, 45, 0), request(1, 2, 40, 0)));
    Response early = r2.get(0L);
    assertTrue(early.answered());
    assertEquals(1, early.exitStage());
    assertFalse(early.fullDepth());
    assertEquals(ScriptedStages.exitClass(0, 1), early.predictedClass());
    assertEquals(20 * MS, early.finishNanos());
    assertEquals(40 * MS, r2.get(1L).finishNanos());

    // the same trace under the REJECT policy: request 0 is rejected at 20 ms instead
    ScriptedStages third = new ScriptedStages(10 * MS, 0, 1.01, id -> 90);
    Map<Long, Response> r3 = serve(third, config(1, LatePolicy.REJECT),
        List.of(request(0, 0, 45, 0), request(1, 2, 40, 0)));
    assertFalse(r3.get(0L).answered());
    assertEquals(20 * MS, r3.get(0L).finishNanos());

    // answering from exits: exit 1 is 70% accurate, the last 90%; with at most 1 point of loss
    // allowed, request 0 is rejected at 20 ms rather than answered from exit 1
    ScriptedStages fourth = new ScriptedStages(10 * MS, 0, 1.01, id -> 90, new double[] {0.70, 0.85, 0.90});
    Map<Long, Response> r4 = serve(fourth, new ExitAwareConfig(1, LatePolicy.ANSWER_FROM_EXIT_OR_REJECT, 0, false, 0.01),
        List.of(request(0, 0, 45, 0), request(1, 2, 40, 0)));
    assertFalse(r4.get(0L).answered());
    assertTrue(r4.get(1L).answered());
  }

  @Test
  void aConfidentSampleLeavesAtItsExit() {
    // threshold 0.9 on exits 1-2: request 0 is 95% confident -> leaves after stage 1 (10 ms) with
    // exit 1's class; request 1 is 50% confident -> runs to stage 3.
    ScriptedStages script = new ScriptedStages(10 * MS, 0, 0.9, id -> id == 0 ? 95 : 50);
    Map<Long, Response> r = serve(script, new ExitAwareConfig(1, LatePolicy.REJECT, 0, true, Double.POSITIVE_INFINITY),
        List.of(request(0, 0, 500, 0), request(1, 0, 600, 0)));
    assertEquals(1, r.get(0L).exitStage());
    assertEquals(ScriptedStages.exitClass(0, 1), r.get(0L).predictedClass());
    assertEquals(0.95, r.get(0L).confidence(), 1e-6);
    assertEquals(3, r.get(1L).exitStage());
    assertTrue(r.get(1L).fullDepth());
  }

  @Test
  void underOverloadNobodyStarvesOrIsAnsweredLate() {
    // 2,000 requests at about twice the capacity with random deadlines and priorities: every request
    // gets one response by its deadline (the table is exact), and low priority still gets served.
    long seed = 20261201L;
    System.out.println("ExitAwareSchedulerTest seed " + seed);
    SplittableRandom rnd = new SplittableRandom(seed);
    ScriptedStages script = new ScriptedStages(2 * MS, MS / 2, 0.95, id -> 60 + id % 40);
    List<Request> trace = new ArrayList<>();
    long t = 0;
    for (int i = 0; i < 2000; i++) {
      t += (long) (-Math.log(1 - rnd.nextDouble()) * 1.5 * MS);
      long deadline = t + 6 * MS + rnd.nextLong(30 * MS);
      trace.add(new Request(i, i % 50, t, deadline, i % 50 < 10 ? 1 : 0, -1, ScriptedStages.input(i)));
    }
    Map<Long, Response> r = serve(script, new ExitAwareConfig(16, LatePolicy.ANSWER_FROM_EXIT_OR_REJECT, 6 * MS, true,
        Double.POSITIVE_INFINITY),
        trace);
    int lowServed = 0;
    int lowAll = 0;
    for (Request q : trace) {
      Response resp = r.get(q.id());
      assertTrue(resp.finishNanos() <= q.deadlineNanos(), "request " + q.id() + " answered after its deadline");
      assertTrue(resp.finishNanos() >= q.arrivalNanos());
      if (q.priority() == 0) {
        lowAll++;
        lowServed += resp.answered() ? 1 : 0;
      }
      if (resp.answered()) {
        assertEquals(ScriptedStages.exitClass(q.id(), resp.exitStage()), resp.predictedClass(),
            "the answer comes from the exit it names");
      }
    }
    System.out.printf("low priority served %d of %d%n", lowServed, lowAll);
    assertTrue(lowServed > lowAll / 2, "low priority served " + lowServed + " of " + lowAll);
  }
}
