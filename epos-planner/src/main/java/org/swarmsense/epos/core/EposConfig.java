package org.swarmsense.epos.core;

import java.util.List;

/**
 * Everything one I-EPOS run needs besides the agents' plans. Immutable, thread-safe (the cost
 * function must be too). Start from {@link #defaults()} and change fields with the withers.
 *
 * @param iterations T, iterations per repetition, >= 1 (no early stop)
 * @param repetitions S, independent repetitions ("simulations") on differently shuffled trees, >= 1
 * @param children k, children per inner vertex of the tree, 1..12 (each agent compares 2^k subsets)
 * @param alpha unfairness weight, in [0, 1]
 * @param beta local-cost weight, in [0, 1], alpha + beta <= 1
 * @param globalCost G, see {@link GlobalCosts}
 * @param localCost l, see {@link LocalCost}
 * @param seed master seed: repetition s >= 1 shuffles the tree with {@code new Random(seed + s)},
 *     each agent's tie-breaking generator is derived from (seed, repetition, agent id)
 * @param reorg when to re-shuffle the tree between iterations
 * @param constraints hard constraints on the global response (may be empty)
 * @param threads worker threads of the fast engine; 0 means one per available processor. Results do
 *     not depend on it.
 */
public record EposConfig(
    int iterations,
    int repetitions,
    int children,
    double alpha,
    double beta,
    GlobalCostFunction globalCost,
    LocalCost localCost,
    long seed,
    ReorganisationStrategy reorg,
    List<Constraint> constraints,
    int threads) {

  /** Largest number of children per vertex (2^k subsets are compared per agent). */
  public static final int MAX_CHILDREN = 12;

  /** Validates every field; the message names the field and the bad value. */
  public EposConfig {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be >= 1, got: " + iterations);
    }
    if (repetitions < 1) {
      throw new IllegalArgumentException("repetitions must be >= 1, got: " + repetitions);
    }
    if (children < 1 || children > MAX_CHILDREN) {
      throw new IllegalArgumentException("children must be in 1.." + MAX_CHILDREN + ", got: " + children);
    }
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must be in [0, 1], got: " + alpha);
    }
    if (!(beta >= 0 && beta <= 1)) {
      throw new IllegalArgumentException("beta must be in [0, 1], got: " + beta);
    }
    if (alpha + beta > 1) {
      throw new IllegalArgumentException("alpha + beta must be <= 1, got: " + alpha + " + " + beta);
    }
    if (globalCost == null) {
      throw new IllegalArgumentException("globalCost must not be null");
    }
    if (localCost == null) {
      throw new IllegalArgumentException("localCost must not be null");
    }
    if (reorg == null) {
      throw new IllegalArgumentException("reorg must not be null");
    }
    constraints = constraints == null ? List.of() : List.copyOf(constraints);
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0 (0 = all processors), got: " + threads);
    }
  }

  /**
   * The reference defaults: 40 iterations, 1 repetition, binary tree, alpha = beta = 0, VAR, INDEX,
   * seed 0, never reorganise, no constraints, all processors.
   */
  public static EposConfig defaults() {
    return new EposConfig(40, 1, 2, 0, 0, GlobalCosts.variance(), LocalCost.INDEX, 0,
        ReorganisationStrategy.never(), List.of(), 0);
  }

  /** Copy with another number of iterations. */
  public EposConfig withIterations(int v) {
    return new EposConfig(v, repetitions, children, alpha, beta, globalCost, localCost, seed, reorg, constraints, threads);
  }

  /** Copy with another number of repetitions. */
  public EposConfig withRepetitions(int v) {
    return new EposConfig(iterations, v, children, alpha, beta, globalCost, localCost, seed, reorg, constraints, threads);
  }

  /** Copy with another number of children per vertex. */
  public EposConfig withChildren(int v) {
    return new EposConfig(iterations, repetitions, v, alpha, beta, globalCost, localCost, seed, reorg, constraints, threads);
  }

  /** Copy with other alpha and beta. */
  public EposConfig withWeights(double a, double b) {
    return new EposConfig(iterations, repetitions, children, a, b, globalCost, localCost, seed, reorg, constraints, threads);
  }

  /** Copy with another global cost. */
  public EposConfig withGlobalCost(GlobalCostFunction v) {
    return new EposConfig(iterations, repetitions, children, alpha, beta, v, localCost, seed, reorg, constraints, threads);
  }

  /** Copy with another local cost. */
  public EposConfig withLocalCost(LocalCost v) {
    return new EposConfig(iterations, repetitions, children, alpha, beta, globalCost, v, seed, reorg, constraints, threads);
  }

  /** Copy with another seed. */
  public EposConfig withSeed(long v) {
    return new EposConfig(iterations, repetitions, children, alpha, beta, globalCost, localCost, v, reorg, constraints, threads);
  }

  /** Copy with another reorganisation strategy. */
  public EposConfig withReorg(ReorganisationStrategy v) {
    return new EposConfig(iterations, repetitions, children, alpha, beta, globalCost, localCost, seed, v, constraints, threads);
  }

  /** Copy with other constraints. */
  public EposConfig withConstraints(List<Constraint> v) {
    return new EposConfig(iterations, repetitions, children, alpha, beta, globalCost, localCost, seed, reorg, v, threads);
  }

  /** Copy with another thread count (0 = all processors). */
  public EposConfig withThreads(int v) {
    return new EposConfig(iterations, repetitions, children, alpha, beta, globalCost, localCost, seed, reorg, constraints, v);
  }

  /** The thread count to use: {@link #threads()} or, when 0, the available processors. */
  public int effectiveThreads() {
    return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
  }
}
