package org.swarmsense.edge.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The issue-13 load: rates in and outside bursts, deadlines, priorities, determinism. */
class LoadGeneratorTest {

  @Test
  void ratesDeadlinesAndPrioritiesFollowTheWorkload() {
    long seed = 13;
    System.out.println("LoadGeneratorTest seed " + seed);
    long l1 = 5_000_000L; // 5 ms full depth -> capacity 200/s, 60% = 120/s, bursts 360/s
    Workload w = Workload.issue13(Duration.ofSeconds(60), seed);
    List<Request> trace = LoadGenerator.generate(w, l1, i -> new LoadGenerator.Input(ScriptedStages.input(i), -1));
    long burst = trace.stream().filter(r -> w.inBurst(r.arrivalNanos())).count();
    long calm = trace.size() - burst;
    // 6 bursts of 2 s (at 5, 15, ..., 55 s) = 12 s at 360/s = 4,320; 48 s at 120/s = 5,760
    assertEquals(12.0, w.burstSeconds(), 1e-9);
    assertEquals(4320, burst, 4 * Math.sqrt(4320));
    assertEquals(5760, calm, 4 * Math.sqrt(5760));
    for (Request r : trace) {
      long rel = r.deadlineNanos() - r.arrivalNanos();
      assertTrue(rel >= 2 * l1 && rel <= 6 * l1, "deadline " + rel);
      assertEquals(r.deviceId() < 10 ? 1 : 0, r.priority());
    }
    assertEquals(50, trace.stream().mapToInt(Request::deviceId).distinct().count());
    List<Request> again = LoadGenerator.generate(w, l1, i -> new LoadGenerator.Input(ScriptedStages.input(i), -1));
    assertEquals(trace.size(), again.size());
    assertEquals(trace.get(trace.size() / 2).arrivalNanos(), again.get(trace.size() / 2).arrivalNanos());
  }

  @Test
  void burstsStartAtTheOffsetOfEveryPeriod() {
    Workload w = Workload.issue13(Duration.ofSeconds(60), 1);
    assertTrue(!w.inBurst(4_999_999_999L));
    assertTrue(w.inBurst(5_000_000_000L));
    assertTrue(w.inBurst(6_999_999_999L));
    assertTrue(!w.inBurst(7_000_000_000L));
    assertTrue(w.inBurst(15_500_000_000L));
  }
}
