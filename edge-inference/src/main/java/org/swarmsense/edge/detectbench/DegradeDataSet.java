package org.swarmsense.edge.detectbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.swarmsense.semantic.codec.BandOrder;
import org.swarmsense.semantic.codec.PixelImage;
import org.swarmsense.semantic.codec.PixelImages;

/**
 * Writes a codec-degraded copy of a rendered data set (same labels) for training the robust vehicle
 * detector, so the Python trainer only reads PNGs. Every frame goes through
 * {@link CodecDegradation} (zig-zag band order) at a budget drawn log-uniformly from
 * [{@value #MIN_BPP}, {@value #MAX_BPP}] bits per pixel (the rate control truncates the bands that do not
 * fit) and a Gilbert-Elliott mean loss drawn uniformly from [0, {@value #MAX_MEAN_LOSS}] (mean burst 4
 * packets). Ranges chosen before training, around the bench's 0.1 bpp / 5% point. Frame i's draws and
 * loss pattern come from {@code seed} and i only, so the copy is the same for a seed whatever the
 * thread count. {@code OUT/degradation.jsonl} records, per frame, the budget, loss, quality, the
 * energy share that arrived and whether the frame went road-first.
 *
 * <p>Run: {@code java -cp gateway/cli/target/swarmsense.jar org.swarmsense.edge.detectbench.DegradeDataSet IN OUT SEED
 * [MIN_BPP MAX_BPP] [--road-first]}; the optional pair replaces the budget range (log-uniform in it all the same);
 * {@code --road-first} sends every frame road-first (its road mask from {@code IN/roads/}, as a drone whose budget
 * binds sends it), and a frame without a mask is refused by name.
 */
public final class DegradeDataSet {

  /** Smallest budget drawn, bits per pixel. */
  public static final double MIN_BPP = 0.05;
  /** Largest budget drawn, bits per pixel. */
  public static final double MAX_BPP = 0.4;
  /** Largest mean loss drawn. */
  public static final double MAX_MEAN_LOSS = 0.10;

  private DegradeDataSet() {}

  /** Entry: {@code IN OUT SEED [MIN_BPP MAX_BPP] [--road-first]}. */
  public static void main(String[] argv) throws IOException {
    boolean roadFirst = argv.length > 0 && "--road-first".equals(argv[argv.length - 1]);
    String[] args = roadFirst ? Arrays.copyOf(argv, argv.length - 1) : argv;
    if (args.length != 3 && args.length != 5) {
      System.err.println("usage: DegradeDataSet IN_DIR OUT_DIR SEED [MIN_BPP MAX_BPP] [--road-first]");
      System.exit(2);
    }
    long seed;
    try {
      seed = Long.parseLong(args[2]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("SEED must be an integer, got: " + args[2], e);
    }
    double min = args.length == 5 ? number("MIN_BPP", args[3]) : MIN_BPP;
    double max = args.length == 5 ? number("MAX_BPP", args[4]) : MAX_BPP;
    int n = write(Path.of(args[0]), Path.of(args[1]), seed, min, max, roadFirst);
    System.out.println("wrote " + n + (roadFirst ? " road-first" : "") + " degraded frames to " + args[1]);
  }

  private static double number(String name, String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number of bits per pixel, got: " + text, e);
    }
  }

  /** Degrades every frame of the data set {@code in} into {@code out} at the default budget range. */
  public static int write(Path in, Path out, long seed) throws IOException {
    return write(in, out, seed, MIN_BPP, MAX_BPP, false);
  }

  /**
   * Degrades every frame of the data set {@code in} into {@code out}, each at a budget drawn
   * log-uniformly from [{@code minBpp}, {@code maxBpp}], road-first when {@code roadFirst}; returns the frame
   * count.
   *
   * @throws IllegalArgumentException naming the values unless 0 < minBpp <= maxBpp <= 24, or naming the first
   *     frame without a road mask when {@code roadFirst}
   */
  public static int write(Path in, Path out, long seed, double minBpp, double maxBpp, boolean roadFirst)
      throws IOException {
    if (!(minBpp > 0 && minBpp <= maxBpp && maxBpp <= 24)) {
      throw new IllegalArgumentException("budget range must satisfy 0 < MIN_BPP <= MAX_BPP <= 24 bits per pixel, got "
          + minBpp + ".." + maxBpp);
    }
    List<LabelledFrames.Frame> frames = LabelledFrames.read(in);
    if (roadFirst) {
      for (LabelledFrames.Frame f : frames) {
        if (f.roads() == null) {
          throw new IllegalArgumentException("--road-first: no road mask for " + f.png() + " (render the data set"
              + " again: swarmsense render writes roads/)");
        }
      }
    }
    Files.createDirectories(out);
    String[] records = new String[frames.size()];
    IntStream.range(0, frames.size()).parallel().forEach(i -> {
      try {
        Path png = frames.get(i).png();
        Path target = out.resolve(in.relativize(png));
        Files.createDirectories(target.getParent());
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + i);
        double bpp = minBpp * Math.exp(rnd.nextDouble() * Math.log(maxBpp / minBpp));
        double loss = rnd.nextDouble() * MAX_MEAN_LOSS;
        PixelImage img = frames.get(i).image();
        boolean[] region = roadFirst ? frames.get(i).roadPixels(img.width(), img.height()) : null;
        CodecDegradation.Degraded d = CodecDegradation.transmit(
            CodecDegradation.encode(img, BandOrder.zigZag(), bpp, region), loss, rnd.nextLong());
        ImageIO.write(PixelImages.toBuffered(d.image()), "png", target.toFile());
        records[i] = String.format(Locale.ROOT,
            "{\"frame\":\"%s\",\"bpp\":%.4f,\"mean_loss\":%.4f,\"quality\":%d,\"sent_bytes\":%d,\"energy_share\":%.4f,"
            + "\"road_first\":%b}", in.relativize(png).toString().replace('\\', '/'), bpp, loss, d.quality(),
            d.sentBytes(), d.energyShare(), roadFirst);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    Files.copy(in.resolve("labels.jsonl"), out.resolve("labels.jsonl"), StandardCopyOption.REPLACE_EXISTING);
    if (Files.isRegularFile(in.resolve("manifest.json"))) {
      Files.copy(in.resolve("manifest.json"), out.resolve("manifest.json"), StandardCopyOption.REPLACE_EXISTING);
    }
    Files.write(out.resolve("degradation.jsonl"), new ArrayList<>(List.of(records)), StandardCharsets.UTF_8);
    return frames.size();
  }
}
