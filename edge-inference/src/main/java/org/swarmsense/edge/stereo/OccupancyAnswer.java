package org.swarmsense.edge.stereo;

import java.util.List;

/**
 * What an {@link OccupancyService} answered: the levels it reached, coarse first, from the pass that
 * reached the finest one, and how it decided.
 *
 * @param levels the levels computed, coarse to fine (at least 8^3 and 16^3)
 * @param fullPass whether the full-size pass ran (levels from 32^3 up need it); false: the half-size
 *     pass's 8^3 and 16^3 only
 * @param predictedFullPassMs the predicted time of the full-size pass to 32^3 when the decision was
 *     taken, milliseconds
 * @param elapsedMs time from the start of serving to the answer by the service's clock, milliseconds
 * @param deadlineMs the request's deadline, milliseconds
 */
public record OccupancyAnswer(List<OccupancyLevel> levels, boolean fullPass, double predictedFullPassMs, double elapsedMs,
    double deadlineMs) {

  /** Copies the levels; validates them. */
  public OccupancyAnswer {
    if (levels == null || levels.size() < 2) {
      throw new IllegalArgumentException("an answer holds at least the 8^3 and 16^3 levels, got " + levels);
    }
    levels = List.copyOf(levels);
    if (!(predictedFullPassMs >= 0) || !(elapsedMs >= 0) || !(deadlineMs > 0)) {
      throw new IllegalArgumentException("predictedFullPassMs, elapsedMs must be >= 0 and deadlineMs > 0, got "
          + predictedFullPassMs + ", " + elapsedMs + ", " + deadlineMs);
    }
  }

  /** Voxels per axis of the finest level reached: 16, 32 or 64. */
  public int finestResolution() {
    return levels.get(levels.size() - 1).resolution();
  }

  /** The finest level reached. */
  public OccupancyLevel finest() {
    return levels.get(levels.size() - 1);
  }

  /** Whether the answer came after the deadline (the coarse pass alone may overrun a very tight one). */
  public boolean late() {
    return elapsedMs > deadlineMs;
  }
}
