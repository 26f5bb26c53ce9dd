package org.swarmsense.gateway.wire;

/**
 * An occupancy request to an edge node (issue 19 part 4): a rectified stereo pair as two 8-bit grey
 * PNG images, its calibration, the box to voxelise in the left camera's coordinates and the
 * deadline. JSON fields {@code v, t_ms, task_id, deadline_ms, width_px, height_px, focal_px, cx_px,
 * cy_px, doffs_px, baseline_m, box_min_x_m, box_min_y_m, box_min_z_m, box_side_m, left_png_b64,
 * right_png_b64}. The PNGs are checked here for their signature only; decoding them and checking
 * their size against {@code width_px} x {@code height_px} is the node's (which answers {@code
 * bad_image} naming the field). A message is at most {@link #MAX_MESSAGE_BYTES}. Immutable; the
 * arrays are owned by the record's creator and must not be changed.
 *
 * @param v payload version, 1
 * @param tMs when the request was sent, milliseconds since the Unix epoch
 * @param taskId the request's id, 1..64 of [A-Za-z0-9_-]
 * @param deadlineMs from the node receiving the request to the latest useful answer, 1..60000 ms
 * @param widthPx image width, {@value #MIN_SIDE_PX}..{@value #MAX_SIDE_PX}
 * @param heightPx image height, {@value #MIN_SIDE_PX}..{@value #MAX_SIDE_PX}
 * @param focalPx focal length, pixels, (0, 100000]
 * @param cxPx principal point x of the left camera, pixels (column index), within the image
 * @param cyPx principal point y, pixels (row index), within the image
 * @param doffsPx principal point difference of the two cameras, pixels, [0, 10000]
 * @param baselineM baseline, metres, (0, 1000]
 * @param boxMinXM the box's lower X, metres, |x| <= 10000
 * @param boxMinYM the box's lower Y, metres, |y| <= 10000
 * @param boxMinZM the box's lower Z (depth), metres, [0, 10000]
 * @param boxSideM the box's edge, metres, (0, 10000]
 * @param leftPng the left image, PNG bytes
 * @param rightPng the right image, PNG bytes
 */
public record OccupancyTask(int v, long tMs, String taskId, int deadlineMs, int widthPx, int heightPx, double focalPx,
    double cxPx, double cyPx, double doffsPx, double baselineM, double boxMinXM, double boxMinYM, double boxMinZM,
    double boxSideM, byte[] leftPng, byte[] rightPng) {

  /** Smallest image side (the node's half-size pass needs 16 px). */
  public static final int MIN_SIDE_PX = 16;
  /** Largest image side. */
  public static final int MAX_SIDE_PX = 1024;
  /**
   * Largest request message, bytes (2 MiB): two 512 x 512 grey PNGs of a rendered nadir scene with
   * sensor noise are about 250 KB each, 670 KB as base64; this leaves room for 1024 px sides of
   * smoother scenes. Larger is {@code too_large}, unread.
   */
  public static final int MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /** Validates every field; errors name the JSON field and the value. */
  public OccupancyTask {
    Payloads.requireVersion(v);
    Payloads.requireTime("t_ms", tMs);
    Payloads.requireName("task_id", taskId);
    Payloads.requireInteger("deadline_ms", deadlineMs, 1, 60_000);
    Payloads.requireInteger("width_px", widthPx, MIN_SIDE_PX, MAX_SIDE_PX);
    Payloads.requireInteger("height_px", heightPx, MIN_SIDE_PX, MAX_SIDE_PX);
    requireOpenClosed("focal_px", focalPx, 100_000);
    Payloads.requireRange("cx_px", cxPx, 0, widthPx - 1);
    Payloads.requireRange("cy_px", cyPx, 0, heightPx - 1);
    Payloads.requireRange("doffs_px", doffsPx, 0, 10_000);
    requireOpenClosed("baseline_m", baselineM, 1000);
    Payloads.requireRange("box_min_x_m", boxMinXM, -10_000, 10_000);
    Payloads.requireRange("box_min_y_m", boxMinYM, -10_000, 10_000);
    Payloads.requireRange("box_min_z_m", boxMinZM, 0, 10_000);
    requireOpenClosed("box_side_m", boxSideM, 10_000);
    requirePng("left_png_b64", leftPng);
    requirePng("right_png_b64", rightPng);
  }

  private static void requireOpenClosed(String field, double value, double max) {
    if (!(value > 0 && value <= max)) {
      throw new PayloadException(Rejection.BAD_VALUE, field + " must be in (0, " + max + "], was " + value);
    }
  }

  private static void requirePng(String field, byte[] png) {
    if (png == null) {
      throw new PayloadException(Rejection.MISSING_FIELD, field + " is missing");
    }
    boolean signed = png.length > PNG_SIGNATURE.length;
    for (int i = 0; signed && i < PNG_SIGNATURE.length; i++) {
      signed = png[i] == PNG_SIGNATURE[i];
    }
    if (!signed) {
      throw new PayloadException(Rejection.BAD_VALUE, field + " must be a PNG image (signature 89 50 4E 47 0D 0A 1A 0A), was "
          + png.length + " bytes without it");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OccupancyTask t && v == t.v && tMs == t.tMs && taskId.equals(t.taskId) && deadlineMs == t.deadlineMs
        && widthPx == t.widthPx && heightPx == t.heightPx && focalPx == t.focalPx && cxPx == t.cxPx && cyPx == t.cyPx
        && doffsPx == t.doffsPx && baselineM == t.baselineM && boxMinXM == t.boxMinXM && boxMinYM == t.boxMinYM
        && boxMinZM == t.boxMinZM && boxSideM == t.boxSideM && java.util.Arrays.equals(leftPng, t.leftPng)
        && java.util.Arrays.equals(rightPng, t.rightPng);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(taskId, tMs, java.util.Arrays.hashCode(leftPng), java.util.Arrays.hashCode(rightPng));
  }

  @Override
  public String toString() {
    return "OccupancyTask[" + taskId + ", " + widthPx + "x" + heightPx + ", deadline " + deadlineMs + " ms, PNGs "
        + leftPng.length + " + " + rightPng.length + " bytes]";
  }
}
