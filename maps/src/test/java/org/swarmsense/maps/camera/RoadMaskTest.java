package org.swarmsense.maps.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The road mask record: its checks, its share and its way to an image and back. */
class RoadMaskTest {

  /** 4 x 2, row-major: 3 of 8 pixels in the region. */
  static final boolean[] FLAGS = {
    true, false, false, true,
    false, false, true, false};

  @Test
  void refusesAWrongSizeNamingTheSizes() {
    RenderDatasetTest.expect("inRegion must have widthPx x heightPx = 4x2 = 8 flags, got: 7",
        () -> new RoadMask(4, 2, new boolean[7]));
    RenderDatasetTest.expect("inRegion must have widthPx x heightPx = 4x2 = 8 flags, got: null",
        () -> new RoadMask(4, 2, null));
    RenderDatasetTest.expect("widthPx and heightPx must be positive, got: 0x2",
        () -> new RoadMask(0, 2, new boolean[0]));
    RenderDatasetTest.expect("widthPx and heightPx must be positive, got: 4x-1",
        () -> new RoadMask(4, -1, new boolean[4]));
  }

  @Test
  void shareIsTheFractionOfPixelsInTheRegion() {
    assertEquals(3 / 8.0, new RoadMask(4, 2, FLAGS).share(), 0);
    assertEquals(0.0, new RoadMask(4, 2, new boolean[8]).share(), 0);
  }

  @Test
  void readsRowMajorAndCopiesItsFlagsInAndOut() {
    boolean[] flags = FLAGS.clone();
    RoadMask m = new RoadMask(4, 2, flags);
    assertTrue(m.at(3, 0));
    assertTrue(m.at(2, 1));
    assertFalse(m.at(3, 1));
    flags[1] = true;
    assertFalse(m.at(1, 0), "the mask shares its caller's array");
    m.inRegion()[1] = true;
    assertFalse(m.at(1, 0), "the mask hands out its own array");
    assertArrayEquals(FLAGS, m.inRegion());
    assertThrows(IndexOutOfBoundsException.class, () -> m.at(4, 0));
  }

  @Test
  void equalsComparesTheFlags() {
    assertEquals(new RoadMask(4, 2, FLAGS), new RoadMask(4, 2, FLAGS.clone()));
    assertEquals(new RoadMask(4, 2, FLAGS).hashCode(), new RoadMask(4, 2, FLAGS.clone()).hashCode());
    boolean[] other = FLAGS.clone();
    other[7] = true;
    assertNotEquals(new RoadMask(4, 2, FLAGS), new RoadMask(4, 2, other));
    assertNotEquals(new RoadMask(4, 2, FLAGS), new RoadMask(2, 4, FLAGS));
  }

  @Test
  void anImageIsBinaryWhiteInTheRegion() {
    BufferedImage img = new RoadMask(4, 2, FLAGS).toImage();
    assertEquals(BufferedImage.TYPE_BYTE_BINARY, img.getType());
    assertEquals(0xffffffff, img.getRGB(0, 0));
    assertEquals(0xff000000, img.getRGB(1, 0));
    assertEquals(0xffffffff, img.getRGB(2, 1));
  }

  @Test
  void survivesAPngRoundTrip() throws Exception {
    RoadMask m = new RoadMask(4, 2, FLAGS);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(m.toImage(), "png", png));
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
    assertEquals(m, RoadMask.fromImage(back));
    assertEquals(m, RoadMask.fromImage(m.toImage()));
  }

  @Test
  void readsAnyImageByHalfTheFullScale() {
    // gray: the sample itself (127 out, 128 in); RGB: the red channel
    BufferedImage gray = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
    gray.getRaster().setSample(0, 0, 0, 127);
    gray.getRaster().setSample(1, 0, 0, 128);
    assertEquals(new RoadMask(2, 1, new boolean[] {false, true}), RoadMask.fromImage(gray));
    BufferedImage rgb = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
    rgb.setRGB(0, 0, 0x7fffff);
    rgb.setRGB(1, 0, 0x800000);
    rgb.setRGB(2, 0, 0xffffff);
    assertEquals(new RoadMask(3, 1, new boolean[] {false, true, true}), RoadMask.fromImage(rgb));
  }
}
