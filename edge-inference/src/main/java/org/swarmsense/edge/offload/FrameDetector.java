package org.swarmsense.edge.offload;

import java.util.List;
import org.swarmsense.edge.detect.CocoDetector;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.edge.detect.VehicleDetector;
import org.swarmsense.semantic.codec.PixelImage;

/**
 * What an edge node runs on a decoded frame: any detector that turns an image into boxes in its
 * pixel coordinates. The product's vehicle detector plugs in by implementing this one method (or a
 * lambda); tests and benchmarks use the COCO detector through {@link #coco}. Implementations are
 * called by one thread at a time per edge node; they may throw, and the node answers the task with
 * {@link TaskFailure#DETECTOR_FAILED}.
 */
public interface FrameDetector {

  /** The detector's variant name, reported in every result (a short word, e.g. {@code coco-centernet}). */
  String variant();

  /** Detections on {@code image}, strongest first. */
  List<Detection> detect(PixelImage image) throws Exception;

  /**
   * The detector an edge node runs for a model file given by its operator: today a CenterNet in the
   * COCO detector's input/output format ({@link CocoDetector}); the project's own vehicle detector is
   * {@link #shippedVehicles}. The caller closes the returned detector's session through {@link
   * AutoCloseable} if it cares (edge nodes keep theirs for the life of the process).
   *
   * @param model path of the ONNX file
   * @param threads ONNX Runtime intra-op threads, >= 1
   * @param minScore detections below this score are dropped, 0..1
   */
  static FrameDetector open(java.nio.file.Path model, int threads, double minScore) throws Exception {
    return coco(new CocoDetector(model, threads), minScore);
  }

  /**
   * The project's own vehicle detector as an edge node's detector (every detection is a vehicle,
   * class {@link VehicleDetector#VEHICLE}); the variant name is {@code vehicle-plain} or {@code
   * vehicle-robust}. Closing is the caller's business (edge nodes keep theirs for the life of the
   * process).
   */
  static FrameDetector vehicles(VehicleDetector detector) {
    if (detector == null) {
      throw new IllegalArgumentException("detector must not be null");
    }
    String name = "vehicle-" + detector.variant().name().toLowerCase(java.util.Locale.ROOT);
    return new FrameDetector() {
      @Override
      public String variant() {
        return name;
      }

      @Override
      public List<Detection> detect(PixelImage image) {
        return detector.detect(image);
      }
    };
  }

  /**
   * The shipped vehicle detector {@code variant} from the classpath on ONNX Runtime with {@code
   * threads} intra-op threads and the variant's score threshold from {@code settings}: what an edge
   * node runs when no model file is configured.
   */
  static FrameDetector shippedVehicles(VehicleDetector.Variant variant, int threads,
      org.swarmsense.edge.EdgeInferenceSettings settings) {
    if (variant == null || settings == null || threads < 1) {
      throw new IllegalArgumentException("variant, settings and threads >= 1 must be given, threads was " + threads);
    }
    return vehicles(VehicleDetector.open(variant, new org.swarmsense.edge.runtime.OnnxRuntimeBackend(
        new org.swarmsense.edge.runtime.ThreadSettings(threads, 1)), variant.threshold(settings)));
  }

  /**
   * The COCO CenterNet (tests and benchmarks only: its model is shared test data, never a product
   * default) keeping detections with score >= {@code minScore}.
   */
  static FrameDetector coco(CocoDetector detector, double minScore) {
    if (detector == null) {
      throw new IllegalArgumentException("detector must not be null");
    }
    if (!(minScore >= 0 && minScore <= 1)) {
      throw new IllegalArgumentException("minScore must be in [0, 1], got: " + minScore);
    }
    return new FrameDetector() {
      @Override
      public String variant() {
        return "coco-centernet";
      }

      @Override
      public List<Detection> detect(PixelImage image) throws Exception {
        return detector.detect(image, minScore);
      }
    };
  }
}
