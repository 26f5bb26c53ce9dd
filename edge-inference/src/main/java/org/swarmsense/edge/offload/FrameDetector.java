package org.swarmsense.edge.offload;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.swarmsense.edge.EdgeInferenceSettings;
import org.swarmsense.edge.detect.CocoDetector;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.edge.detect.VehicleDetector;
import org.swarmsense.edge.patch.ImportanceDefence;
import org.swarmsense.edge.patch.Region;
import org.swarmsense.edge.patch.StagedDetector;
import org.swarmsense.edge.runtime.OnnxRuntimeBackend;
import org.swarmsense.edge.runtime.ThreadSettings;
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
   * What a node serves for one frame.
   *
   * @param detections strongest first
   * @param defended the patch defence ran
   * @param masked regions the defence masked (empty unless defended), fractions of the frame
   */
  record Found(List<Detection> detections, boolean defended, List<Region> masked) {

    /** Copies the lists; masked regions need {@code defended}. */
    public Found {
      detections = List.copyOf(detections);
      masked = List.copyOf(masked);
      if (!defended && !masked.isEmpty()) {
        throw new IllegalArgumentException("masked regions need defended = true, got " + masked.size() + " regions");
      }
    }
  }

  /**
   * Detections on {@code image}, with the patch defence if this detector has one and its policy
   * defends a task that asked {@code defend}; without a defence, {@link #detect} undefended.
   */
  default Found find(PixelImage image, boolean defend) throws Exception {
    return new Found(detect(image), false, List.of());
  }

  /**
   * A detector with our patch defence (edge-inference {@code patch.ImportanceDefence}) in front of
   * {@code staged}: {@link #detect} runs it undefended, {@link #find} defends when {@code policy} says
   * so for the task. Variant name {@code name}.
   */
  static FrameDetector defended(String name, StagedDetector staged,
      ImportanceDefence defence, PatchDefencePolicy policy) {
    if (name == null || staged == null || defence == null || policy == null) {
      throw new IllegalArgumentException("name, staged detector, defence and policy must be given");
    }
    return new FrameDetector() {
      @Override
      public String variant() {
        return name;
      }

      @Override
      public List<Detection> detect(PixelImage image) {
        return staged.detect(image);
      }

      @Override
      public Found find(PixelImage image, boolean defend) {
        if (!policy.defends(defend)) {
          return new Found(staged.detect(image), false, List.of());
        }
        ImportanceDefence.Result r = defence.detect(image);
        return new Found(r.detections(), true, r.masked() == null ? List.of()
            : List.of(staged.inFrame(r.masked(), image)));
      }
    };
  }

  /**
   * The shipped plain vehicle detector with the patch defence and its shipped calibration, on
   * {@code threads} ONNX Runtime threads: what an edge node runs when its policy is not {@link
   * PatchDefencePolicy#OFF}. Same variant name and detections as {@link #shippedVehicles} for the plain
   * variant (the stages chain to the same model).
   */
  static FrameDetector shippedDefendedVehicles(int threads, EdgeInferenceSettings settings,
      PatchDefencePolicy policy) {
    return defendedPlain(threads, settings, policy, ImportanceDefence.shippedVehicleCalibration(), null);
  }

  /**
   * {@link #shippedDefendedVehicles(int, EdgeInferenceSettings, PatchDefencePolicy)} with another
   * calibration of the same detector (a deployment's own, {@code swarmsense calibrate-defence}). It is
   * tried on a blank frame here, so one made for another detector stops the node at start instead of
   * failing its first defended task. (The shipped calibration is not tried at each start: {@code
   * DefendedDetectorTest} runs it on the shipped detector.)
   *
   * @param source names the calibration in messages (its file)
   * @throws IllegalArgumentException naming {@code source} when the calibration does not fit the
   *     detector (a feature it has not, a channel beyond its feature's)
   */
  static FrameDetector shippedDefendedVehicles(int threads, EdgeInferenceSettings settings,
      PatchDefencePolicy policy, ImportanceDefence.Calibration calibration, String source) {
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("source must name the calibration, was: " + source);
    }
    return defendedPlain(threads, settings, policy, calibration, source);
  }

  /** The defended shipped plain detector; {@code source} non-null: try the calibration on a blank frame first. */
  private static FrameDetector defendedPlain(int threads, EdgeInferenceSettings settings,
      PatchDefencePolicy policy, ImportanceDefence.Calibration calibration, String source) {
    if (settings == null || policy == null || threads < 1 || calibration == null) {
      throw new IllegalArgumentException("settings, policy, calibration and threads >= 1 must be given, threads was "
          + threads);
    }
    VehicleDetector.Variant plain = VehicleDetector.Variant.PLAIN;
    StagedDetector staged = StagedDetector.shippedVehicle(plain,
        new OnnxRuntimeBackend(new ThreadSettings(threads, 1)),
        plain.threshold(settings));
    ImportanceDefence defence = ImportanceDefence.of(staged, EdgeInferenceSettings.Patch.load().defence(), calibration);
    if (source != null) {
      try {
        defence.detect(new PixelImage(512, 512, 3, new byte[512 * 512 * 3])); // the camera's default frame, black
      } catch (IllegalStateException e) {
        staged.close();
        throw new IllegalArgumentException("the patch calibration " + source + " does not fit the shipped plain"
            + " vehicle detector: " + e.getMessage(), e);
      }
    }
    return defended("vehicle-" + plain.name().toLowerCase(Locale.ROOT), staged, defence, policy);
  }

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
  static FrameDetector open(Path model, int threads, double minScore) throws Exception {
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
    return named("vehicle-" + detector.variant().name().toLowerCase(Locale.ROOT), detector::detect);
  }

  /**
   * The shipped vehicle detector {@code variant} from the classpath on ONNX Runtime with {@code
   * threads} intra-op threads and the variant's score threshold from {@code settings}: what an edge
   * node runs when no model file is configured.
   */
  static FrameDetector shippedVehicles(VehicleDetector.Variant variant, int threads,
      EdgeInferenceSettings settings) {
    if (variant == null || settings == null || threads < 1) {
      throw new IllegalArgumentException("variant, settings and threads >= 1 must be given, threads was " + threads);
    }
    return vehicles(VehicleDetector.open(variant, new OnnxRuntimeBackend(
        new ThreadSettings(threads, 1)), variant.threshold(settings)));
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
    return named("coco-centernet", image -> detector.detect(image, minScore));
  }

  /** One detector call, the single method of a detector without a defence. */
  @FunctionalInterface
  interface Detect {
    /** Detections on {@code image}, strongest first. */
    List<Detection> detect(PixelImage image) throws Exception;
  }

  /** A detector named {@code name} that runs {@code detect} (no defence: {@link #find} is undefended). */
  static FrameDetector named(String name, Detect detect) {
    if (name == null || name.isBlank() || detect == null) {
      throw new IllegalArgumentException("name and detect must be given, name was: " + name);
    }
    return new FrameDetector() {
      @Override
      public String variant() {
        return name;
      }

      @Override
      public List<Detection> detect(PixelImage image) throws Exception {
        return detect.detect(image);
      }
    };
  }
}
