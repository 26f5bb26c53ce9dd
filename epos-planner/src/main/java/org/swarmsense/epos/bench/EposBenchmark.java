package org.swarmsense.epos.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.swarmsense.epos.core.AgentPlans;
import org.swarmsense.epos.core.Epos;
import org.swarmsense.epos.core.EposConfig;

/**
 * The I-EPOS throughput benchmark: N agents with seeded random Gaussian plans (default 16 plans of
 * 100 values), VAR, 40 iterations, binary tree, one repetition, run by the fast engine with all
 * processors and, as a baseline measured in the same process, with one thread. Prints nothing
 * itself: callers format the {@link Row}s. Not thread-safe (it measures the whole JVM's heap).
 */
public final class EposBenchmark {
  private EposBenchmark() {}

  /**
   * One measured size.
   *
   * @param agents N
   * @param threads worker threads of the measured run
   * @param wallS wall time of {@code Epos.run}, seconds
   * @param agentIterationsPerS N x T / wallS
   * @param peakHeapMb the sum of the heap pools' peak usage during the run (an upper bound of the
   *     peak heap, plans included), MiB
   * @param baselineWallS wall time of the single-threaded run of the same problem, seconds (NaN if
   *     not measured)
   * @param finalGlobalCost G after the last iteration (the same in both runs, else the bench fails)
   * @param cpuS process CPU time of the measured run, s (all threads; a thread that stalls on
   *     memory keeps its core busy and counts, one that waits for a core does not)
   * @param baselineCpuS process CPU time of the single-threaded run, s (NaN if not measured):
   *     cpuS / baselineCpuS near 1 means the threads split the work without extra cost, so a small
   *     wall-clock speed-up comes from cores the machine did not give; near the thread count means
   *     each thread runs slower (memory bandwidth, contention)
   * @param scanGbPerS1 reading every plan value once (a sum, what plan selection does each
   *     iteration) on one thread, GB/s (best of 3)
   * @param scanGbPerSAll the same on {@code threads} threads, GB/s: when it does not grow with the
   *     threads, memory bandwidth (not the engine) caps the speed-up
   */
  public record Row(int agents, int threads, double wallS, double agentIterationsPerS,
      double peakHeapMb, double baselineWallS, double finalGlobalCost, double cpuS,
      double baselineCpuS, double scanGbPerS1, double scanGbPerSAll) {

    /** Baseline wall time / measured wall time (NaN without a baseline). */
    public double speedup() {
      return baselineWallS / wallS;
    }
  }

  /**
   * N agents with {@code plans} plans of {@code dim} standard-normal values each (plan cost 0),
   * agent a drawn from {@code SplittableRandom(seed).split()}-independent streams seeded by (seed, a),
   * generated in parallel; the same for any thread count.
   */
  public static List<AgentPlans> randomPlans(int agents, int plans, int dim, long seed) {
    if (agents < 1 || plans < 1 || dim < 1) {
      throw new IllegalArgumentException("agents, plans and dim must be >= 1, got: " + agents + ", " + plans + ", " + dim);
    }
    AgentPlans[] out = new AgentPlans[agents];
    IntStream.range(0, agents).parallel().forEach(a -> {
      SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + a);
      double[] v = new double[plans * dim];
      for (int i = 0; i < v.length; i++) {
        double u = rnd.nextDouble();
        double w = rnd.nextDouble();
        v[i] = Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w);
      }
      out[a] = AgentPlans.ofFlat(a, dim, new double[plans], v);
    });
    return Arrays.asList(out);
  }

  /**
   * Measures each size: generates the plans, runs the fast engine with {@code config} and, when
   * {@code baseline}, again with one thread (checking both give the same final cost).
   */
  public static List<Row> measure(int[] sizes, int plans, int dim, EposConfig config, boolean baseline,
      long seed, java.util.function.Consumer<Row> onRow) {
    List<Row> rows = new ArrayList<>();
    for (int n : sizes) {
      List<AgentPlans> agents = randomPlans(n, plans, dim, seed);
      // warm-up on a small problem so the first size is not measured cold
      Epos.run(randomPlans(Math.min(n, 2000), plans, dim, seed + 1), config.withIterations(5));
      double baseS = Double.NaN;
      double baseCost = Double.NaN;
      double baseCpu = Double.NaN;
      if (baseline) {
        gc();
        long c0 = processCpuNanos();
        long t0 = System.nanoTime();
        var r = Epos.run(agents, config.withThreads(1));
        baseS = (System.nanoTime() - t0) / 1e9;
        baseCpu = (processCpuNanos() - c0) / 1e9;
        baseCost = r.globalCost(0, r.iterations() - 1);
      }
      gc();
      resetPeaks();
      long c0 = processCpuNanos();
      long t0 = System.nanoTime();
      var r = Epos.run(agents, config);
      double wall = (System.nanoTime() - t0) / 1e9;
      double cpu = (processCpuNanos() - c0) / 1e9;
      double peak = peakHeapBytes() / (1024.0 * 1024.0);
      double cost = r.globalCost(0, r.iterations() - 1);
      if (baseline && Double.compare(cost, baseCost) != 0) {
        throw new IllegalStateException("single-threaded and parallel runs disagree for N=" + n + ": " + baseCost + " vs " + cost);
      }
      double scan1 = scanGbPerS(agents, 1);
      double scanAll = scanGbPerS(agents, config.effectiveThreads());
      Row row = new Row(n, config.effectiveThreads(), wall, (double) n * config.iterations() / wall, peak, baseS, cost,
          cpu, baseCpu, scan1, scanAll);
      rows.add(row);
      onRow.accept(row);
      agents = null;
    }
    return rows;
  }

  /**
   * Reads every plan value of {@code agents} once (summing them) on {@code threads} threads, agents
   * split into contiguous ranges as the engine splits a tree level; GB/s, best of 3 passes.
   */
  public static double scanGbPerS(List<AgentPlans> agents, int threads) {
    long bytes = 0;
    for (AgentPlans a : agents) {
      bytes += 8L * a.size() * a.dimension();
    }
    java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(Math.max(1, threads));
    try {
      double best = Double.POSITIVE_INFINITY;
      double sink = 0;
      for (int pass = 0; pass < 3; pass++) {
        long t0 = System.nanoTime();
        sink += pool.submit(() -> IntStream.range(0, agents.size()).parallel().mapToDouble(i -> {
          AgentPlans a = agents.get(i);
          double s = 0;
          for (int k = 0; k < a.size(); k++) {
            for (int j = 0; j < a.dimension(); j++) {
              s += a.value(k, j);
            }
          }
          return s;
        }).sum()).get();
        best = Math.min(best, (System.nanoTime() - t0) / 1e9);
      }
      if (Double.isNaN(sink)) {
        throw new IllegalStateException("plans hold NaN");
      }
      return bytes / best / 1e9;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdown();
    }
  }

  /** CPU time of the whole process (all threads), ns; -1 where the JVM cannot tell. */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }

  private static void gc() {
    System.gc();
    System.gc();
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  private static long peakHeapBytes() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
