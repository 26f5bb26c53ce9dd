package org.swarmsense.epos.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.swarmsense.maps.SharedData;

/** Test fixtures: the shared EPOS data folder and seeded random datasets. */
final class TestData {
  private TestData() {}

  /** The shared {@code data/epos} folder (golden EPOS data). */
  static Path eposData() {
    return SharedData.folder("epos");
  }

  static Path gaussian() {
    return eposData().resolve("gaussian");
  }

  static Path reference(String file) {
    return eposData().resolve("reference-output").resolve(file);
  }

  /** Rows of a reference CSV without its header, split on commas. */
  static List<String[]> csv(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      List<String[]> rows = new ArrayList<>();
      for (String l : lines.subList(1, lines.size())) {
        if (!l.isBlank()) {
          rows.add(l.split(","));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** N agents with K Gaussian plans of dimension d and plan costs in [0, 1), from {@code seed}. */
  static List<AgentPlans> randomAgents(long seed, int n, int k, int d) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<AgentPlans> out = new ArrayList<>(n);
    for (int a = 0; a < n; a++) {
      double[] costs = new double[k];
      double[] values = new double[k * d];
      for (int i = 0; i < k; i++) {
        costs[i] = rnd.nextDouble();
      }
      for (int i = 0; i < values.length; i++) {
        values[i] = gaussian(rnd);
      }
      out.add(AgentPlans.ofFlat(a, d, costs, values));
    }
    return out;
  }

  static double gaussian(SplittableRandom rnd) {
    double u = rnd.nextDouble();
    double v = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }
}
