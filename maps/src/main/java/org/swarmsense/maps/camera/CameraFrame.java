package org.swarmsense.maps.camera;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * One rendered frame: the RGB image ({@link BufferedImage#TYPE_INT_RGB}, owned by the caller) and
 * the ground-truth box of every vehicle at least partly in view.
 *
 * @param image the picture, width x height of the camera settings
 * @param boxes one box per visible vehicle, in the traffic source's order
 * @param metresPerPixel ground sampling distance, metres per pixel
 */
public record CameraFrame(BufferedImage image, List<VehicleBox> boxes, double metresPerPixel) {

  /** Copies the box list. */
  public CameraFrame {
    boxes = List.copyOf(boxes);
  }
}
