package org.swarmsense.semantic.control.rl;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A dense feed-forward network: ReLU hidden layers, a tanh or linear output, trained by
 * backpropagation with Adam (beta1 0.9, beta2 0.999, epsilon 1e-8). Hidden weights start
 * U(-1/sqrt(fan-in), 1/sqrt(fan-in)), the output layer U(-3e-3, 3e-3) (as in the DDPG paper).
 * Training is one sample at a time: {@link #forwardKeep} then {@link #backward} accumulate
 * gradients, {@link #adamStep} applies them. Mutable and not thread-safe (scratch buffers).
 */
public final class Mlp {

  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;

  private final int[] sizes;
  private final boolean tanhOutput;
  private final double learningRate;
  private final double[][] weights;
  private final double[][] biases;
  private final double[][] gradWeights;
  private final double[][] gradBiases;
  private final double[][] mWeights;
  private final double[][] vWeights;
  private final double[][] mBiases;
  private final double[][] vBiases;
  private final double[][] activations;
  private final double[][] deltas;
  private int adamSteps;

  /**
   * @param sizes layer widths, input first, output last (at least 2 entries, all >= 1)
   * @param tanhOutput tanh on the output if true, linear otherwise
   * @param learningRate Adam step size, > 0
   * @param random source of the initial weights
   */
  public Mlp(int[] sizes, boolean tanhOutput, double learningRate, SplittableRandom random) {
    if (sizes.length < 2) {
      throw new IllegalArgumentException("sizes needs an input and an output width, got: " + Arrays.toString(sizes));
    }
    for (int s : sizes) {
      if (s < 1) {
        throw new IllegalArgumentException("layer widths must be >= 1, got: " + Arrays.toString(sizes));
      }
    }
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("learningRate must be > 0, got: " + learningRate);
    }
    this.sizes = sizes.clone();
    this.tanhOutput = tanhOutput;
    this.learningRate = learningRate;
    int layers = sizes.length - 1;
    weights = new double[layers][];
    biases = new double[layers][];
    gradWeights = new double[layers][];
    gradBiases = new double[layers][];
    mWeights = new double[layers][];
    vWeights = new double[layers][];
    mBiases = new double[layers][];
    vBiases = new double[layers][];
    activations = new double[sizes.length][];
    deltas = new double[sizes.length][];
    for (int i = 0; i < sizes.length; i++) {
      activations[i] = new double[sizes[i]];
      deltas[i] = new double[sizes[i]];
    }
    for (int l = 0; l < layers; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      double bound = l == layers - 1 ? 3e-3 : 1 / Math.sqrt(in);
      weights[l] = new double[in * out];
      biases[l] = new double[out];
      for (int i = 0; i < weights[l].length; i++) {
        weights[l][i] = (2 * random.nextDouble() - 1) * bound;
      }
      for (int i = 0; i < out; i++) {
        biases[l][i] = (2 * random.nextDouble() - 1) * bound;
      }
      gradWeights[l] = new double[in * out];
      gradBiases[l] = new double[out];
      mWeights[l] = new double[in * out];
      vWeights[l] = new double[in * out];
      mBiases[l] = new double[out];
      vBiases[l] = new double[out];
    }
  }

  public int inputSize() {
    return sizes[0];
  }

  public int outputSize() {
    return sizes[sizes.length - 1];
  }

  /** The output for {@code input}, a new array. */
  public double[] forward(double[] input) {
    return forwardKeep(input).clone();
  }

  /**
   * The output for {@code input}, keeping the activations for {@link #backward}; the returned array
   * is an internal buffer, valid until the next call.
   */
  public double[] forwardKeep(double[] input) {
    if (input.length != sizes[0]) {
      throw new IllegalArgumentException("input must have " + sizes[0] + " values, got: " + input.length);
    }
    System.arraycopy(input, 0, activations[0], 0, input.length);
    int layers = weights.length;
    for (int l = 0; l < layers; l++) {
      double[] x = activations[l];
      double[] y = activations[l + 1];
      double[] w = weights[l];
      double[] b = biases[l];
      int in = sizes[l];
      boolean last = l == layers - 1;
      for (int o = 0; o < y.length; o++) {
        double z = b[o];
        int row = o * in;
        for (int i = 0; i < in; i++) {
          z += w[row + i] * x[i];
        }
        y[o] = last ? (tanhOutput ? Math.tanh(z) : z) : (z > 0 ? z : 0);
      }
    }
    return activations[layers];
  }

  /**
   * Backpropagates d(loss)/d(output) through the activations of the last {@link #forwardKeep}.
   *
   * @param outputGradient d(loss)/d(output)
   * @param accumulate add the parameter gradients to the accumulators if true
   * @return d(loss)/d(input), an internal buffer valid until the next call
   */
  public double[] backward(double[] outputGradient, boolean accumulate) {
    int layers = weights.length;
    double[] top = deltas[layers];
    double[] y = activations[layers];
    for (int o = 0; o < top.length; o++) {
      top[o] = tanhOutput ? outputGradient[o] * (1 - y[o] * y[o]) : outputGradient[o];
    }
    for (int l = layers - 1; l >= 0; l--) {
      double[] dz = deltas[l + 1];
      double[] x = activations[l];
      double[] dx = deltas[l];
      double[] w = weights[l];
      int in = sizes[l];
      Arrays.fill(dx, 0);
      for (int o = 0; o < dz.length; o++) {
        double d = dz[o];
        if (d == 0) {
          continue;
        }
        int row = o * in;
        if (accumulate) {
          double[] gw = gradWeights[l];
          for (int i = 0; i < in; i++) {
            gw[row + i] += d * x[i];
            dx[i] += w[row + i] * d;
          }
          gradBiases[l][o] += d;
        } else {
          for (int i = 0; i < in; i++) {
            dx[i] += w[row + i] * d;
          }
        }
      }
      if (l > 0) {
        for (int i = 0; i < in; i++) {
          if (x[i] <= 0) {
            dx[i] = 0;
          }
        }
      }
    }
    return deltas[0];
  }

  /** Clears the accumulated gradients. */
  public void zeroGradients() {
    for (int l = 0; l < weights.length; l++) {
      Arrays.fill(gradWeights[l], 0);
      Arrays.fill(gradBiases[l], 0);
    }
  }

  /** One Adam step on the accumulated gradients times {@code scale} (e.g. 1/batch), then clears them. */
  public void adamStep(double scale) {
    adamSteps++;
    double c1 = 1 - Math.pow(BETA1, adamSteps);
    double c2 = 1 - Math.pow(BETA2, adamSteps);
    for (int l = 0; l < weights.length; l++) {
      adam(weights[l], gradWeights[l], mWeights[l], vWeights[l], scale, c1, c2);
      adam(biases[l], gradBiases[l], mBiases[l], vBiases[l], scale, c1, c2);
    }
    zeroGradients();
  }

  private void adam(double[] p, double[] g, double[] m, double[] v, double scale, double c1, double c2) {
    for (int i = 0; i < p.length; i++) {
      double gi = g[i] * scale;
      m[i] = BETA1 * m[i] + (1 - BETA1) * gi;
      v[i] = BETA2 * v[i] + (1 - BETA2) * gi * gi;
      p[i] -= learningRate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPSILON);
    }
  }

  /** theta <- tau theta_source + (1 - tau) theta (a target network's soft update). */
  public void softUpdateFrom(Mlp source, double tau) {
    requireSameShape(source);
    for (int l = 0; l < weights.length; l++) {
      for (int i = 0; i < weights[l].length; i++) {
        weights[l][i] = tau * source.weights[l][i] + (1 - tau) * weights[l][i];
      }
      for (int i = 0; i < biases[l].length; i++) {
        biases[l][i] = tau * source.biases[l][i] + (1 - tau) * biases[l][i];
      }
    }
  }

  /** A copy with the same weights (optimiser state reset). */
  public Mlp copy() {
    Mlp c = new Mlp(sizes, tanhOutput, learningRate, new SplittableRandom(0));
    c.softUpdateFrom(this, 1);
    return c;
  }

  /** All weights and biases in one array, layer by layer (for tests and checksums). */
  public double[] parameters() {
    int total = 0;
    for (int l = 0; l < weights.length; l++) {
      total += weights[l].length + biases[l].length;
    }
    double[] out = new double[total];
    int at = 0;
    for (int l = 0; l < weights.length; l++) {
      System.arraycopy(weights[l], 0, out, at, weights[l].length);
      at += weights[l].length;
      System.arraycopy(biases[l], 0, out, at, biases[l].length);
      at += biases[l].length;
    }
    return out;
  }

  /** Writes the shape and the parameters. */
  public void write(DataOutputStream out) throws IOException {
    out.writeInt(sizes.length);
    for (int s : sizes) {
      out.writeInt(s);
    }
    out.writeBoolean(tanhOutput);
    out.writeDouble(learningRate);
    for (double p : parameters()) {
      out.writeDouble(p);
    }
  }

  /** Reads what {@link #write} wrote; refuses impossible shapes with a message naming them. */
  public static Mlp read(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 2 || n > 16) {
      throw new IOException("network file: layer count must be in [2, 16], got: " + n);
    }
    int[] sizes = new int[n];
    for (int i = 0; i < n; i++) {
      sizes[i] = in.readInt();
      if (sizes[i] < 1 || sizes[i] > 4096) {
        throw new IOException("network file: layer width " + i + " must be in [1, 4096], got: " + sizes[i]);
      }
    }
    boolean tanh = in.readBoolean();
    double lr = in.readDouble();
    if (!(lr > 0)) {
      throw new IOException("network file: learning rate must be > 0, got: " + lr);
    }
    Mlp m = new Mlp(sizes, tanh, lr, new SplittableRandom(0));
    for (int l = 0; l < m.weights.length; l++) {
      for (int i = 0; i < m.weights[l].length; i++) {
        m.weights[l][i] = in.readDouble();
      }
      for (int i = 0; i < m.biases[l].length; i++) {
        m.biases[l][i] = in.readDouble();
      }
    }
    return m;
  }

  private void requireSameShape(Mlp other) {
    if (!Arrays.equals(sizes, other.sizes)) {
      throw new IllegalArgumentException("network shapes differ: " + Arrays.toString(sizes) + " vs "
          + Arrays.toString(other.sizes));
    }
  }
}
