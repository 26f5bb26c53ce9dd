package org.swarmsense.edge.stereo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.swarmsense.maps.SharedData;

class GrayImageTest {

  @Test
  void halfSizeAveragesTwoByTwoBlocksAndDropsTheOddColumn() {
    GrayImage image = new GrayImage(5, 2, new byte[] {
        0, 10, (byte) 200, (byte) 255, 7,
        20, 30, (byte) 250, (byte) 255, 7});
    GrayImage half = image.halfSize();
    assertEquals(2, half.widthPx());
    assertEquals(1, half.heightPx());
    // (0 + 10 + 20 + 30) / 4 = 15; (200 + 255 + 250 + 255) / 4 = 240
    assertArrayEquals(new byte[] {15, (byte) 240}, half.pixels());
  }

  @Test
  void readsThePairAsGrey() throws Exception {
    GrayImage left = GrayImage.read(SharedData.file("stereo/motorcycle_left.png"));
    assertEquals(741, left.widthPx());
    assertEquals(500, left.heightPx());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GrayImage.read(Path.of("no/such.png")));
    assertTrue(e.getMessage().contains("no/such.png"), e.getMessage());
  }
}
