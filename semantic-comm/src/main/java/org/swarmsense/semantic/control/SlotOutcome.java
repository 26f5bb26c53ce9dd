package org.swarmsense.semantic.control;

import java.util.List;

/**
 * The result of one slot under a decision. Immutable.
 *
 * @param meanDelayS D(t), mean over the devices with tasks of the completion time of the slot's new work, seconds
 * @param accuracy A_m(t) of each service; NaN for a service none of whose devices had tasks
 * @param overflows queues (device or edge) that hit their cap in the slot
 * @param reward r(t) = -V (D + w_p overflows) - sum_m Z_m (A_th,m - A_m)
 * @param cpuShares c_m used by the edge
 * @param uploadedBits bits sent to the edge in the slot
 * @param meanEdgeDelayS the edge compute-and-queue part of D(t): sum_m L_m / (c_m f_b) / (devices with tasks), seconds
 * @param meanUploadDelayS the upload part of D(t): sum over offloading devices with tasks of zeta_n / R_n, over the
 *     devices with tasks, seconds (the rest of D(t), meanDelayS - meanEdgeDelayS - meanUploadDelayS, is on-device)
 */
public record SlotOutcome(
    double meanDelayS, List<Double> accuracy, int overflows, double reward, List<Double> cpuShares,
    double uploadedBits, double meanEdgeDelayS, double meanUploadDelayS) {

  /** Copies the lists. */
  public SlotOutcome {
    accuracy = List.copyOf(accuracy);
    cpuShares = List.copyOf(cpuShares);
  }
}
