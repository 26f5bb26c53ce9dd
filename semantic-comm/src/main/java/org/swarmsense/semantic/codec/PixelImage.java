package org.swarmsense.semantic.codec;

/**
 * An 8-bit image: {@code channels} = 1 (gray) or 3 (RGB, interleaved), row-major, {@code width x
 * height} pixels. The array is shared, not copied: treat it as read-only once built. Thread-safe
 * as long as nobody writes the array.
 *
 * @param width pixels per row, 1..65535
 * @param height rows, 1..65535
 * @param channels 1 (gray) or 3 (RGB)
 * @param pixels {@code width * height * channels} samples, 0..255 as unsigned bytes
 */
public record PixelImage(int width, int height, int channels, byte[] pixels) {

  /** Validates every field; the message names the field and the bad value. */
  public PixelImage {
    if (width < 1 || width > 65535) {
      throw new IllegalArgumentException("width must be 1..65535, got: " + width);
    }
    if (height < 1 || height > 65535) {
      throw new IllegalArgumentException("height must be 1..65535, got: " + height);
    }
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 or 3, got: " + channels);
    }
    if (pixels == null || pixels.length != width * height * channels) {
      throw new IllegalArgumentException("pixels must hold width*height*channels = " + (long) width * height * channels
          + " samples, got: " + (pixels == null ? "null" : pixels.length));
    }
  }

  /** Sample {@code c} of pixel (x, y), 0..255. */
  public int sample(int x, int y, int c) {
    return pixels[(y * width + x) * channels + c] & 0xFF;
  }

  /** Pixel count. */
  public int pixelCount() {
    return width * height;
  }

  /** This image as RGB (gray replicated into three channels); this image itself when already RGB. */
  public PixelImage toRgb() {
    if (channels == 3) {
      return this;
    }
    byte[] rgb = new byte[width * height * 3];
    for (int i = 0; i < width * height; i++) {
      rgb[3 * i] = pixels[i];
      rgb[3 * i + 1] = pixels[i];
      rgb[3 * i + 2] = pixels[i];
    }
    return new PixelImage(width, height, 3, rgb);
  }
}
