/**
 * Energy-aware spatio-temporal drone sensing for traffic monitoring, on top of I-EPOS
 * ({@code org.swarmsense.epos.core}). A mission ({@link org.swarmsense.epos.sensing.mission}) gives
 * an area or a cells file, a time window in slots, bases, no-fly zones, a fleet and a traffic
 * source; {@link org.swarmsense.epos.sensing.MissionPlanner} turns the traffic into a goal r(c, t)
 * of drone-seconds per (cell, slot), generates K feasible candidate plans per drone
 * ({@link org.swarmsense.epos.sensing.plans}), lets I-EPOS select one per drone and compares it with
 * four baselines on the same plans ({@link org.swarmsense.epos.sensing.evaluation}); reports are
 * written by {@link org.swarmsense.epos.sensing.report}.
 *
 * <p><b>Parameters are our choices.</b> The published model of decentralised, energy-aware drone
 * coordination for traffic monitoring that this follows does not give its exact parameters, so
 * every default here (plan budgets E_k = C (1 - k / (eta K)) with eta = 2, up to 8 cells per slot in a
 * sortie, locality 1,000 m, 120 s battery swaps, goal scaled to coverageTarget x the fleet's hover
 * capacity, the observation proxy, the normalised cost used with beta) is swarmsense's own and is
 * documented where it is defined. The energy model follows the rotorcraft model of Stolaroff et al.
 * 2018 (Nature Communications 9:409) with the default 1.38 kg quadcopter of specs/sensing.md.
 *
 * <p>Everything is plain Java, deterministic for a given seed, and thread-safe unless stated.
 */
package org.swarmsense.epos.sensing;
