package org.swarmsense.epos.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;

/**
 * The fast engine: the same arithmetic as {@link AgentStep} (through {@link StepArithmetic}), on flat
 * arrays indexed by tree position ({@code resp[p*d + j]}), one tree level at a time. Agents of one
 * level are independent, so a level of 64 or more agents is split into about four chunks per
 * thread run on a {@link ForkJoinPool};
 * each agent breaks ties with its own generator, so results do not depend on the thread count.
 * Memory besides the plans: two N x d response arrays. Not thread-safe; one instance per run.
 */
final class LevelEngine {
  private static final int MIN_PARALLEL = 64;
  private static final int MIN_CHUNK = 16;

  private final List<AgentPlans> agents;
  private final EposConfig config;
  private final EposProgress progress;
  private final StepArithmetic objective;
  private final int n;
  private final int d;
  private final int threads;

  private Tree tree;
  private double[] resp;
  private double[] prevResp;
  private double[] respL;
  private double[] respL2;
  private double[] prevRespL;
  private double[] prevRespL2;
  private int[] sel;
  private int[] prevSel;
  private boolean[] approved;
  private boolean[] effective;
  private long[] rng;
  private double[] g;
  private double gL;
  private double gL2;

  LevelEngine(List<AgentPlans> agents, EposConfig config, EposProgress progress) {
    this.agents = agents;
    this.config = config;
    this.progress = progress;
    this.objective = new StepArithmetic(config);
    this.n = agents.size();
    this.d = agents.get(0).dimension();
    this.threads = config.effectiveThreads();
  }

  EposResult run() {
    EposResult result = new EposResult(n, d, config.repetitions(), config.iterations());
    ForkJoinPool pool = threads > 1 ? new ForkJoinPool(threads) : null;
    try {
      for (int r = 0; r < config.repetitions(); r++) {
        runRepetition(r, result, pool);
      }
    } finally {
      if (pool != null) {
        pool.shutdown();
      }
    }
    return result;
  }

  private void runRepetition(int r, EposResult result, ForkJoinPool pool) {
    tree = Tree.forRepetition(n, config.children(), r, config.seed());
    resp = new double[n * d];
    prevResp = new double[n * d];
    respL = new double[n];
    respL2 = new double[n];
    prevRespL = new double[n];
    prevRespL2 = new double[n];
    sel = new int[n];
    prevSel = new int[n];
    approved = new boolean[n];
    effective = new boolean[n];
    rng = new long[n];
    for (int a = 0; a < n; a++) {
      rng[a] = TieBreak.initialState(config.seed(), r, a);
    }
    g = new double[d];
    gL = 0;
    gL2 = 0;
    double[] history = new double[config.iterations()];
    int sinceReorg = 0;
    int reorgs = 0;
    for (int t = 0; t < config.iterations(); t++) {
      if (t > 0) {
        double[] x = resp;
        resp = prevResp;
        prevResp = x;
        x = respL;
        respL = prevRespL;
        prevRespL = x;
        x = respL2;
        respL2 = prevRespL2;
        prevRespL2 = x;
        int[] y = sel;
        sel = prevSel;
        prevSel = y;
      }
      final boolean first = t == 0;
      for (int level = tree.levels() - 1; level >= 0; level--) {
        forLevel(pool, level, (from, to) -> {
          double[] outside = new double[d];
          double[] cand = new double[d];
          double[] a = new double[d];
          double[] other = new double[d];
          for (int p = from; p < to; p++) {
            up(p, first, outside, cand, a, other);
          }
        });
      }
      approved[0] = true;
      for (int level = 0; level < tree.levels(); level++) {
        forLevel(pool, level, (from, to) -> {
          for (int p = from; p < to; p++) {
            down(p);
          }
        });
      }
      System.arraycopy(resp, 0, g, 0, d);
      gL = respL[0];
      gL2 = respL2[0];
      int[] byAgent = new int[n];
      for (int p = 0; p < n; p++) {
        byAgent[tree.agentAt(p)] = sel[p];
      }
      result.record(r, t, objective, config.globalCost(), g, gL, gL2, byAgent, 2L * (n - 1));
      progress.iterationDone(r, t, result.globalCost(r, t));
      history[sinceReorg++] = result.globalCost(r, t);
      if (t < config.iterations() - 1 && config.reorg().shouldReorganise(history, sinceReorg)) {
        reorgs++;
        regroup(tree.reshuffled(ReorganisationStrategy.reorganisationSeed(config.seed(), r, reorgs)), byAgent);
        result.markReorganised(r, t);
        sinceReorg = 0;
      }
    }
  }

  private void up(int p, boolean first, double[] outside, double[] cand, double[] a, double[] other) {
    int nc = tree.childCount(p);
    int c0 = tree.firstChild(p);
    int agent = tree.agentAt(p);
    AgentPlans plans = agents.get(agent);
    int mask;
    if (first || nc == 0) {
      mask = (1 << nc) - 1;
    } else {
      mask = objective.chooseChildren(d, nc, g, gL, gL2, n,
          resp, c0 * d, respL, respL2, c0, prevResp, c0 * d, prevRespL, prevRespL2, c0,
          outside, cand, rng, agent);
    }
    java.util.Arrays.fill(a, 0.0);
    double aL = 0;
    double aL2 = 0;
    for (int c = 0; c < nc; c++) {
      boolean in = ((mask >> c) & 1) != 0;
      approved[c0 + c] = in;
      double[] row = in ? resp : prevResp;
      int off = (c0 + c) * d;
      for (int j = 0; j < d; j++) {
        a[j] += row[off + j];
      }
      aL += in ? respL[c0 + c] : prevRespL[c0 + c];
      aL2 += in ? respL2[c0 + c] : prevRespL2[c0 + c];
    }
    int off = p * d;
    for (int j = 0; j < d; j++) {
      other[j] = (g[j] - prevResp[off + j]) + a[j];
    }
    double otherL = (gL - prevRespL[p]) + aL;
    double otherL2 = (gL2 - prevRespL2[p]) + aL2;
    int count = first ? tree.subtreeSize(p) : n;
    int s = objective.choosePlan(d, plans, other, otherL, otherL2, count, cand, rng, agent);
    sel[p] = s;
    double[] values = plans.flatValues();
    int po = s * d;
    for (int j = 0; j < d; j++) {
      resp[off + j] = a[j] + values[po + j];
    }
    double l = objective.localCost(plans, s);
    respL[p] = aL + l;
    respL2[p] = aL2 + l * l;
  }

  private void down(int p) {
    boolean eff = p == 0 || (approved[p] && effective[tree.parent(p)]);
    effective[p] = eff;
    if (!eff) {
      System.arraycopy(prevResp, p * d, resp, p * d, d);
      respL[p] = prevRespL[p];
      respL2[p] = prevRespL2[p];
      sel[p] = prevSel[p];
    }
  }

  private void regroup(Tree next, int[] selectedByAgent) {
    tree = next;
    for (int p = 0; p < n; p++) {
      sel[p] = selectedByAgent[tree.agentAt(p)];
    }
    double[] a = new double[d];
    for (int p = n - 1; p >= 0; p--) {
      int nc = tree.childCount(p);
      int c0 = tree.firstChild(p);
      java.util.Arrays.fill(a, 0.0);
      double aL = 0;
      double aL2 = 0;
      for (int c = 0; c < nc; c++) {
        int off = (c0 + c) * d;
        for (int j = 0; j < d; j++) {
          a[j] += resp[off + j];
        }
        aL += respL[c0 + c];
        aL2 += respL2[c0 + c];
      }
      AgentPlans plans = agents.get(tree.agentAt(p));
      int off = p * d;
      for (int j = 0; j < d; j++) {
        resp[off + j] = a[j] + plans.value(sel[p], j);
      }
      double l = objective.localCost(plans, sel[p]);
      respL[p] = aL + l;
      respL2[p] = aL2 + l * l;
    }
    System.arraycopy(resp, 0, g, 0, d);
    gL = respL[0];
    gL2 = respL2[0];
  }

  private interface RangeWork {
    void run(int from, int to);
  }

  private void forLevel(ForkJoinPool pool, int level, RangeWork work) {
    int start = tree.levelStart(level);
    int end = tree.levelEnd(level);
    if (pool == null || end - start < MIN_PARALLEL) {
      work.run(start, end);
      return;
    }
    // about four chunks per thread; the chunking only splits work, every agent's result is its own
    int chunk = Math.max(MIN_CHUNK, (end - start + 4 * threads - 1) / (4 * threads));
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int from = start; from < end; from += chunk) {
      int f = from;
      int to = Math.min(end, from + chunk);
      tasks.add(() -> {
        work.run(f, to);
        return null;
      });
    }
    for (var future : pool.invokeAll(tasks)) {
      try {
        future.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
  }
}
