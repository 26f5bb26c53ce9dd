/**
 * Candidate plans per drone: the {@link org.swarmsense.epos.sensing.plans.SensingProblem} (cells,
 * slots, goal and vehicle-seconds per (cell, slot), index {@code cell * slots + slot}), the
 * {@link org.swarmsense.epos.sensing.plans.LegRouter} that routes legs around no-fly zones, and the
 * {@link org.swarmsense.epos.sensing.plans.PlanGenerator} that builds K feasible, diverse plans.
 */
package org.swarmsense.epos.sensing.plans;
