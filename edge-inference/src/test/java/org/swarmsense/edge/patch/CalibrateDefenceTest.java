package org.swarmsense.edge.patch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.edge.EdgeInferenceSettings;
import org.swarmsense.edge.detect.VehicleDetector;
import org.swarmsense.edge.runtime.OnnxRuntimeBackend;
import org.swarmsense.edge.runtime.ThreadSettings;
import org.swarmsense.maps.MapsSettings;
import org.swarmsense.maps.SharedData;
import org.swarmsense.maps.camera.RenderDataset;
import org.swarmsense.semantic.codec.PixelImage;
import org.swarmsense.semantic.codec.PixelImages;

/**
 * A deployment calibrates the patch defence on clean frames of its own area (issue 20 part 5):
 * {@link CalibrateDefence#calibrate} on a {@code swarmsense render} output of the shared Monaco map and trace (seed 31),
 * and its refusals, each naming the folder or file.
 */
class CalibrateDefenceTest {

  @TempDir
  static Path tmp;
  private static Path rendered;

  @BeforeAll
  static void render() {
    rendered = tmp.resolve("monaco");
    RenderDataset.run(new RenderDataset.Options(SharedData.file("maps/monaco.osm.gz"),
        SharedData.file("traces/monaco-sumo-fcd-300s.xml.gz"), CalibrateDefence.MIN_FRAMES, 31, rendered,
        MapsSettings.load().camera(), "test"), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  /**
   * Data in: a render's output folder as it is (the frames are in its frames/). Data out: the
   * calibration the library chooses on the same frames with the shipped stages, as text that reads
   * back; the comment says how many frames and of which folder.
   */
  @Test
  void aRenderOutputCalibratesAsTheLibraryDoesOnItsFrames() throws Exception {
    List<String> lines = new ArrayList<>();
    CalibrateDefence.Calibrated c = CalibrateDefence.calibrate(List.of(rendered), 1, lines::add);
    assertEquals(CalibrateDefence.MIN_FRAMES, c.frames());
    assertEquals(List.of("calibrating the patch defence of the shipped plain vehicle detector on 10 frames of ["
        + rendered + "]"), lines);
    assertTrue(c.comment().endsWith("on 10 clean frames of [" + tmp.getFileName() + "/monaco]"), c.comment());
    List<PixelImage> frames = new ArrayList<>();
    try (Stream<Path> s = Files.list(rendered.resolve("frames"))) {
      for (Path p : s.sorted().toList()) {
        frames.add(PixelImages.read(p));
      }
    }
    EdgeInferenceSettings settings = EdgeInferenceSettings.load();
    VehicleDetector.Variant plain = VehicleDetector.Variant.PLAIN;
    try (StagedDetector staged = StagedDetector.shippedVehicle(plain, new OnnxRuntimeBackend(new ThreadSettings(1, 1)),
        plain.threshold(settings))) {
      ImportanceDefence.Calibration want = ImportanceDefence.calibrate(staged, frames,
          EdgeInferenceSettings.Patch.load().defence()).calibration();
      ImportanceDefence.Calibration back = ImportanceDefence.Calibration.parse(c.toText(), "written");
      assertEquals(want.feature(), back.feature());
      assertArrayEquals(want.channels(), back.channels());
      assertEquals(want.threshold(), back.threshold(), 0);
      assertEquals(want.changeThreshold(), back.changeThreshold());
    }
  }

  @Test
  void badFrameFoldersAreRefusedNamingTheFolderOrFile(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("missing");
    assertEquals("frames: not a folder: " + missing, refusal(List.of(missing)));
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertEquals("frames: no .png frames in " + empty + " (nor in its frames/)", refusal(List.of(empty)));
    Path nine = Files.createDirectories(dir.resolve("nine"));
    for (int i = 0; i < 9; i++) {
      png(nine.resolve(i + ".png"), 16, 16);
    }
    assertEquals("frames: 9 PNG frames in [" + nine + "], a calibration takes at least 10 (its thresholds are 0.9"
        + " quantiles over the frames)", refusal(List.of(nine)));
    // a small file whose header declares a frame of 9 million pixels is refused before it is decoded
    Path bomb = nine.resolve("9.png");
    png(bomb, 3000, 3000);
    assertTrue(Files.size(bomb) < 100_000, "a small file: " + Files.size(bomb));
    assertEquals("frames: not a usable frame: " + bomb + " (" + bomb + " is 3000x3000 pixels, more than the 4194304"
        + " allowed)", refusal(List.of(nine)));
    Files.writeString(bomb, "not a png");
    assertEquals("frames: not a usable frame: " + bomb + " (not an image ImageIO can read: " + bomb + ")",
        refusal(List.of(nine)));
    assertEquals("frames: give at least one folder of PNG frames", refusal(List.of()));
  }

  private static String refusal(List<Path> dirs) {
    return assertThrows(IllegalArgumentException.class, () -> CalibrateDefence.calibrate(dirs, 1, l -> { }))
        .getMessage();
  }

  private static void png(Path file, int w, int h) throws Exception {
    ImageIO.write(PixelImages.toBuffered(new PixelImage(w, h, 3, new byte[w * h * 3])), "png", file.toFile());
  }
}
