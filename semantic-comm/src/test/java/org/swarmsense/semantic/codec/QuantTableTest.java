package org.swarmsense.semantic.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QuantTableTest {

  @Test
  void quality50IsTheAnnexKTableAndOtherQualitiesScaleLikeIjg() {
    QuantTable q50 = QuantTable.ofQuality(50);
    // Annex K luma, first zig-zag entries: 16, 11, 12, 14, 12, 10, 16, 14.
    assertArrayEquals(new int[] {16, 11, 12, 14, 12, 10, 16, 14}, java.util.Arrays.copyOf(q50.luma(), 8));
    // q75: scale 50 -> (16*50+50)/100 = 8; q10: scale 500 -> 80; q1: scale 5000 -> 800 clamped to 255.
    assertEquals(8, QuantTable.ofQuality(75).luma()[0]);
    assertEquals(80, QuantTable.ofQuality(10).luma()[0]);
    assertEquals(255, QuantTable.ofQuality(1).luma()[0]);
    assertEquals(1, QuantTable.ofQuality(100).chroma()[63]);
  }

  @Test
  void refusesQualityOutOfRange() {
    var e = assertThrows(IllegalArgumentException.class, () -> QuantTable.ofQuality(0));
    assertEquals("quality must be 1..100, got: 0", e.getMessage());
  }
}
