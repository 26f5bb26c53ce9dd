package org.swarmsense.agents.airspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fence check bench runs on a small workload and prints its table (no speed is asserted). */
class FenceCheckBenchTest {

  @Test
  void bothSidesJudgeTheSamePositionsAndTheTableIsPrinted() {
    StringWriter text = new StringWriter();
    List<FenceCheckBench.Row> rows = FenceCheckBench.run(
        new FenceCheckBench.Options(2000, new int[] {50, 400}, 0.05, 7), new PrintWriter(text, true));
    System.out.print(text);
    assertEquals(2, rows.size());
    for (FenceCheckBench.Row r : rows) {
      assertTrue(r.checksPerS() > 0 && r.naiveChecksPerS() > 0, r.toString());
      assertTrue(r.insideNaive() > 0, "some drones are inside a zone: " + r);
      assertTrue(r.breachesRaised() > 0, "so the monitor raises breaches: " + r);
    }
    assertTrue(rows.get(1).insideNaive() > rows.get(0).insideNaive() || rows.get(1).breachesRaised()
        > rows.get(0).breachesRaised(), "more zones, more breaches: " + rows);
    assertTrue(text.toString().contains("fences  monitor chk/s"), text.toString());
  }
}
