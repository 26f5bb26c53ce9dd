package org.swarmsense.semantic.control;

/**
 * One inference service of the control model: how many devices run it, how big a task is and how
 * many CPU cycles a bit costs on a device and at the edge. Immutable.
 *
 * @param name label used in tables
 * @param devices N_m, devices serving it, >= 1
 * @param taskBits bits of one task at the full sampling rate (paper: 768 kbit, 512 kbit)
 * @param localCyclesPerBit eta_c on a device, cycles per bit (paper: 80, 160)
 * @param edgeCyclesPerBit eta_u at the edge, cycles per bit (paper: 200, 400)
 * @param accuracyTarget A_th, the long-run mean accuracy the service must reach, in (0, 1]
 */
public record ServiceProfile(
    String name, int devices, double taskBits, double localCyclesPerBit, double edgeCyclesPerBit,
    double accuracyTarget) {

  /** Validates every field. */
  public ServiceProfile {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank, got: " + name);
    }
    if (devices < 1) {
      throw new IllegalArgumentException("devices must be >= 1, got: " + devices);
    }
    requirePositive("taskBits", taskBits);
    requirePositive("localCyclesPerBit", localCyclesPerBit);
    requirePositive("edgeCyclesPerBit", edgeCyclesPerBit);
    if (!(accuracyTarget > 0 && accuracyTarget <= 1)) {
      throw new IllegalArgumentException("accuracyTarget must be in (0, 1], got: " + accuracyTarget);
    }
  }

  static void requirePositive(String field, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(field + " must be a finite number > 0, got: " + value);
    }
  }
}
