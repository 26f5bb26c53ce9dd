package org.swarmsense.edge.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A region of the (padded) model input as a region of the frame, as edge nodes report masked regions. */
class RegionTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      no padding            | 0.25, 0.5, 0.5, 0.75  | 512, 512, 512, 512 | 0.25, 0.5, 0.5, 0.75
      padded 500 to 512     | 0.25, 0.5, 0.5, 0.75  | 512, 512, 500, 500 | 0.256, 0.512, 0.512, 0.768
      clipped at the edge   | 0.9, 0.0, 1.0, 0.1    | 512, 512, 500, 500 | 0.9216, 0.0, 1.0, 0.1024
      wholly in the padding | 0.98, 0.0, 1.0, 0.1   | 512, 512, 500, 500 | 0.999, 0.0, 1.0, 0.1024
      wide frame            | 0.0, 0.0, 0.5, 0.5    | 640, 368, 640, 360 | 0.0, 0.0, 0.5, 0.5111111
      """)
  void aRegionOfThePaddedInputBecomesARegionOfTheFrame(String name, String region, String sizes, String want) {
    double[] r = nums(region);
    double[] s = nums(sizes);
    double[] w = nums(want);
    Region got = new Region(r[0], r[1], r[2], r[3]).inFrame((long) s[0], (long) s[1], (int) s[2], (int) s[3]);
    assertEquals(w[0], got.x0(), 1e-6, name + " x0");
    assertEquals(w[1], got.y0(), 1e-6, name + " y0");
    assertEquals(w[2], got.x1(), 1e-6, name + " x1");
    assertEquals(w[3], got.y1(), 1e-6, name + " y1");
  }

  @org.junit.jupiter.api.Test
  void anInputSmallerThanTheFrameIsRefusedNamingBoth() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Region(0, 0, 1, 1).inFrame(256, 256, 512, 512));
    assertTrue(e.getMessage().contains("input 256x256 and frame 512x512"), e.getMessage());
  }

  private static double[] nums(String csv) {
    String[] p = csv.split(",");
    double[] out = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = Double.parseDouble(p[i].strip());
    }
    return out;
  }
}
