package org.swarmsense.epos.core;

/**
 * The outcome of an I-EPOS run, per repetition r and iteration t: global cost G(g_t), local cost
 * L (mean l of the selected plans), unfairness U (population standard deviation of those local
 * costs), combined cost (1-alpha-beta) G + alpha U + beta L, the selected plan index of every agent
 * (by agent id), the global response g_t, the messages exchanged and whether the tree was
 * reorganised after it. Immutable once returned (accessors return copies); thread-safe.
 */
public final class EposResult {
  private final int agents;
  private final int dimension;
  private final int repetitions;
  private final int iterations;
  private final double[][] globalCost;
  private final double[][] localCost;
  private final double[][] unfairness;
  private final double[][] complexCost;
  private final int[][][] selected;
  private final double[][][] globalResponse;
  private final long[][] messages;
  private final boolean[][] reorganised;

  EposResult(int agents, int dimension, int repetitions, int iterations) {
    this.agents = agents;
    this.dimension = dimension;
    this.repetitions = repetitions;
    this.iterations = iterations;
    globalCost = new double[repetitions][iterations];
    localCost = new double[repetitions][iterations];
    unfairness = new double[repetitions][iterations];
    complexCost = new double[repetitions][iterations];
    selected = new int[repetitions][iterations][];
    globalResponse = new double[repetitions][iterations][];
    messages = new long[repetitions][iterations];
    reorganised = new boolean[repetitions][iterations];
  }

  /** Records iteration t of repetition r (engines only). */
  void record(int r, int t, StepArithmetic objective, GlobalCostFunction g, double[] global,
      double sumL, double sumL2, int[] selectedByAgent, long messageCount) {
    double gc = g.cost(global);
    globalCost[r][t] = gc;
    localCost[r][t] = sumL / agents;
    unfairness[r][t] = CombinedCost.unfairness(sumL, sumL2, agents);
    complexCost[r][t] = objective.complexCost(gc, sumL, sumL2, agents);
    selected[r][t] = selectedByAgent.clone();
    globalResponse[r][t] = global.clone();
    messages[r][t] = messageCount;
  }

  void markReorganised(int r, int t) {
    reorganised[r][t] = true;
  }

  /** Number of agents N. */
  public int agents() {
    return agents;
  }

  /** Plan dimension d. */
  public int dimension() {
    return dimension;
  }

  /** Number of repetitions S. */
  public int repetitions() {
    return repetitions;
  }

  /** Number of iterations T. */
  public int iterations() {
    return iterations;
  }

  /** G(g_t) of repetition r, iteration t. */
  public double globalCost(int r, int t) {
    return globalCost[r][t];
  }

  /** Mean local cost L of the selected plans. */
  public double localCost(int r, int t) {
    return localCost[r][t];
  }

  /** Unfairness U, the population standard deviation of the selected plans' local costs. */
  public double unfairness(int r, int t) {
    return unfairness[r][t];
  }

  /** The combined cost (1-alpha-beta) G + alpha U + beta L. */
  public double complexCost(int r, int t) {
    return complexCost[r][t];
  }

  /** Selected plan index per agent id after iteration t of repetition r. */
  public int[] selectedPlans(int r, int t) {
    return selected[r][t].clone();
  }

  /** Selected plan index per agent id after the last iteration of repetition r. */
  public int[] selectedPlans(int r) {
    return selectedPlans(r, iterations - 1);
  }

  /** The global response g_t. */
  public double[] globalResponse(int r, int t) {
    return globalResponse[r][t].clone();
  }

  /** The global response after the last iteration of repetition r. */
  public double[] finalGlobalResponse(int r) {
    return globalResponse(r, iterations - 1);
  }

  /** Messages exchanged in iteration t (the message engine counts them; the fast engine reports 2(N-1)). */
  public long messages(int r, int t) {
    return messages[r][t];
  }

  /** Whether the tree was reorganised after iteration t of repetition r. */
  public boolean reorganisedAfter(int r, int t) {
    return reorganised[r][t];
  }
}
