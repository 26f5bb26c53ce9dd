package org.swarmsense.agents.detect;

import java.util.List;
import java.util.Optional;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.maps.camera.CameraFrame;
import org.swarmsense.semantic.codec.BandOrder;

/**
 * Where {@link MissionDetection} sends a captured frame and gets the edge node's vehicle detections
 * back: in the product the codec, the uplink model and the edge node's server ({@link
 * EdgeFrameLink}). A seam so the accounting can be checked on scripted detections.
 */
public interface FrameSender {

  /** The detector variant that answers, for the report. */
  String variant();

  /**
   * The vehicle detections on {@code frame} (pixel boxes of its image), or empty when the frame was
   * lost on the way.
   *
   * @param frameId the frame's number in the run, 0..2^32-1
   * @param channelSeed seed of this frame's channel losses
   */
  Optional<List<Detection>> send(CameraFrame frame, long frameId, long channelSeed);

  /**
   * Mean size of the frames sent so far as encoded (every packet, before the uplink's deadline cut),
   * bits; empty when the sender does not encode (scripted senders) or sent nothing.
   */
  default java.util.OptionalDouble meanEncodedFrameBits() {
    return java.util.OptionalDouble.empty();
  }

  /** The band order the frames are encoded in, for the report; empty when the sender does not encode. */
  default Optional<BandOrder> bandOrder() {
    return Optional.empty();
  }
}
