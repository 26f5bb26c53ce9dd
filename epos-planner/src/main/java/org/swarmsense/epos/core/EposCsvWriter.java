package org.swarmsense.epos.core;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an {@link EposResult} as the reference's CSV files into a folder: {@code global-cost.csv},
 * {@code local-cost.csv}, {@code unfairness.csv} and {@code global-complex-cost.csv} (header
 * {@code Iteration,Mean,Stdev,Run-0..Run-{S-1}}; Mean and the population Stdev, computed as
 * sqrt(E[x^2] - mean^2) like the reference, are over repetitions), {@code selected-plans.csv} ({@code Run,Iteration,agent-0..agent-{N-1}}) and
 * {@code global-response.csv} ({@code Run,Iteration,dim-0..dim-{d-1}}). Numbers are printed with
 * {@link Double#toString}. Stateless and thread-safe.
 */
public final class EposCsvWriter {
  private EposCsvWriter() {}

  /** The files written, in order. */
  public static final java.util.List<String> FILES = java.util.List.of("global-cost.csv", "local-cost.csv",
      "unfairness.csv", "global-complex-cost.csv", "selected-plans.csv", "global-response.csv");

  private interface Metric {
    double at(int r, int t);
  }

  /** Writes the six files into {@code outDir}, creating it if needed; existing files are replaced. */
  public static void write(EposResult result, Path outDir) {
    try {
      Files.createDirectories(outDir);
      writeMetric(outDir.resolve("global-cost.csv"), result, result::globalCost);
      writeMetric(outDir.resolve("local-cost.csv"), result, result::localCost);
      writeMetric(outDir.resolve("unfairness.csv"), result, result::unfairness);
      writeMetric(outDir.resolve("global-complex-cost.csv"), result, result::complexCost);
      writeSelected(outDir.resolve("selected-plans.csv"), result);
      writeResponse(outDir.resolve("global-response.csv"), result);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write results to " + outDir + ": " + e.getMessage(), e);
    }
  }

  private static void writeMetric(Path file, EposResult res, Metric m) throws IOException {
    int s = res.repetitions();
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder sb = new StringBuilder("Iteration,Mean,Stdev");
      for (int r = 0; r < s; r++) {
        sb.append(",Run-").append(r);
      }
      w.write(sb.append('\n').toString());
      for (int t = 0; t < res.iterations(); t++) {
        double sum = 0;
        for (int r = 0; r < s; r++) {
          sum += m.at(r, t);
        }
        double mean = sum / s;
        double sq = 0;
        for (int r = 0; r < s; r++) {
          sq += m.at(r, t) * m.at(r, t);
        }
        // population standard deviation as sqrt(E[x^2] - mean^2), the reference's arithmetic
        double stdev = Math.sqrt(Math.max(0, sq / s - mean * mean));
        sb.setLength(0);
        sb.append(t).append(',').append(mean).append(',').append(stdev);
        for (int r = 0; r < s; r++) {
          sb.append(',').append(m.at(r, t));
        }
        w.write(sb.append('\n').toString());
      }
    }
  }

  private static void writeSelected(Path file, EposResult res) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder sb = new StringBuilder("Run,Iteration");
      for (int a = 0; a < res.agents(); a++) {
        sb.append(",agent-").append(a);
      }
      w.write(sb.append('\n').toString());
      for (int r = 0; r < res.repetitions(); r++) {
        for (int t = 0; t < res.iterations(); t++) {
          sb.setLength(0);
          sb.append(r).append(',').append(t);
          for (int v : res.selectedPlans(r, t)) {
            sb.append(',').append(v);
          }
          w.write(sb.append('\n').toString());
        }
      }
    }
  }

  private static void writeResponse(Path file, EposResult res) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder sb = new StringBuilder("Run,Iteration");
      for (int j = 0; j < res.dimension(); j++) {
        sb.append(",dim-").append(j);
      }
      w.write(sb.append('\n').toString());
      for (int r = 0; r < res.repetitions(); r++) {
        for (int t = 0; t < res.iterations(); t++) {
          sb.setLength(0);
          sb.append(r).append(',').append(t);
          for (double v : res.globalResponse(r, t)) {
            sb.append(',').append(v);
          }
          w.write(sb.append('\n').toString());
        }
      }
    }
  }
}
