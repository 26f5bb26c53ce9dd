package org.swarmsense.edge.patch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.swarmsense.edge.EdgeInferenceSettings;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.edge.detect.VehicleDetector;
import org.swarmsense.edge.offload.FrameDetector;
import org.swarmsense.edge.offload.PatchDefencePolicy;
import org.swarmsense.edge.runtime.OnnxRuntimeBackend;
import org.swarmsense.edge.runtime.ThreadSettings;
import org.swarmsense.semantic.codec.PixelImage;
import org.swarmsense.semantic.codec.PixelImages;

/**
 * Makes the attacked frame of the served end-to-end test (issue 20 part 5), once, by hand: the
 * bench's random-search attack ({@link RandomSearchPatch}, the settings {@code bench patch} uses for
 * a rendered frame: 4% patch, {@code --vehicle-queries}, seed {@code seed * 1000003 + frame}) against
 * the shipped plain vehicle detector, on one rendered frame; writes the attacked PNG and prints the
 * patch's place and what the shipped defended detector makes of the clean and the attacked frame.
 * Not a test: a test-scope main, run with the CLI jar on the class path, e.g.
 * {@code java -cp gateway/cli/target/swarmsense.jar edge-inference/src/test/java/org/swarmsense/edge/patch/AttackedFrameForServing.java
 * BERLIN/frames/FRAME.png 2 2026 2000 OUT.png}.
 */
public final class AttackedFrameForServing {

  private AttackedFrameForServing() {}

  /** Arguments: frame PNG, frame index (for the seed), bench seed, query budget, output PNG. */
  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      throw new IllegalArgumentException("usage: FRAME.png INDEX SEED QUERIES OUT.png, got " + args.length + " arguments");
    }
    PixelImage img = PixelImages.read(Path.of(args[0]));
    long frameSeed = Long.parseLong(args[2]) * 1_000_003L + Integer.parseInt(args[1]);
    int queries = Integer.parseInt(args[3]);
    EdgeInferenceSettings settings = EdgeInferenceSettings.load();
    VehicleDetector.Variant v = VehicleDetector.Variant.PLAIN;
    StagedDetector det = StagedDetector.shippedVehicle(v, new OnnxRuntimeBackend(new ThreadSettings(2, 1)),
        v.threshold(settings));
    List<Detection> ref = det.detect(img);
    System.out.printf("clean: %d detections %s%n", ref.size(), ref);
    RandomSearchPatch.Outcome found = RandomSearchPatch.attack(img, ref,
        q -> det.detect(q, PatchBenchOptions.QUERY_SCORE),
        new RandomSearchPatch.Settings(queries, PatchBenchOptions.PATCH_AREA, frameSeed));
    PixelImage attacked = found.apply(img);
    System.out.printf("patch: x %d, y %d, side %d px (frame %dx%d); %d queries, loss %.2f -> %.2f%n", found.x(),
        found.y(), found.patch().width(), img.width(), img.height(), found.queries(), found.startLoss(), found.loss());
    System.out.printf("attacked, undefended: %s%n", det.detect(attacked));
    FrameDetector served = FrameDetector.shippedDefendedVehicles(2, settings, PatchDefencePolicy.ON_REQUEST);
    for (PixelImage p : List.of(img, attacked)) {
      FrameDetector.Found f = served.find(p, true);
      System.out.printf("%s, defended: masked %s, %s%n", p == img ? "clean" : "attacked", f.masked(), f.detections());
    }
    Path out = Path.of(args[4]);
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    ImageIO.write(PixelImages.toBuffered(attacked), "png", out.toFile());
    System.out.println("wrote " + out);
  }
}
