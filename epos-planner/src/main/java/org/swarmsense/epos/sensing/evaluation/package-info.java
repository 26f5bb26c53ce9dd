/**
 * Judging a selection of candidate plans: the sensing metrics of the spec (mismatch, under/over
 * sensing, energy, flights, vehicle observation share, observations per kJ, coverage; per mission
 * and per slot), the objective I-EPOS minimises, and the four baselines (random, uncoordinated
 * greedy, static even coverage, centralised best-response local search) run on the same plans.
 */
package org.swarmsense.epos.sensing.evaluation;
