package org.swarmsense.edge.patch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The theoretical receptive field of every cell of every tensor of a convolutional network: which
 * input pixels it can depend on at all, an axis-aligned rectangle, worked out from the layers'
 * kernel sizes, strides, dilations, pads and resize scales (no weights, no inference). Rows and
 * columns are independent, so each axis keeps, per cell, the first and last input pixel it reads
 * (inclusive). Window layers (convolution, pooling) read cells {@code i * stride - padBegin + t *
 * dilation}, t = 0..kernel-1, that fall inside their input; a nearest resize with asymmetric
 * coordinates and floor rounding reads cell {@code floor(i / scale)}, any other resize reads every
 * cell its interpolation can touch (a superset); point-wise layers and concatenations take the union
 * of their inputs' fields (a size-1 axis broadcasts); anything that mixes positions ("global")
 * depends on the whole input. The fields are therefore exact for pure conv/pool/resize chains and a
 * superset otherwise, which is the safe side for the patch bound ({@link PatchBound}).
 *
 * <p>Layers come from {@link #parse} (the text {@code onnx_spatial_layers.py} prints, one layer per
 * line) or {@link #ofModel} (which runs that script on an ONNX file with Debian python3-onnx).
 * Immutable and thread-safe once built.
 */
public final class ReceptiveField {

  /** What kind of layer, as far as positions go. */
  public enum Op {
    /** Convolution or pooling: a sliding window. */
    WINDOW,
    /** Up- or down-sampling by a scale. */
    RESIZE,
    /** Position by position (activations, arithmetic, normalisation, concatenation). */
    POINTWISE,
    /** Mixes all positions (global pooling, reshapes, matrix products). */
    GLOBAL
  }

  /**
   * One layer along both axes; for {@link Op#WINDOW} the arrays are [rows, cols] (pads: [top,
   * left, bottom, right]); for {@link Op#RESIZE} {@code scale} is [rows, cols] and {@code exactNearest}
   * says whether it is a nearest resize with asymmetric coordinates and floor rounding.
   *
   * @param op the kind
   * @param out the output tensor's name
   * @param in the input tensors that depend on pixels
   */
  public record Layer(Op op, String out, List<String> in, int[] kernel, int[] stride, int[] dilation, int[] pads,
      double[] scale, boolean exactNearest) {

    /** Validates the fields the kind needs. */
    public Layer {
      if (op == null || out == null || out.isBlank() || in == null) {
        throw new IllegalArgumentException("a layer needs op, out and in, got: " + op + " " + out + " " + in);
      }
      in = List.copyOf(in);
      if (op == Op.WINDOW) {
        check(kernel, 2, 1, "kernel");
        check(stride, 2, 1, "stride");
        check(dilation, 2, 1, "dilation");
        check(pads, 4, 0, "pads");
        if (in.size() != 1) {
          throw new IllegalArgumentException(out + ": a window layer reads one tensor, got: " + in);
        }
      }
      if (op == Op.RESIZE && (scale == null || scale.length != 2 || !(scale[0] > 0) || !(scale[1] > 0)
          || Double.isInfinite(scale[0]) || Double.isInfinite(scale[1]))) {
        throw new IllegalArgumentException(out + ": scale must be two finite values > 0, got: " + Arrays.toString(scale));
      }
    }

    /** A convolution or pooling window, the same along both axes. */
    public static Layer window(String out, String in, int kernel, int stride, int dilation, int pad) {
      return new Layer(Op.WINDOW, out, List.of(in), new int[] {kernel, kernel}, new int[] {stride, stride},
          new int[] {dilation, dilation}, new int[] {pad, pad, pad, pad}, null, false);
    }

    /** A nearest resize by {@code scale} along both axes (asymmetric coordinates, floor rounding). */
    public static Layer nearest(String out, String in, double scale) {
      return new Layer(Op.RESIZE, out, List.of(in), null, null, null, null, new double[] {scale, scale}, true);
    }

    /** A point-wise layer or concatenation of {@code in}. */
    public static Layer pointwise(String out, String... in) {
      return new Layer(Op.POINTWISE, out, List.of(in), null, null, null, null, null, false);
    }

    private static void check(int[] v, int n, int min, String name) {
      if (v == null || v.length != n || Arrays.stream(v).anyMatch(x -> x < min)) {
        throw new IllegalArgumentException(name + " must be " + n + " values >= " + min + ", got: "
            + (v == null ? "null" : Arrays.toString(v)));
      }
    }
  }

  /** Per cell of one axis, the first and last input pixel it can read (first > last: none). */
  private record Axis(int[] lo, int[] hi) {
    int size() {
      return lo.length;
    }
  }

  private final int height;
  private final int width;
  private final Map<String, Axis[]> fields;

  private ReceptiveField(int height, int width, Map<String, Axis[]> fields) {
    this.height = height;
    this.width = width;
    this.fields = fields;
  }

  /**
   * The fields of every tensor reachable from {@code input}, for an input of {@code height x width}
   * pixels.
   *
   * @throws IllegalArgumentException if a layer reads a tensor no earlier layer wrote, or point-wise
   *     inputs disagree in size
   */
  public static ReceptiveField compute(String input, List<Layer> layers, int height, int width) {
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException("input size must be >= 1 x 1, got: " + height + " x " + width);
    }
    Map<String, Axis[]> f = new HashMap<>();
    f.put(input, new Axis[] {identity(height), identity(width)});
    for (Layer l : layers) {
      List<Axis[]> ins = new ArrayList<>();
      for (String name : l.in()) {
        Axis[] a = f.get(name);
        if (a != null) {
          ins.add(a);
        }
      }
      if (ins.isEmpty()) {
        continue; // depends on no pixel (shape arithmetic on constants)
      }
      Axis[] out = new Axis[2];
      for (int ax = 0; ax < 2; ax++) {
        int full = ax == 0 ? height : width;
        switch (l.op()) {
          case WINDOW -> out[ax] = window(ins.get(0)[ax], l.kernel()[ax], l.stride()[ax], l.dilation()[ax],
              l.pads()[ax], l.pads()[ax + 2]);
          case RESIZE -> out[ax] = resize(ins.get(0)[ax], l.scale()[ax], l.exactNearest());
          case POINTWISE -> out[ax] = union(l.out(), ins, ax);
          case GLOBAL -> out[ax] = new Axis(new int[] {0}, new int[] {full - 1});
          default -> throw new IllegalStateException("unknown op " + l.op());
        }
      }
      f.put(l.out(), out);
    }
    return new ReceptiveField(height, width, Map.copyOf(f));
  }

  /**
   * Reads the layer text of {@code onnx_spatial_layers.py} and computes the fields.
   *
   * @param source names the text in messages
   * @throws IllegalArgumentException naming the source and line when a line is malformed
   */
  public static ReceptiveField parse(String text, String source, int height, int width) {
    String input = null;
    List<Layer> layers = new ArrayList<>();
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        String[] parts = line.split(" ");
        Map<String, String> kv = new HashMap<>();
        for (int k = 1; k < parts.length; k++) {
          int eq = parts[k].indexOf('=');
          if (eq < 1) {
            throw new IllegalArgumentException("expected key=value, got: " + parts[k]);
          }
          kv.put(parts[k].substring(0, eq), parts[k].substring(eq + 1));
        }
        switch (parts[0]) {
          case "input" -> input = input == null ? need(kv, "name") : input;
          case "output" -> need(kv, "name");
          case "layer" -> layers.add(layer(kv));
          default -> throw new IllegalArgumentException("expected input, layer or output, got: " + parts[0]);
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    if (input == null) {
      throw new IllegalArgumentException(source + ": no input line");
    }
    return compute(input, layers, height, width);
  }

  /**
   * The fields of an ONNX model's tensors for a {@code height x width} input: runs {@code
   * onnx_spatial_layers.py} (copied to {@code workDir}) with {@link org.swarmsense.edge.runtime.BundledScript}.
   */
  public static ReceptiveField ofModel(Path onnx, Path workDir, int height, int width) {
    if (!Files.isRegularFile(onnx)) {
      throw new IllegalArgumentException("model must be an ONNX file, got: " + onnx);
    }
    String text = org.swarmsense.edge.runtime.BundledScript.run(ReceptiveField.class, "onnx_spatial_layers.py",
        workDir, "listing the layers of " + onnx, "python3-onnx", java.time.Duration.ofMinutes(2), onnx.toString());
    return parse(text, onnx.getFileName().toString(), height, width);
  }

  /** Input height, pixels. */
  public int height() {
    return height;
  }

  /** Input width, pixels. */
  public int width() {
    return width;
  }

  /** Rows of {@code tensor}. */
  public int rows(String tensor) {
    return field(tensor)[0].size();
  }

  /** Columns of {@code tensor}. */
  public int cols(String tensor) {
    return field(tensor)[1].size();
  }

  /** First and last input row that row {@code row} of {@code tensor} can read ({first, last}; first > last: none). */
  public int[] rowSpan(String tensor, int row) {
    Axis a = field(tensor)[0];
    int i = a.size() == 1 ? 0 : row;
    return new int[] {a.lo()[i], a.hi()[i]};
  }

  /** First and last input column that column {@code col} of {@code tensor} can read. */
  public int[] colSpan(String tensor, int col) {
    Axis a = field(tensor)[1];
    int i = a.size() == 1 ? 0 : col;
    return new int[] {a.lo()[i], a.hi()[i]};
  }

  /** The largest field of any cell of {@code tensor}, pixels: {rows, cols}. */
  public int[] largestSpan(String tensor) {
    Axis[] a = field(tensor);
    int[] s = new int[2];
    for (int ax = 0; ax < 2; ax++) {
      for (int i = 0; i < a[ax].size(); i++) {
        s[ax] = Math.max(s[ax], a[ax].hi()[i] - a[ax].lo()[i] + 1);
      }
    }
    return s;
  }

  private Axis[] field(String tensor) {
    Axis[] a = fields.get(tensor);
    if (a == null) {
      throw new IllegalArgumentException("no tensor " + tensor + " depends on the input");
    }
    return a;
  }

  private static Axis identity(int n) {
    int[] lo = new int[n];
    for (int i = 0; i < n; i++) {
      lo[i] = i;
    }
    return new Axis(lo, lo.clone());
  }

  private static Axis window(Axis in, int k, int s, int d, int padBegin, int padEnd) {
    int n = in.size();
    int outN = Math.floorDiv(n + padBegin + padEnd - d * (k - 1) - 1, s) + 1;
    if (outN < 1) {
      throw new IllegalArgumentException("a window of " + k + " (dilation " + d + ") does not fit " + n + " cells");
    }
    int[] lo = new int[outN];
    int[] hi = new int[outN];
    for (int i = 0; i < outN; i++) {
      lo[i] = Integer.MAX_VALUE;
      hi[i] = Integer.MIN_VALUE;
      for (int t = 0; t < k; t++) {
        int j = i * s - padBegin + t * d;
        if (j >= 0 && j < n && in.lo()[j] <= in.hi()[j]) {
          lo[i] = Math.min(lo[i], in.lo()[j]);
          hi[i] = Math.max(hi[i], in.hi()[j]);
        }
      }
    }
    return new Axis(lo, hi);
  }

  private static Axis resize(Axis in, double scale, boolean exactNearest) {
    int n = in.size();
    int outN = (int) Math.floor(n * scale);
    int[] lo = new int[outN];
    int[] hi = new int[outN];
    for (int i = 0; i < outN; i++) {
      int first;
      int last;
      if (exactNearest) {
        first = Math.min(n - 1, (int) Math.floor(i / scale));
        last = first;
      } else {
        // every source cell any coordinate mode and interpolation (up to cubic) can touch
        double x = Math.min((i + 0.5) / scale - 0.5, i / scale);
        double y = Math.max((i + 0.5) / scale - 0.5, outN > 1 ? i * (n - 1.0) / (outN - 1) : 0);
        first = Math.max(0, (int) Math.floor(x) - 1);
        last = Math.min(n - 1, (int) Math.ceil(y) + 2);
      }
      lo[i] = Integer.MAX_VALUE;
      hi[i] = Integer.MIN_VALUE;
      for (int j = first; j <= last; j++) {
        if (in.lo()[j] <= in.hi()[j]) {
          lo[i] = Math.min(lo[i], in.lo()[j]);
          hi[i] = Math.max(hi[i], in.hi()[j]);
        }
      }
    }
    return new Axis(lo, hi);
  }

  private static Axis union(String out, List<Axis[]> ins, int ax) {
    int n = 1;
    for (Axis[] a : ins) {
      int m = a[ax].size();
      if (m != 1 && n != 1 && m != n) {
        throw new IllegalArgumentException(out + ": point-wise inputs of " + n + " and " + m + " cells do not broadcast");
      }
      n = Math.max(n, m);
    }
    int[] lo = new int[n];
    int[] hi = new int[n];
    Arrays.fill(lo, Integer.MAX_VALUE);
    Arrays.fill(hi, Integer.MIN_VALUE);
    for (Axis[] a : ins) {
      Axis x = a[ax];
      for (int i = 0; i < n; i++) {
        int j = x.size() == 1 ? 0 : i;
        if (x.lo()[j] <= x.hi()[j]) {
          lo[i] = Math.min(lo[i], x.lo()[j]);
          hi[i] = Math.max(hi[i], x.hi()[j]);
        }
      }
    }
    return new Axis(lo, hi);
  }

  private static Layer layer(Map<String, String> kv) {
    Op op = switch (need(kv, "op")) {
      case "window" -> Op.WINDOW;
      case "resize" -> Op.RESIZE;
      case "pointwise" -> Op.POINTWISE;
      case "global" -> Op.GLOBAL;
      default -> throw new IllegalArgumentException("op must be window, resize, pointwise or global, got: " + kv.get("op"));
    };
    String in = need(kv, "in");
    List<String> ins = in.equals("-") ? List.of() : List.of(in.split(","));
    return switch (op) {
      case WINDOW -> new Layer(op, need(kv, "out"), ins, ints(kv, "kernel"), ints(kv, "stride"), ints(kv, "dilation"),
          ints(kv, "pads"), null, false);
      case RESIZE -> new Layer(op, need(kv, "out"), ins, null, null, null, null,
          Arrays.stream(need(kv, "scale").split(",")).mapToDouble(Double::parseDouble).toArray(),
          "nearest".equals(kv.get("mode")) && "asymmetric".equals(kv.get("coord")) && "floor".equals(kv.get("nearest")));
      default -> new Layer(op, need(kv, "out"), ins, null, null, null, null, null, false);
    };
  }

  private static int[] ints(Map<String, String> kv, String key) {
    try {
      return Arrays.stream(need(kv, key).split(",")).mapToInt(Integer::parseInt).toArray();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be integers, got: " + kv.get(key));
    }
  }

  private static String need(Map<String, String> kv, String key) {
    String v = kv.get(key);
    if (v == null || v.isEmpty()) {
      throw new IllegalArgumentException(key + "= is missing");
    }
    return v;
  }
}
