package org.swarmsense.edge.detect;

/**
 * One detected object, box in the pixel coordinates of the image given to the detector. Immutable.
 *
 * @param classId COCO class index (0 = person, see coco.names)
 * @param score confidence, 0..1
 * @param x0 left, pixels
 * @param y0 top, pixels
 * @param x1 right, pixels
 * @param y1 bottom, pixels
 */
public record Detection(int classId, double score, double x0, double y0, double x1, double y1) {

  /** Validates the class, score and box. */
  public Detection {
    if (classId < 0) {
      throw new IllegalArgumentException("classId must be >= 0, got: " + classId);
    }
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("score must be in [0, 1], got: " + score);
    }
    if (!(x1 >= x0) || !(y1 >= y0)) {
      throw new IllegalArgumentException("box must have x1 >= x0 and y1 >= y0, got: " + x0 + "," + y0 + "," + x1 + "," + y1);
    }
  }

  /** The box's centre, x, pixels. */
  public double centreX() {
    return (x0 + x1) / 2;
  }

  /** The box's centre, y, pixels. */
  public double centreY() {
    return (y0 + y1) / 2;
  }

  /** Intersection over union of two boxes, 0..1. */
  public double iou(Detection o) {
    double iw = Math.min(x1, o.x1) - Math.max(x0, o.x0);
    double ih = Math.min(y1, o.y1) - Math.max(y0, o.y0);
    if (iw <= 0 || ih <= 0) {
      return 0;
    }
    double inter = iw * ih;
    double union = (x1 - x0) * (y1 - y0) + (o.x1 - o.x0) * (o.y1 - o.y0) - inter;
    return union <= 0 ? 0 : inter / union;
  }
}
