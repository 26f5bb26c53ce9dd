/**
 * I-EPOS, the Iterative Economic Planning and Optimized Selections algorithm: N agents each select
 * one of their candidate plans so that the sum of the selected plans (the global response) minimises
 * a global cost, trading it off against fairness and local cost, by bottom-up and top-down passes
 * over a tree that carry only aggregates.
 *
 * <p>Reading order: {@link org.swarmsense.epos.core.Plan}, {@link org.swarmsense.epos.core.AgentPlans}
 * and {@link org.swarmsense.epos.core.Dataset} (input); {@link org.swarmsense.epos.core.GlobalCosts},
 * {@link org.swarmsense.epos.core.LocalCost}, {@link org.swarmsense.epos.core.EposConfig}; {@link
 * org.swarmsense.epos.core.Tree}; the per-agent step API {@link org.swarmsense.epos.core.AgentStep}
 * with {@link org.swarmsense.epos.core.AgentState}, {@link org.swarmsense.epos.core.UpMessage} and
 * {@link org.swarmsense.epos.core.DownMessage} (what the actor version drives message by message);
 * {@link org.swarmsense.epos.core.Epos} (engines) and {@link org.swarmsense.epos.core.EposResult},
 * written by {@link org.swarmsense.epos.core.EposCsvWriter}.
 *
 * <p>Per-agent step API (what an actor drives, message by message): create one {@link
 * org.swarmsense.epos.core.AgentStep} per agent and its state with {@code initial(childCount,
 * repetition, seed)}. Each iteration, an agent calls {@code up(state, childUpMessages)} once every
 * child's {@link org.swarmsense.epos.core.UpMessage} is in (leaves at once, with none) and sends the
 * returned message to its parent; the root instead calls {@code down(state,
 * DownMessage.fromRoot(itsUp))}; every agent calls {@code down(state, parentMessage)} and sends the
 * returned {@link org.swarmsense.epos.core.DownMessage}s to its children in child order. After a tree
 * reorganisation, {@code regroup} with the new children's messages followed by a {@code down} pass
 * rebuilds the subtree responses. The in-process engines perform exactly this arithmetic, so the
 * actor version gives identical answers.
 */
package org.swarmsense.epos.core;
