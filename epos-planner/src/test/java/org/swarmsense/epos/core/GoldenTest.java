package org.swarmsense.epos.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reference run on {@code gaussian/} (VAR, INDEX, alpha = beta = 0, 10 plans, 40 iterations,
 * 5 repetitions, binary tree) is reproduced run by run, iteration by iteration, by both engines.
 */
class GoldenTest {
  private static final EposConfig REFERENCE = EposConfig.defaults().withRepetitions(5);

  private static EposResult fast() {
    return Epos.run(Dataset.read(TestData.gaussian(), 10).agents(), REFERENCE);
  }

  private static EposResult messages() {
    return Epos.runMessageByMessage(Dataset.read(TestData.gaussian(), 10).agents(), REFERENCE);
  }

  @Test
  void globalCostMatchesReferenceEveryRunAndIteration() {
    for (EposResult r : List.of(fast(), messages())) {
      checkMetric(r, "global-cost.csv", r::globalCost);
      checkMetric(r, "global-complex-cost.csv", r::complexCost);
    }
  }

  @Test
  void localCostAndUnfairnessMatchReference() {
    EposResult r = fast();
    checkMetric(r, "local-cost.csv", r::localCost);
    checkMetric(r, "unfairness.csv", r::unfairness);
  }

  @Test
  void repetitionZeroFollowsTheSpec() {
    EposResult r = fast();
    assertEquals(6.757580112827667, r.globalCost(0, 0), 1e-9 * 6.76);
    assertEquals(5.140734401438899, r.globalCost(0, 1), 1e-9 * 5.14);
    for (int t = 2; t < 40; t++) {
      assertEquals(4.304425459580881, r.globalCost(0, t), 1e-9 * 4.3, "iteration " + t);
    }
  }

  @Test
  void selectedPlansMatchReferenceEveryRunAndIteration() {
    List<String[]> rows = TestData.csv(TestData.reference("selected-plans.csv"));
    assertEquals(5 * 40, rows.size());
    for (EposResult r : List.of(fast(), messages())) {
      for (String[] row : rows) {
        int run = Integer.parseInt(row[0]);
        int t = Integer.parseInt(row[1]);
        int[] expected = new int[row.length - 2];
        for (int a = 0; a < expected.length; a++) {
          expected[a] = Integer.parseInt(row[a + 2]);
        }
        assertArrayEquals(expected, r.selectedPlans(run, t), "run " + run + " iteration " + t);
      }
    }
  }

  @Test
  void globalResponseMatchesReference() {
    EposResult r = fast();
    for (String[] row : TestData.csv(TestData.reference("global-response.csv"))) {
      int run = Integer.parseInt(row[0]);
      int t = Integer.parseInt(row[1]);
      double[] g = r.globalResponse(run, t);
      for (int j = 0; j < g.length; j++) {
        double e = Double.parseDouble(row[j + 2]);
        assertEquals(e, g[j], 1e-9 * Math.max(1, Math.abs(e)), "run " + run + " t " + t + " dim " + j);
      }
    }
  }

  @Test
  void allSixCsvFilesAreByteIdenticalToTheReference(@org.junit.jupiter.api.io.TempDir java.nio.file.Path out)
      throws java.io.IOException {
    EposCsvWriter.write(fast(), out);
    for (String f : EposCsvWriter.FILES) {
      assertEquals(java.nio.file.Files.readString(TestData.reference(f)), java.nio.file.Files.readString(out.resolve(f)), f);
    }
  }

  private interface Metric {
    double at(int r, int t);
  }

  private static void checkMetric(EposResult r, String file, Metric m) {
    List<String[]> rows = TestData.csv(TestData.reference(file));
    assertEquals(40, rows.size(), file);
    for (String[] row : rows) {
      int t = Integer.parseInt(row[0]);
      for (int run = 0; run < 5; run++) {
        double e = Double.parseDouble(row[3 + run]);
        assertEquals(e, m.at(run, t), 1e-9 * Math.abs(e), file + " run " + run + " iteration " + t);
      }
    }
  }
}
