package org.swarmsense.edge.patch;

import java.util.ArrayList;
import java.util.List;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.edge.detect.DetectionF1;
import org.swarmsense.edge.runtime.Tensor;
import org.swarmsense.semantic.codec.PixelImage;

/**
 * The baseline: patch-agnostic masking in the style of ObjectSeeker (Xiang, Valtchanov, Wang and
 * Mittal, IEEE S&P 2023). {@code lines} evenly spaced horizontal and {@code lines} vertical lines
 * split the input; for each line, the part on either side is masked (input set to 0), so a patch
 * anywhere except across a line is wholly removed from at least one masked input. The detector runs
 * on the original and the {@code 4 * lines} masked inputs; boxes from masked inputs are pruned when
 * at least {@link Settings#pruneIoa()} (0.6) of their area lies inside a same-class box of the original (already
 * found), the remaining ones are clustered (same class, IoU >= 0.5) keeping the highest score of each
 * cluster, and added to the original's boxes. Our simplification of the paper's merge (which
 * clusters with DBSCAN on IoA and takes the union box of each cluster). Not thread-safe.
 */
public final class ObjectSeeker {

  /**
   * The baseline's parameters, read from edge-inference's {@code reference.conf} ({@code
   * swarmsense.edge-inference.patch.object-seeker}, via {@code EdgeInferenceSettings.Patch}).
   *
   * @param lines lines per direction, >= 1 (2: 8 masked inputs + the original)
   * @param pruneIoa share of a masked-input box inside an original box at or above which it is pruned, (0, 1]
   */
  public record Settings(int lines, double pruneIoa) {
    /** Validates the ranges. */
    public Settings {
      if (lines < 1) {
        throw new IllegalArgumentException("lines must be >= 1, got: " + lines);
      }
      if (!(pruneIoa > 0 && pruneIoa <= 1)) {
        throw new IllegalArgumentException("pruneIoa must be in (0, 1], got: " + pruneIoa);
      }
    }
  }

  private final StagedDetector detector;
  private final int lines;
  private final double pruneIoa;

  /** ObjectSeeker over {@code detector} with {@code settings}. */
  public ObjectSeeker(StagedDetector detector, Settings settings) {
    this.detector = detector;
    this.lines = settings.lines();
    this.pruneIoa = settings.pruneIoa();
  }

  /** Inferences per frame: the original and 4 x lines masked inputs. */
  public int inferencesPerFrame() {
    return 1 + 4 * lines;
  }

  /** Defended detections of {@code image}. */
  public List<Detection> detect(PixelImage image) {
    Tensor input = detector.input(image);
    List<Detection> base = detector.detectInput(input, image.width(), image.height());
    List<List<Detection>> masked = new ArrayList<>();
    for (Region keep : maskedParts()) {
      masked.add(detector.detectInput(maskOutside(input, keep), image.width(), image.height()));
    }
    return merge(base, masked, pruneIoa);
  }

  /** The regions that stay visible in each masked input (the rest is set to 0). */
  List<Region> maskedParts() {
    List<Region> parts = new ArrayList<>();
    for (int i = 1; i <= lines; i++) {
      double at = i / (lines + 1.0);
      parts.add(new Region(0, 0, 1, at));
      parts.add(new Region(0, at, 1, 1));
      parts.add(new Region(0, 0, at, 1));
      parts.add(new Region(at, 0, 1, 1));
    }
    return parts;
  }

  private Tensor maskOutside(Tensor input, Region keep) {
    Tensor t = input;
    if (keep.y0() > 0) {
      t = StagedDetector.fill(t, detector.inputLayout(), new Region(0, 0, 1, keep.y0()), 0f);
    }
    if (keep.y1() < 1) {
      t = StagedDetector.fill(t, detector.inputLayout(), new Region(0, keep.y1(), 1, 1), 0f);
    }
    if (keep.x0() > 0) {
      t = StagedDetector.fill(t, detector.inputLayout(), new Region(0, 0, keep.x0(), 1), 0f);
    }
    if (keep.x1() < 1) {
      t = StagedDetector.fill(t, detector.inputLayout(), new Region(keep.x1(), 0, 1, 1), 0f);
    }
    return t;
  }

  /** The original's boxes plus the pruned, clustered boxes of the masked inputs. */
  static List<Detection> merge(List<Detection> base, List<List<Detection>> masked, double pruneIoa) {
    List<Detection> candidates = new ArrayList<>();
    for (List<Detection> part : masked) {
      for (Detection d : part) {
        boolean covered = false;
        for (Detection b : base) {
          if (b.classId() == d.classId() && insideShare(d, b) >= pruneIoa) {
            covered = true;
            break;
          }
        }
        if (!covered) {
          candidates.add(d);
        }
      }
    }
    candidates.sort((a, b) -> Double.compare(b.score(), a.score()));
    List<Detection> out = new ArrayList<>(base);
    List<Detection> kept = new ArrayList<>();
    for (Detection d : candidates) {
      boolean clustered = false;
      for (Detection k : kept) {
        if (k.classId() == d.classId() && k.iou(d) >= DetectionF1.MIN_IOU) {
          clustered = true;
          break;
        }
      }
      if (!clustered) {
        kept.add(d);
      }
    }
    out.addAll(kept);
    out.sort((a, b) -> Double.compare(b.score(), a.score()));
    return out;
  }

  /** Share of {@code d}'s area inside {@code b} (0 for an empty box). */
  static double insideShare(Detection d, Detection b) {
    double iw = Math.min(d.x1(), b.x1()) - Math.max(d.x0(), b.x0());
    double ih = Math.min(d.y1(), b.y1()) - Math.max(d.y0(), b.y0());
    double area = (d.x1() - d.x0()) * (d.y1() - d.y0());
    if (iw <= 0 || ih <= 0 || area <= 0) {
      return 0;
    }
    return iw * ih / area;
  }
}
