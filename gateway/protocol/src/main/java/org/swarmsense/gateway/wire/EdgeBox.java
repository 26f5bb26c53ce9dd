package org.swarmsense.gateway.wire;

/**
 * One detection in an edge result (JSON {@code class_id, score, x0_px, y0_px, x1_px, y1_px}), box in
 * the pixel coordinates of the task's frame. Immutable.
 *
 * @param classId the detector variant's class index, 0..9999
 * @param score confidence, 0..1
 * @param x0Px left, pixels, >= 0
 * @param y0Px top, pixels, >= 0
 * @param x1Px right, pixels, >= x0
 * @param y1Px bottom, pixels, >= y0
 */
public record EdgeBox(int classId, double score, double x0Px, double y0Px, double x1Px, double y1Px) {

  /** Validates every field; errors name the JSON field and the value. */
  public EdgeBox {
    Payloads.requireInteger("class_id", classId, 0, 9999);
    Payloads.requireRange("score", score, 0, 1);
    Payloads.requireRange("x0_px", x0Px, 0, 65535);
    Payloads.requireRange("y0_px", y0Px, 0, 65535);
    Payloads.requireRange("x1_px", x1Px, x0Px, 65535);
    Payloads.requireRange("y1_px", y1Px, y0Px, 65535);
  }
}
