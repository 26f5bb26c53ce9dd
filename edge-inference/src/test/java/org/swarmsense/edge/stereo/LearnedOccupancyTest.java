package org.swarmsense.edge.stereo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.swarmsense.edge.runtime.OnnxRuntimeBackend;
import org.swarmsense.edge.runtime.ThreadSettings;

/**
 * The committed learned occupancy network on ONNX Runtime, through the serving engine's stage
 * executor, reproduces the exporter's (torch's) exit logits on the held-out scenes the exporter
 * used, rendered again here by {@link BoxScenes} (the pairs the script read are BoxScenes' bytes
 * written as PNG); its levels are those logits above 0; bad input is refused with the field named.
 */
class LearnedOccupancyTest {

  private static LearnedOccupancy model;

  @BeforeAll
  static void load() {
    model = LearnedOccupancy.load(new OnnxRuntimeBackend(ThreadSettings.singleThread()));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void onnxRuntimeExitsEqualTheExportersReferenceLogits() {
    Config ref = ConfigFactory.parseString(new String(
        org.swarmsense.edge.runtime.ModelResources.bytes(LearnedOccupancy.RESOURCE_DIR, "reference.json"),
        StandardCharsets.UTF_8));
    List<Integer> scenes = ref.getIntList("scenes");
    int stride32 = ref.getInt("stride32");
    String[] keys = {"logits8", "logits16", "logits32"};
    for (int s = 0; s < scenes.size(); s++) {
      BoxScenes.Pair pair = BoxScenes.render(scenes.get(s));
      List<float[]> logits = model.logits(pair.left(), pair.right(), 32);
      assertEquals(3, logits.size());
      for (int k = 0; k < 3; k++) {
        @SuppressWarnings("unchecked")
        List<Number> want = (List<Number>) ((List<?>) ref.getList(keys[k]).unwrapped()).get(s);
        int stride = k == 2 ? stride32 : 1;
        assertEquals(want.size(), (logits.get(k).length + stride - 1) / stride, keys[k] + " length");
        double maxDiff = 0;
        for (int i = 0; i < want.size(); i++) {
          maxDiff = Math.max(maxDiff, Math.abs(logits.get(k)[i * stride] - want.get(i).doubleValue()));
        }
        System.out.printf("scene %d %s: max |onnxruntime - torch| over %d logits = %.2g%n", scenes.get(s), keys[k],
            want.size(), maxDiff);
        assertTrue(maxDiff <= 1e-3, "scene " + scenes.get(s) + " " + keys[k] + " differs from the exporter by " + maxDiff);
      }
      List<OccupancyLevel> levels = model.levels(pair.left(), pair.right(), 16);
      assertEquals(2, levels.size(), "levels up to 16^3");
      for (int k = 0; k < 2; k++) {
        boolean[] expected = new boolean[logits.get(k).length];
        for (int i = 0; i < expected.length; i++) {
          expected[i] = logits.get(k)[i] > 0;
        }
        assertEquals(8 << k, levels.get(k).resolution());
        assertArrayEquals(expected, levels.get(k).grid().occupied());
      }
    }
  }

  @Test
  void refusesAPairOfAnotherSizeAndAnUnknownLevel() {
    BoxScenes.Pair pair = BoxScenes.render(1);
    GrayImage small = pair.left().halfSize();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.levels(small, pair.right(), 16));
    assertTrue(e.getMessage().contains("left 64x64"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> model.levels(pair.left(), pair.right(), 64));
    assertTrue(e.getMessage().contains("maxResolution must be 8, 16 or 32, got 64"), e.getMessage());
  }
}
