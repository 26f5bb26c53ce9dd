package org.swarmsense.edge.stereo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DisparityMapTest {

  @Test
  void scoresOverKnownTruthPixelsOnly() {
    DisparityMap truth = new DisparityMap(2, 2, new float[] {1, 2, Float.NaN, 4});
    DisparityMap map = new DisparityMap(2, 2, new float[] {1.5f, Float.NaN, 3, 7});
    DisparityScore s = map.scoreAgainst(truth);
    // known: pixels 0, 1, 3; covered: 0 (error 0.5) and 3 (error 3, bad); pixel 2 has no truth
    assertEquals(1.75, s.endPointErrorPx(), 1e-9);
    assertEquals(0.5, s.bad2Fraction(), 1e-9);
    assertEquals(2.0 / 3.0, s.coverageFraction(), 1e-9);
  }

  @Test
  void readsLittleEndianFloatsWithInfinityAndNanAsUnknown(@TempDir Path dir) throws Exception {
    // the shared Motorcycle ground truth marks unknown pixels +inf, though shared/data/README.md says NaN: both count
    ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    b.putFloat(7.25f).putFloat(Float.POSITIVE_INFINITY).putFloat(59.5f);
    Path f = dir.resolve("d.f32");
    Files.write(f, b.array());
    DisparityMap m = DisparityMap.readRawFloat32(f, 3, 1);
    assertEquals(7.25f, m.at(0, 0));
    assertTrue(Float.isNaN(m.at(1, 0)));
    assertEquals(59.5f, m.at(2, 0));
    ByteBuffer n = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    n.putFloat(Float.NaN).putFloat(3.5f).putFloat(Float.NEGATIVE_INFINITY);
    Path g = dir.resolve("n.f32");
    Files.write(g, n.array());
    DisparityMap k = DisparityMap.readRawFloat32(g, 3, 1);
    assertTrue(Float.isNaN(k.at(0, 0)));
    assertEquals(3.5f, k.at(1, 0));
    assertTrue(Float.isNaN(k.at(2, 0)));
    DisparityScore score = new DisparityMap(3, 1, new float[] {1, 3.5f, 1}).scoreAgainst(k);
    // only the middle pixel is known: an unknown taken as a value would make the error infinite or NaN
    assertEquals(0.0, score.endPointErrorPx(), 1e-9);
    assertEquals(1.0, score.coverageFraction(), 1e-9);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DisparityMap.readRawFloat32(f, 2, 2));
    assertTrue(e.getMessage().contains("12 bytes, expected 16"), e.getMessage());
  }

  @Test
  void refusesWrongSizes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DisparityMap(3, 2, new float[5]));
    assertTrue(e.getMessage().contains("widthPx*heightPx=6"), e.getMessage());
    DisparityMap a = new DisparityMap(2, 1, new float[2]);
    DisparityMap b = new DisparityMap(1, 2, new float[2]);
    assertThrows(IllegalArgumentException.class, () -> a.scoreAgainst(b));
  }
}
