/**
 * Sampling-rate, offloading and edge CPU-split control after Wu et al. (IEEE TII 2021): the
 * system model ({@link org.swarmsense.semantic.control.ControlModel}, {@link
 * org.swarmsense.semantic.control.SlotDynamics}), Lyapunov virtual queues in the reward, the
 * closed-form edge split ({@link org.swarmsense.semantic.control.EdgeSplit}), the controller
 * interface the platform calls each slot ({@link org.swarmsense.semantic.control.Controller}) and
 * the paper's baselines. The learning agents live in {@code control.rl}, the benchmark in {@code
 * control.bench}. Plain Java.
 */
package org.swarmsense.semantic.control;
