package org.swarmsense.edge.runtime;

import java.util.Arrays;
import java.util.List;

/**
 * A dense float tensor whose first axis is the batch axis (row-major data). Samples are cut out of
 * a batch with {@link #sample(int)} and stacked into one with {@link #stack(List)}. The arrays are
 * not copied on construction: treat them as immutable once wrapped. Thread-safe if not mutated.
 *
 * @param shape dimensions, batch first; every dimension at least 1
 * @param data values, {@code product(shape)} of them
 */
public record Tensor(long[] shape, float[] data) {

  /** Validates the shape against the data length. */
  public Tensor {
    if (shape == null || shape.length == 0) {
      throw new IllegalArgumentException("shape must have a batch axis, got: " + Arrays.toString(shape));
    }
    long n = 1;
    for (long d : shape) {
      if (d < 1) {
        throw new IllegalArgumentException("shape dimensions must be >= 1, got: " + Arrays.toString(shape));
      }
      n *= d;
    }
    if (data == null || data.length != n) {
      throw new IllegalArgumentException("data length must be " + n + " for shape " + Arrays.toString(shape)
          + ", got: " + (data == null ? "null" : data.length));
    }
  }

  /** Size of the batch axis. */
  public int batchSize() {
    return (int) shape[0];
  }

  /** Values per sample. */
  public int sampleLength() {
    return data.length / batchSize();
  }

  /** Sample {@code i} as a tensor with batch size 1 (a copy). */
  public Tensor sample(int i) {
    if (i < 0 || i >= batchSize()) {
      throw new IllegalArgumentException("sample index must be in [0, " + batchSize() + "), got: " + i);
    }
    int len = sampleLength();
    long[] s = shape.clone();
    s[0] = 1;
    return new Tensor(s, Arrays.copyOfRange(data, i * len, (i + 1) * len));
  }

  /** The samples one after the other along the batch axis; their other dimensions must agree. */
  public static Tensor stack(List<Tensor> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("samples must not be empty");
    }
    long[] first = samples.get(0).shape;
    int total = 0;
    for (Tensor t : samples) {
      if (!Arrays.equals(first, 1, first.length, t.shape, 1, t.shape.length)) {
        throw new IllegalArgumentException("sample shapes differ: " + Arrays.toString(first) + " vs "
            + Arrays.toString(t.shape));
      }
      total += t.batchSize();
    }
    if (samples.size() == 1) {
      return samples.get(0);
    }
    long[] s = first.clone();
    s[0] = total;
    float[] d = new float[samples.stream().mapToInt(t -> t.data.length).sum()];
    int at = 0;
    for (Tensor t : samples) {
      System.arraycopy(t.data, 0, d, at, t.data.length);
      at += t.data.length;
    }
    return new Tensor(s, d);
  }
}
