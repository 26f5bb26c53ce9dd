package org.swarmsense.edge.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.swarmsense.edge.EdgeInferenceSettings;
import org.swarmsense.edge.detectbench.LabelledFrames;
import org.swarmsense.edge.runtime.Tensor;
import org.swarmsense.maps.MapsSettings;
import org.swarmsense.maps.SharedData;
import org.swarmsense.maps.camera.RenderDataset;
import org.swarmsense.semantic.codec.PixelImage;
import org.swarmsense.semantic.codec.PixelImages;

class VehicleDetectorTest {

  /** The exporter's fixed input: value(c, y, x) = ((x*7 + y*13 + c*29) mod 256) / 255, [1,3,512,512]. */
  private static Tensor referenceInput() {
    float[] d = new float[3 * 512 * 512];
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < 512; y++) {
        for (int x = 0; x < 512; x++) {
          d[(c * 512 + y) * 512 + x] = ((x * 7 + y * 13 + c * 29) % 256) / 255f;
        }
      }
    }
    return new Tensor(new long[] {1, 3, 512, 512}, d);
  }

  @ParameterizedTest
  @EnumSource(VehicleDetector.Variant.class)
  void onnxRuntimeReproducesTheExportersOutputs(VehicleDetector.Variant variant) throws Exception {
    Config ref;
    try (InputStream in = VehicleDetector.class.getResourceAsStream(variant.referenceResource())) {
      ref = ConfigFactory.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    try (VehicleDetector det = VehicleDetector.open(variant, EdgeInferenceSettings.load())) {
      Map<String, Tensor> out = det.run(referenceInput());
      int every = ref.getInt("every");
      for (String name : List.of("heatmap", "size", "offset")) {
        float[] got = out.get(name).data();
        List<Double> want = ref.getDoubleList(name + ".values");
        assertEquals(ref.getIntList(name + ".shape").stream().mapToLong(Integer::longValue).boxed().toList(),
            java.util.Arrays.stream(out.get(name).shape()).boxed().toList(), name + " shape");
        assertEquals(want.size(), (got.length + every - 1) / every, name + " sampled values");
        double tol = name.equals("size") ? 2e-3 : 2e-4; // size is in pixels (x16 scale)
        for (int i = 0; i < want.size(); i++) {
          assertEquals(want.get(i), got[i * every], tol + Math.abs(want.get(i)) * 1e-4, name + "[" + i * every + "]");
        }
        double sum = 0;
        for (float v : got) {
          sum += v;
        }
        assertEquals(ref.getDouble(name + ".sum"), sum, 1e-3 * Math.max(1, Math.abs(sum)), name + " sum");
      }
    }
  }

  @Test
  void decodeTurnsAHeatmapPeakIntoItsBox() {
    int rows = 8;
    int cols = 8;
    float[] heat = new float[rows * cols];
    float[] size = new float[2 * rows * cols];
    float[] off = new float[2 * rows * cols];
    heat[3 * cols + 2] = 0.9f; // peak at cell x 2, y 3
    heat[3 * cols + 3] = 0.8f; // its neighbour: not a peak
    heat[6 * cols + 6] = 0.2f; // below the threshold
    size[3 * cols + 2] = 20;
    size[rows * cols + 3 * cols + 2] = 10;
    off[3 * cols + 2] = 0.5f;
    off[rows * cols + 3 * cols + 2] = 0.25f;
    List<Detection> d = VehicleDetector.decode(new Tensor(new long[] {1, 1, rows, cols}, heat),
        new Tensor(new long[] {1, 2, rows, cols}, size), new Tensor(new long[] {1, 2, rows, cols}, off), 0.3, 32, 32);
    assertEquals(1, d.size());
    // centre (2.5 * 4, 3.25 * 4) = (10, 13), 20 x 10: x 0..20, y 8..18
    assertEquals(new Detection(VehicleDetector.VEHICLE, 0.9f, 0, 8, 20, 18), d.get(0));
  }

  @Test
  void padsTheInputToAMultipleOf16() {
    PixelImage img = new PixelImage(20, 17, 3, new byte[20 * 17 * 3]);
    img.pixels()[(16 * 20 + 19) * 3 + 1] = (byte) 255;
    Tensor t = VehicleDetector.input(img);
    assertEquals(List.of(1L, 3L, 32L, 32L), java.util.Arrays.stream(t.shape()).boxed().toList());
    assertEquals(1f, t.data()[32 * 32 + 16 * 32 + 19]);
    assertEquals(0f, t.data()[32 * 32 + 16 * 32 + 20]);
    // side in -> input side out
    int[][] sides = {{1, 16}, {15, 16}, {16, 16}, {17, 32}, {500, 512}, {512, 512}, {2048, 2048}};
    for (int[] s : sides) {
      assertEquals(s[1], VehicleDetector.padded(s[0]), "side " + s[0]);
    }
  }

  @Test
  void refusesBadArgumentsNamingThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> VehicleDetector.open(VehicleDetector.Variant.PLAIN, new org.swarmsense.edge.runtime.OnnxRuntimeBackend(
            org.swarmsense.edge.runtime.ThreadSettings.singleThread()), 1.5));
    assertTrue(e.getMessage().contains("scoreThreshold must be in (0, 1), got: 1.5"), e.getMessage());
    try (VehicleDetector det = VehicleDetector.open(VehicleDetector.Variant.PLAIN, EdgeInferenceSettings.load())) {
      assertThrows(IllegalArgumentException.class, () -> det.detect(null));
    }
  }

  /**
   * Frames rendered by the maps camera from the shared Monaco map and trace (a seed no training set
   * used): both variants' boxes match ground-truth vehicles (IoU >= 0.5), pooled over the frames. The
   * bar (a quarter of the vehicles found, a quarter of the boxes right) checks the Java path end to
   * end (input layout, peaks, offsets, sizes: a transposed or misplaced box matches nothing); the
   * shipped models' quality (validation F1 0.68 / 0.54) is measured by {@code bench detector}.
   */
  @Test
  void findsTheVehiclesOfRenderedFrames(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("frames");
    RenderDataset.run(new RenderDataset.Options(SharedData.file("maps/monaco.osm.gz"),
        SharedData.file("traces/monaco-sumo-fcd-300s.xml.gz"), 6, 77, dir, MapsSettings.load().camera(), "test"),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    List<LabelledFrames.Frame> frames = LabelledFrames.read(dir);
    for (VehicleDetector.Variant v : VehicleDetector.Variant.values()) {
      try (VehicleDetector det = VehicleDetector.open(v, EdgeInferenceSettings.load())) {
        DetectionF1.Counts total = DetectionF1.Counts.NONE;
        for (LabelledFrames.Frame f : frames) {
          total = total.plus(DetectionF1.count(f.truth(), f.ignored(), det.detect(PixelImages.read(f.png()))));
        }
        System.out.println("VehicleDetectorTest " + v + " on 6 rendered Monaco frames (seed 77): " + total);
        assertTrue(total.truePositives() + total.falseNegatives() >= 5, "too few vehicles to test: " + total);
        assertTrue(total.recall() >= 0.25 && total.precision() >= 0.25, v + ": " + total);
      }
    }
  }
}
