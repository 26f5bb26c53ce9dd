package org.swarmsense.edge.serving;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.swarmsense.edge.runtime.Tensor;

/**
 * A Fashion-MNIST split read from its gzipped IDX files ({@code t10k-images-idx3-ubyte.gz},
 * {@code t10k-labels-idx1-ubyte.gz}, or {@code train-...}), images scaled to [0, 1] exactly as the
 * training script does.
 * Immutable and thread-safe.
 */
public final class FashionMnist {

  /** Where Debian's {@code dataset-fashion-mnist} installs the files. */
  public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

  private final Tensor[] images;
  private final int[] labels;

  private FashionMnist(Tensor[] images, int[] labels) {
    this.images = images;
    this.labels = labels;
  }

  /** The test split in {@code dir}. */
  public static FashionMnist testSplit(Path dir) {
    return split(dir, "t10k");
  }

  /** The training split in {@code dir} (Debian's folder holds it; the shared copy does not). */
  public static FashionMnist trainSplit(Path dir) {
    return split(dir, "train");
  }

  private static FashionMnist split(Path dir, String prefix) {
    Path img = dir.resolve(prefix + "-images-idx3-ubyte.gz");
    Path lab = dir.resolve(prefix + "-labels-idx1-ubyte.gz");
    if (!Files.isRegularFile(img) || !Files.isRegularFile(lab)) {
      throw new IllegalArgumentException("fashion-mnist dir must hold " + img.getFileName() + " and "
          + lab.getFileName() + ", got: " + dir);
    }
    try (DataInputStream in = open(img); DataInputStream li = open(lab)) {
      if (in.readInt() != 0x803 || li.readInt() != 0x801) {
        throw new IllegalArgumentException("not IDX image/label files in " + dir);
      }
      int n = in.readInt();
      int rows = in.readInt();
      int cols = in.readInt();
      if (li.readInt() != n || rows != 28 || cols != 28) {
        throw new IllegalArgumentException("expected matching counts of 28x28 images in " + dir);
      }
      Tensor[] images = new Tensor[n];
      int[] labels = new int[n];
      byte[] buf = new byte[rows * cols];
      for (int i = 0; i < n; i++) {
        in.readFully(buf);
        float[] px = new float[buf.length];
        for (int j = 0; j < buf.length; j++) {
          px[j] = (buf[j] & 0xff) / 255.0f;
        }
        images[i] = new Tensor(new long[] {1, 1, rows, cols}, px);
        labels[i] = li.readUnsignedByte();
      }
      return new FashionMnist(images, labels);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read fashion-mnist from " + dir + ": " + e.getMessage(), e);
    }
  }

  private static DataInputStream open(Path p) throws IOException {
    InputStream raw = Files.newInputStream(p);
    return new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(raw)));
  }

  /** Number of images. */
  public int size() {
    return images.length;
  }

  /** Image {@code i} as a [1, 1, 28, 28] tensor. */
  public Tensor image(int i) {
    return images[i];
  }

  /** Class of image {@code i} (0..9). */
  public int label(int i) {
    return labels[i];
  }
}
