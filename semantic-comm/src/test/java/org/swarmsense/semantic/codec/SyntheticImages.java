package org.swarmsense.semantic.codec;

/** Small deterministic images for tests that need no photo. */
final class SyntheticImages {

  private SyntheticImages() {}

  /** RGB: horizontal red ramp, vertical green ramp, blue checker of 5 px cells plus a sine. */
  static PixelImage gradient(int w, int h) {
    byte[] px = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int o = (y * w + x) * 3;
        px[o] = (byte) (255 * x / Math.max(1, w - 1));
        px[o + 1] = (byte) (255 * y / Math.max(1, h - 1));
        px[o + 2] = (byte) ((((x / 5) + (y / 5)) % 2) * 120 + 60 + (int) (50 * Math.sin(x * 0.7)));
      }
    }
    return new PixelImage(w, h, 3, px);
  }
}
