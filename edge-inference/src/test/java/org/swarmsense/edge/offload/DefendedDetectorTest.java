package org.swarmsense.edge.offload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.edge.EdgeInferenceSettings;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.edge.detect.VehicleDetector;
import org.swarmsense.edge.detectbench.LabelledFrames;
import org.swarmsense.edge.patch.ImportanceDefence;
import org.swarmsense.maps.MapsSettings;
import org.swarmsense.maps.SharedData;
import org.swarmsense.maps.camera.RenderDataset;
import org.swarmsense.semantic.codec.PixelImage;
import org.swarmsense.semantic.codec.PixelImages;

/**
 * The patch defence as an edge node serves it (issue 20 part 5): the shipped stages of the plain
 * vehicle detector, the shipped calibration, and the node's policy, on frames rendered from the
 * shared Monaco map and trace (seed 77, which no training set used).
 */
class DefendedDetectorTest {

  @TempDir
  static Path tmp;
  private static List<PixelImage> frames;
  private static VehicleDetector plain;
  private static final EdgeInferenceSettings SETTINGS = EdgeInferenceSettings.load();

  @BeforeAll
  static void render() throws Exception {
    Path dir = tmp.resolve("frames");
    RenderDataset.run(new RenderDataset.Options(SharedData.file("maps/monaco.osm.gz"),
        SharedData.file("traces/monaco-sumo-fcd-300s.xml.gz"), 6, 77, dir, MapsSettings.load().camera(), "test"),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    frames = new ArrayList<>();
    for (LabelledFrames.Frame f : LabelledFrames.read(dir)) {
      frames.add(PixelImages.read(f.png()));
    }
    plain = VehicleDetector.open(VehicleDetector.Variant.PLAIN, SETTINGS);
  }

  @AfterAll
  static void close() {
    plain.close();
  }

  /** The shipped stage files chain to the shipped model: stale stages (weights changed, not re-split) fail here. */
  @Test
  void shippedStagesGiveTheShippedModelsDetections() throws Exception {
    FrameDetector d = FrameDetector.shippedDefendedVehicles(2, SETTINGS, PatchDefencePolicy.OFF);
    assertEquals("vehicle-plain", d.variant());
    int boxes = 0;
    for (PixelImage img : frames) {
      List<Detection> want = plain.detect(img);
      List<Detection> got = d.detect(img);
      assertEquals(want.size(), got.size(), "detections of a frame");
      for (int i = 0; i < want.size(); i++) {
        Detection a = want.get(i);
        Detection b = got.get(i);
        assertEquals(a.score(), b.score(), 1e-4, "score " + i);
        assertEquals(a.x0(), b.x0(), 0.05, "x0 " + i);
        assertEquals(a.y1(), b.y1(), 0.05, "y1 " + i);
      }
      boxes += want.size();
    }
    assertTrue(boxes >= 5, "too few detections to compare: " + boxes);
  }

  /** Data in: policy and request; data out: whether the defence ran (and, when not, the plain detections). */
  @Test
  void thePolicyAndTheRequestDecideWhetherTheDefenceRuns() throws Exception {
    boolean[][] expected = {{false, false}, {false, true}, {true, true}}; // OFF, ON_REQUEST, ALWAYS x (not asked, asked)
    PixelImage img = frames.get(0);
    for (PatchDefencePolicy p : PatchDefencePolicy.values()) {
      FrameDetector d = FrameDetector.shippedDefendedVehicles(1, SETTINGS, p);
      for (int asked = 0; asked < 2; asked++) {
        FrameDetector.Found f = d.find(img, asked == 1);
        assertEquals(expected[p.ordinal()][asked], f.defended(), p + " asked=" + (asked == 1));
        if (!f.defended()) {
          assertTrue(f.masked().isEmpty());
          assertEquals(plain.detect(img).size(), f.detections().size(), p + " undefended = plain");
        }
      }
    }
  }

  @Test
  void theShippedCalibrationRoundTripsAndBadTextIsNamed() {
    ImportanceDefence.Calibration c = ImportanceDefence.shippedVehicleCalibration();
    ImportanceDefence.Calibration back = ImportanceDefence.Calibration.parse(c.toText("test"), "round trip");
    assertEquals(c.feature(), back.feature());
    assertEquals(List.of(2, 8, 9, 12, 19, 21, 24, 30), java.util.Arrays.stream(back.channels()).boxed().toList());
    assertEquals(c.threshold(), back.threshold(), 0);
    assertEquals(c.changeThreshold(), back.changeThreshold());
    String e1 = assertThrows(IllegalArgumentException.class, () -> ImportanceDefence.Calibration.parse(
        "feature=x\nchannels=3,1\nthreshold=1\nchange-threshold=1", "f.txt")).getMessage();
    assertTrue(e1.contains("f.txt") && e1.contains("ascending"), e1);
    String e2 = assertThrows(IllegalArgumentException.class, () -> ImportanceDefence.Calibration.parse(
        "feature=x\nchannels=1\nthreshold=-2\nchange-threshold=1", "g.txt")).getMessage();
    assertTrue(e2.contains("g.txt") && e2.contains("threshold") && e2.contains("-2"), e2);
    String e3 = assertThrows(IllegalArgumentException.class, () -> ImportanceDefence.Calibration.parse(
        "feature=x\nbogus=1\n", "h.txt")).getMessage();
    assertTrue(e3.contains("h.txt line 2") && e3.contains("bogus"), e3);
    String e4 = assertThrows(IllegalArgumentException.class, () -> ImportanceDefence.Calibration.parse(
        "feature=x\nthreshold=1\n", "i.txt")).getMessage();
    assertTrue(e4.contains("channels= is missing"), e4);
    String e5 = assertThrows(IllegalArgumentException.class, () -> PatchDefencePolicy.parse("patch-defence", "maybe"))
        .getMessage();
    assertTrue(e5.contains("patch-defence") && e5.contains("maybe"), e5);
    assertEquals(PatchDefencePolicy.ON_REQUEST, PatchDefencePolicy.parse("x", "On-Request"));
    assertFalse(PatchDefencePolicy.OFF.defends(true));
  }

  /**
   * A deployment's calibration (issue 20 part 5) is tried when the node opens it: one made for another
   * detector stops the node at start, naming the file and what does not fit, instead of failing the
   * first defended task.
   */
  @Test
  void aCalibrationThatDoesNotFitTheDetectorIsRefusedAtStartNamingTheFile() {
    ImportanceDefence.Calibration shipped = ImportanceDefence.shippedVehicleCalibration();
    IllegalArgumentException noFeature = assertThrows(IllegalArgumentException.class,
        () -> FrameDetector.shippedDefendedVehicles(1, SETTINGS, PatchDefencePolicy.ALWAYS,
            new ImportanceDefence.Calibration("/other/net/Relu_output_0", new int[] {1, 2}, 1.2, 0), "other.txt"));
    assertTrue(noFeature.getMessage().startsWith("the patch calibration other.txt does not fit the shipped plain vehicle"
        + " detector: ") && noFeature.getMessage().contains("/other/net/Relu_output_0"), noFeature.getMessage());
    IllegalArgumentException wideChannel = assertThrows(IllegalArgumentException.class,
        () -> FrameDetector.shippedDefendedVehicles(1, SETTINGS, PatchDefencePolicy.ON_REQUEST,
            new ImportanceDefence.Calibration(shipped.feature(), new int[] {2, 4000}, 1.2, 0), "wide.txt"));
    assertTrue(wideChannel.getMessage().contains("wide.txt") && wideChannel.getMessage().contains("channel 4000 is beyond"),
        wideChannel.getMessage());
    // the shipped calibration under another name fits
    assertEquals("vehicle-plain", FrameDetector.shippedDefendedVehicles(1, SETTINGS, PatchDefencePolicy.ALWAYS,
        shipped, "copy.txt").variant());
  }

  @Test
  void aCalibrationFileIsReadWithItsNameInEveryError(@TempDir Path dir) throws Exception {
    ImportanceDefence.Calibration shipped = ImportanceDefence.shippedVehicleCalibration();
    Path good = java.nio.file.Files.writeString(dir.resolve("berlin.txt"), shipped.toText("a deployment's"));
    ImportanceDefence.Calibration back = ImportanceDefence.Calibration.read(good);
    assertEquals(shipped.feature(), back.feature());
    assertEquals(shipped.threshold(), back.threshold(), 0);
    Path missing = dir.resolve("missing.txt");
    assertEquals("calibration file not found (or not a regular file): " + missing, assertThrows(
        IllegalArgumentException.class, () -> ImportanceDefence.Calibration.read(missing)).getMessage());
    assertEquals("calibration file not found (or not a regular file): " + dir, assertThrows(
        IllegalArgumentException.class, () -> ImportanceDefence.Calibration.read(dir)).getMessage());
    Path big = java.nio.file.Files.write(dir.resolve("big.txt"), new byte[65_537]);
    assertEquals("calibration file " + big + " is 65537 bytes, more than the 65536 a calibration can take",
        assertThrows(IllegalArgumentException.class, () -> ImportanceDefence.Calibration.read(big)).getMessage());
    Path nan = java.nio.file.Files.writeString(dir.resolve("nan.txt"),
        "feature=x\nchannels=1\nthreshold=NaN\nchange-threshold=0\n");
    String e = assertThrows(IllegalArgumentException.class, () -> ImportanceDefence.Calibration.read(nan)).getMessage();
    assertTrue(e.startsWith(nan + ": threshold must be finite and > 0, got: NaN"), e);
  }
}
