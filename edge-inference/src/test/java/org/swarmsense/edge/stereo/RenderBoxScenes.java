package org.swarmsense.edge.stereo;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Test-scope main writing the learned path's data set (issue 19 part 3): scenes {@code 0..n-1} of
 * {@link BoxScenes}, each as {@code NNNNN_left.png}, {@code NNNNN_right.png} (grey) and {@code
 * NNNNN_occ.bin} (the truth's 8^3, 16^3 and 32^3 grids, one byte per voxel, index (z n + y) n + x,
 * in that order), plus {@code dataset.json} with the rig and the split. The split is fixed here:
 * scenes {@code 0..train-1} train, the rest are held out. Run (after {@code package}):
 * {@code java -cp edge-inference/target/classes:edge-inference/target/test-classes
 * org.swarmsense.edge.stereo.RenderBoxScenes edge-inference/target/box-scenes 400 320}.
 */
public final class RenderBoxScenes {

  private RenderBoxScenes() {}

  /** Arguments: folder, number of scenes, number of training scenes. */
  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: RenderBoxScenes DIR N TRAIN, got " + List.of(args));
    }
    Path dir = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    int train = Integer.parseInt(args[2]);
    if (n < 2 || train < 1 || train >= n) {
      throw new IllegalArgumentException("need 1 <= TRAIN < N, got N=" + n + " TRAIN=" + train);
    }
    Files.createDirectories(dir);
    long occupied16 = 0;
    for (int i = 0; i < n; i++) {
      BoxScenes.Pair pair = BoxScenes.render(i);
      String stem = String.format(Locale.ROOT, "%05d", i);
      ImageIO.write(grey(pair.left()), "png", dir.resolve(stem + "_left.png").toFile());
      ImageIO.write(grey(pair.right()), "png", dir.resolve(stem + "_right.png").toFile());
      List<OccupancyLevel> levels = BoxScenes.truthLevels(pair.truth());
      byte[] occ = new byte[8 * 8 * 8 + 16 * 16 * 16 + 32 * 32 * 32];
      int k = 0;
      for (int l = 0; l < 3; l++) {
        for (boolean b : levels.get(l).grid().occupied()) {
          occ[k++] = (byte) (b ? 1 : 0);
        }
      }
      occupied16 += levels.get(1).grid().occupiedCount();
      Files.write(dir.resolve(stem + "_occ.bin"), occ);
    }
    var c = BoxScenes.calibration();
    Files.writeString(dir.resolve("dataset.json"), String.format(Locale.ROOT,
        "{\"renderer\": \"org.swarmsense.edge.stereo.BoxScenes\", \"scenes\": %d, \"train\": %d, \"sizePx\": %d,"
            + " \"focalPx\": %.6f, \"cxPx\": %.3f, \"cyPx\": %.3f, \"baselineM\": %.3f,"
            + " \"box\": [-2, -2, 1.5, 4], \"levels\": [8, 16, 32]}%n",
        n, train, BoxScenes.SIZE_PX, c.focalPx(), c.principalXPx(), c.principalYPx(), c.baselineM()));
    System.out.printf(Locale.ROOT, "%d scenes (%d train, %d held out) in %s; mean occupied voxels at 16^3: %.1f%n", n, train,
        n - train, dir, occupied16 / (double) n);
  }

  private static BufferedImage grey(GrayImage g) {
    BufferedImage img = new BufferedImage(g.widthPx(), g.heightPx(), BufferedImage.TYPE_BYTE_GRAY);
    img.getRaster().setDataElements(0, 0, g.widthPx(), g.heightPx(), g.pixels());
    return img;
  }
}
