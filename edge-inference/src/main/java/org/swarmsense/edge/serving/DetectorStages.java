package org.swarmsense.edge.serving;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.swarmsense.edge.runtime.Backend;
import org.swarmsense.edge.runtime.BundledScript;
import org.swarmsense.edge.runtime.Tensor;

/**
 * A detector ONNX model split into consecutive stages by the project's script {@code
 * split_onnx_stages.py} (run with {@code /usr/bin/python3} and python3-onnx into a cache folder;
 * tests and benchmarks only: the split files are never part of an artifact). Also turns images into
 * the CenterNet input ([1, 512, 512, 3] RGB, 0..255, NHWC).
 */
public final class DetectorStages {

  /** The interpreter with python3-onnx (Debian's, not a virtualenv's). */
  public static final String PYTHON = BundledScript.PYTHON;

  private DetectorStages() {}

  /**
   * Splits {@code model} into {@code n} stage files {@code stage1.onnx ..} in {@code outDir} unless
   * they are already there and newer than the model, and returns their paths.
   */
  public static List<Path> split(Path model, Path outDir, int n) {
    if (!Files.isRegularFile(model)) {
      throw new IllegalArgumentException("detector model must be an ONNX file, got: " + model);
    }
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got: " + n);
    }
    List<Path> stages = new ArrayList<>();
    for (int k = 1; k <= n; k++) {
      stages.add(outDir.resolve("stage" + k + ".onnx"));
    }
    try {
      boolean fresh = true;
      for (Path s : stages) {
        fresh &= Files.isRegularFile(s) && Files.getLastModifiedTime(s).compareTo(Files.getLastModifiedTime(model)) > 0;
      }
      if (fresh) {
        return stages;
      }
      BundledScript.run(DetectorStages.class, "split_onnx_stages.py", outDir, "splitting " + model, "python3-onnx",
          Duration.ofMinutes(5), model.toString(), outDir.toString(), Integer.toString(n));
      return stages;
    } catch (IOException e) {
      throw new IllegalStateException("cannot split " + model + ": " + e.getMessage(), e);
    }
  }

  /** The split stages as a staged model without exits, named {@code name}. */
  public static StagedModel load(String name, List<Path> stageFiles, Backend backend) {
    List<Stage> stages = new ArrayList<>();
    for (int k = 0; k < stageFiles.size(); k++) {
      stages.add(Stage.withoutExit(name + "/" + (k + 1), backend.open(stageFiles.get(k))));
    }
    return new StagedModel(name, stages);
  }

  /** {@code image} scaled to {@code size} x {@code size} as a [1, size, size, 3] RGB tensor in 0..255. */
  public static Tensor nhwc(Path image, int size) {
    try {
      BufferedImage src = org.swarmsense.semantic.codec.PixelImages.readBuffered(image); // bounded by the header
      BufferedImage dst = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = dst.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(src, 0, 0, size, size, null);
      g.dispose();
      float[] data = new float[size * size * 3];
      int i = 0;
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          int rgb = dst.getRGB(x, y);
          data[i++] = (rgb >> 16) & 0xff;
          data[i++] = (rgb >> 8) & 0xff;
          data[i++] = rgb & 0xff;
        }
      }
      return new Tensor(new long[] {1, size, size, 3}, data);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read image " + image + ": " + e.getMessage(), e);
    }
  }
}
