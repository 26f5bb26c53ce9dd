package org.swarmsense.gateway.wire;

import java.util.List;

/**
 * An edge node's answer on {@code swarmsense/{fleet}/edge/{id}/result/{task}}: detections on what
 * arrived by the deadline ({@code ok: true}), or an error with a reason ({@code ok: false}). JSON
 * fields {@code v, t_ms, task_id, ok}, then for a served task {@code frame_id, detections,
 * energy_share, packets_accepted, packets_expected, latency_ms, compute_ms, variant} and, when the
 * node's patch defence ran, {@code defended: true} and {@code masked}, for an error
 * {@code reason, detail}. Immutable.
 *
 * @param v payload version, 1
 * @param tMs when the node answered, milliseconds since the Unix epoch (node clock)
 * @param taskId the task (also the last topic level)
 * @param ok detections (true) or an error (false)
 * @param frameId the codec frame id (ok only, else 0)
 * @param detections boxes, strongest first, at most {@link #MAX_DETECTIONS} (ok only, else empty)
 * @param energyShare share of the frame's coefficient energy that arrived, 0..1 (ok only)
 * @param packetsAccepted packets decoded, 0..packets_expected (ok only)
 * @param packetsExpected packets the task declared (ok only)
 * @param latencyMs node receiving the first packet to the answer, milliseconds (ok only)
 * @param computeMs decoding plus detection, milliseconds (ok only)
 * @param variant the detector variant (and exit) that ran, a lower-case word with {@code -} (ok only)
 * @param defended the node's adversarial-patch defence ran on this frame (JSON {@code defended},
 *     optional, false when absent; ok only)
 * @param masked regions the defence masked as patches, at most {@link #MAX_MASKED} (JSON {@code
 *     masked}, present when defended; empty unless defended)
 * @param reason the error code, a lower-case word (error only, else null)
 * @param detail the error in a sentence naming field and value, at most 1000 characters (error only)
 */
public record EdgeResult(int v, long tMs, String taskId, boolean ok, long frameId, List<EdgeBox> detections,
    double energyShare, int packetsAccepted, int packetsExpected, double latencyMs, double computeMs, String variant,
    boolean defended, List<EdgeRegion> masked, String reason, String detail) {

  /** Most masked regions in one result. */
  public static final int MAX_MASKED = 8;

  /** Most detections in one result. */
  public static final int MAX_DETECTIONS = 100;
  /**
   * Largest result message read, bytes (64 KiB, as documented): 100 boxes of about 150 bytes plus a 1,000
   * character detail fit with room to spare; anything larger is refused as {@code too_large} unread.
   */
  public static final int MAX_MESSAGE_BYTES = 65_536;

  /** Validates every field; errors name the JSON field and the value. */
  public EdgeResult {
    Payloads.requireVersion(v);
    Payloads.requireTime("t_ms", tMs);
    Payloads.requireName("task_id", taskId);
    detections = detections == null ? List.of() : List.copyOf(detections);
    masked = masked == null ? List.of() : List.copyOf(masked);
    if (masked.size() > MAX_MASKED) {
      throw new PayloadException(Rejection.BAD_VALUE, "masked must hold at most " + MAX_MASKED + ", had "
          + masked.size());
    }
    if (!defended && !masked.isEmpty()) {
      throw new PayloadException(Rejection.BAD_VALUE, "masked is for defended=true only, had " + masked.size()
          + " regions");
    }
    if (ok) {
      Payloads.requireInteger("frame_id", frameId, 0, 0xFFFF_FFFFL);
      if (detections.size() > MAX_DETECTIONS) {
        throw new PayloadException(Rejection.BAD_VALUE,
            "detections must hold at most " + MAX_DETECTIONS + ", had " + detections.size());
      }
      Payloads.requireRange("energy_share", energyShare, 0, 1);
      Payloads.requireInteger("packets_expected", packetsExpected, 1, EdgeTaskPacket.MAX_PACKETS);
      Payloads.requireInteger("packets_accepted", packetsAccepted, 0, packetsExpected);
      Payloads.requireRange("latency_ms", latencyMs, 0, 3_600_000);
      Payloads.requireRange("compute_ms", computeMs, 0, 3_600_000);
      if (variant == null || !variant.matches("[a-z][a-z0-9_-]{0,63}")) {
        throw new PayloadException(variant == null ? Rejection.MISSING_FIELD : Rejection.BAD_VALUE,
            "variant must be a lower-case word [a-z][a-z0-9_-]{0,63}, was '" + Payloads.abbreviate(variant) + "'");
      }
      Payloads.requireNoRefusal(reason, detail);
    } else {
      Payloads.requireRefusal(reason, detail);
      if (!detections.isEmpty() || variant != null || defended) {
        throw new PayloadException(Rejection.BAD_VALUE, "detections, variant and defended are for ok=true only");
      }
    }
  }

  /** A served task without the patch defence. */
  public static EdgeResult served(long tMs, String taskId, long frameId, List<EdgeBox> detections, double energyShare,
      int packetsAccepted, int packetsExpected, double latencyMs, double computeMs, String variant) {
    return served(tMs, taskId, frameId, detections, energyShare, packetsAccepted, packetsExpected, latencyMs,
        computeMs, variant, false, List.of());
  }

  /** A served task, {@code defended} or not, with the regions the defence masked. */
  public static EdgeResult served(long tMs, String taskId, long frameId, List<EdgeBox> detections, double energyShare,
      int packetsAccepted, int packetsExpected, double latencyMs, double computeMs, String variant, boolean defended,
      List<EdgeRegion> masked) {
    return new EdgeResult(Payloads.VERSION, tMs, taskId, true, frameId, detections, energyShare, packetsAccepted,
        packetsExpected, latencyMs, computeMs, variant, defended, masked, null, null);
  }

  /** A refused or failed task; a detail longer than 1000 characters is cut. */
  public static EdgeResult error(long tMs, String taskId, String reason, String detail) {
    String d = detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000);
    return new EdgeResult(Payloads.VERSION, tMs, taskId, false, 0, List.of(), 0, 0, 0, 0, 0, null, false, List.of(),
        reason, d);
  }
}
