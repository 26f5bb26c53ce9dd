package org.swarmsense.semantic.codec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Before/after of the whole encode in one process: two builds of the codec (class folders, e.g. one
 * compiled from an older commit) loaded by separate class loaders, each encoding the 1080p timing
 * frame (the image given resized to 1920x1080, quality 75, zig-zag), runs interleaved A B A B so both
 * see the same machine load; thread CPU time, fastest and median. Not a test: a tool for the README.
 * {@code java -cp CONFIG_JAR:semantic-comm/target/test-classes org.swarmsense.semantic.codec.EncoderAb
 * IMAGE OLD_CLASSES NEW_CLASSES [runs]}
 */
public final class EncoderAb {

  private EncoderAb() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 30;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Object[][] sides = new Object[2][];
    for (int s = 0; s < 2; s++) {
      ClassLoader loader = new URLClassLoader(new URL[] {Path.of(args[1 + s]).toUri().toURL()},
          EncoderAb.class.getClassLoader().getParent() == null ? null : ClassLoader.getPlatformClassLoader()) {
        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
          if (name.startsWith("com.typesafe.") || name.startsWith("org.slf4j.")) {
            return EncoderAb.class.getClassLoader().loadClass(name);
          }
          return super.loadClass(name, resolve);
        }
      };
      Class<?> images = loader.loadClass("org.swarmsense.semantic.codec.PixelImages");
      Class<?> image = loader.loadClass("org.swarmsense.semantic.codec.PixelImage");
      Class<?> order = loader.loadClass("org.swarmsense.semantic.codec.BandOrder");
      Class<?> encoder = loader.loadClass("org.swarmsense.semantic.codec.SemanticEncoder");
      Object src = images.getMethod("read", Path.class).invoke(null, Path.of(args[0]));
      src = image.getMethod("toRgb").invoke(src);
      Object hd = images.getMethod("resize", image, int.class, int.class).invoke(null, src, 1920, 1080);
      Object zigZag = order.getMethod("zigZag").invoke(null);
      Method encode = encoder.getMethod("encode", image, int.class, order, int.class);
      sides[s] = new Object[] {encode, hd, zigZag};
    }
    double[][] ms = new double[2][runs];
    for (int r = -15; r < runs; r++) {
      for (int s = 0; s < 2; s++) {
        Method encode = (Method) sides[s][0];
        long c0 = threads.getCurrentThreadCpuTime();
        encode.invoke(null, sides[s][1], 75, sides[s][2], 1);
        long c1 = threads.getCurrentThreadCpuTime();
        if (r >= 0) {
          ms[s][r] = (c1 - c0) / 1e6;
        }
      }
    }
    String[] names = {"A " + args[1], "B " + args[2]};
    double[] med = new double[2];
    double[] min = new double[2];
    for (int s = 0; s < 2; s++) {
      double[] v = ms[s].clone();
      Arrays.sort(v);
      min[s] = v[0];
      med[s] = v[runs / 2];
      System.out.printf(Locale.ROOT, "%s: encode thread CPU fastest %.1f ms, median %.1f ms (%d interleaved runs)%n",
          names[s], min[s], med[s], runs);
    }
    System.out.printf(Locale.ROOT, "A / B: %.2fx (medians), %.2fx (fastest)%n", med[0] / med[1], min[0] / min[1]);
  }
}
