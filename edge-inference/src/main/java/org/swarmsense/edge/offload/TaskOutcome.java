package org.swarmsense.edge.offload;

import java.util.List;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.edge.patch.Region;

/**
 * An edge node's answer to one {@link FrameTask}: {@link Served} (detections on what arrived) or
 * {@link Refused} (an error with a reason). Immutable.
 */
public sealed interface TaskOutcome {

  /** The task answered. */
  String taskId();

  /**
   * Detections on the frame decoded from what arrived by the deadline.
   *
   * @param taskId the task
   * @param frameId the codec frame id
   * @param detections boxes in the frame's pixel coordinates, strongest first
   * @param energyShare share of the frame's coefficient energy that arrived, 0..1
   * @param packetsAccepted packets decoded
   * @param packetsExpected packets the task declared
   * @param latencyMs from the node receiving the first packet to the answer, milliseconds
   * @param computeMs decoding plus detection, milliseconds
   * @param variant the detector variant that ran
   * @param widthPx the frame's width, pixels
   * @param heightPx the frame's height, pixels
   * @param defended the patch defence ran on this frame
   * @param masked regions the defence found and masked (empty unless defended), fractions of the frame
   */
  record Served(String taskId, long frameId, List<Detection> detections, double energyShare, int packetsAccepted,
      int packetsExpected, double latencyMs, double computeMs, String variant, int widthPx, int heightPx,
      boolean defended, List<Region> masked) implements TaskOutcome {

    /** Copies the lists and checks the ranges. */
    public Served {
      detections = List.copyOf(detections);
      masked = List.copyOf(masked);
      if (!defended && !masked.isEmpty()) {
        throw new IllegalArgumentException("masked regions need defended = true, got " + masked.size() + " regions");
      }
      if (!(energyShare >= 0 && energyShare <= 1)) {
        throw new IllegalArgumentException("energyShare must be in [0, 1], got: " + energyShare);
      }
      if (packetsAccepted < 0 || packetsAccepted > packetsExpected) {
        throw new IllegalArgumentException("packetsAccepted must be 0.." + packetsExpected + ", got: " + packetsAccepted);
      }
      if (!(latencyMs >= 0) || !(computeMs >= 0)) {
        throw new IllegalArgumentException("latencyMs and computeMs must be >= 0, got: " + latencyMs + ", " + computeMs);
      }
    }
  }

  /**
   * The task refused or failed.
   *
   * @param taskId the task
   * @param reason why
   * @param detail a sentence naming the field and the value
   */
  record Refused(String taskId, TaskFailure reason, String detail) implements TaskOutcome {

    /** Checks that reason and detail are present. */
    public Refused {
      if (reason == null || detail == null || detail.isBlank()) {
        throw new IllegalArgumentException("reason and detail must be given, got: " + reason + ", " + detail);
      }
    }
  }
}
