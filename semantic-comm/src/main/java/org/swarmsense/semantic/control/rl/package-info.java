/**
 * Deep reinforcement learning for the control model, in plain Java: a small dense network with
 * Adam ({@link org.swarmsense.semantic.control.rl.Mlp}), experience replay, DDPG and its TD3 variant
 * ({@link org.swarmsense.semantic.control.rl.DdpgAgent}), the mapping from continuous actions to
 * slot decisions and the trained controller ({@link
 * org.swarmsense.semantic.control.rl.LearnedController}). Everything is seeded: the same seed gives
 * the same numbers.
 */
package org.swarmsense.semantic.control.rl;
