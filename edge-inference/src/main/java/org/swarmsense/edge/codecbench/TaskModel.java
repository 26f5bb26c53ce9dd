package org.swarmsense.edge.codecbench;

import java.util.List;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.semantic.codec.PixelImage;

/**
 * The task model the receiver hands each decoded frame to. The plain COCO detector ignores how
 * much arrived; the hook for the robust model of the drones-see issue (trained on partially
 * received data) is this interface: it receives the arrived energy share too, and the bench scores
 * it against its own output on the uncompressed frame. Implementations must be usable from one
 * thread at a time.
 */
public interface TaskModel extends AutoCloseable {

  /** Name printed in the table. */
  String name();

  /**
   * Detections on a decoded frame.
   *
   * @param energyShare share of the frame's coefficient energy that arrived (1 for the original or
   *     for a JPEG-family decode)
   */
  List<Detection> detect(PixelImage image, double energyShare) throws Exception;
}
