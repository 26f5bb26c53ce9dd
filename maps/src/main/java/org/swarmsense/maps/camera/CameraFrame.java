package org.swarmsense.maps.camera;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * One rendered frame: the RGB image ({@link BufferedImage#TYPE_INT_RGB}, owned by the caller), the
 * ground-truth box of every vehicle at least partly in view, and the frame's road region.
 *
 * @param image the picture, width x height of the camera settings
 * @param boxes one box per visible vehicle, in the traffic source's order
 * @param metresPerPixel ground sampling distance, metres per pixel
 * @param roads the road region of the frame ({@link RoadMask}), the image's size
 */
public record CameraFrame(BufferedImage image, List<VehicleBox> boxes, double metresPerPixel, RoadMask roads) {

  /** Copies the box list; checks that the road mask is the image's size. */
  public CameraFrame {
    if (image == null || roads == null) {
      throw new IllegalArgumentException("image and roads must not be null");
    }
    if (roads.widthPx() != image.getWidth() || roads.heightPx() != image.getHeight()) {
      throw new IllegalArgumentException("road mask " + roads.widthPx() + "x" + roads.heightPx()
          + " does not match the " + image.getWidth() + "x" + image.getHeight() + " image");
    }
    boxes = List.copyOf(boxes);
  }
}
