package org.swarmsense.semantic.codec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * Per-phase thread CPU time of the encoder on the 1080p timing frame (the image given, resized to
 * 1920x1080 as {@code bench semcomm --timing} does, quality 75, zig-zag order). Not a test: a
 * profiling tool for the README's table, run by hand:
 * {@code java -cp semantic-comm/target/classes:semantic-comm/target/test-classes
 * org.swarmsense.semantic.codec.EncoderPhaseProfile ../shared/data/images/dog.jpg [runs]}.
 * Each phase is timed on its own over the same data; prints the fastest and the median of the runs
 * (the fastest is the least disturbed on a shared machine).
 */
public final class EncoderPhaseProfile {

  private EncoderPhaseProfile() {}

  public static void main(String[] args) throws Exception {
    PixelImage hd = PixelImages.resize(PixelImages.read(Path.of(args[0])).toRgb(), 1920, 1080);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int quality = 75;
    BandOrder order = BandOrder.zigZag();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    FrameLayout layout = new FrameLayout(hd.width(), hd.height(), true);
    QuantTable quant = QuantTable.ofQuality(quality);
    String[] names = {"colour conversion + 4:2:0 subsampling", "forward DCT (AAN)",
        "quantisation + zig-zag reorder + non-zero masks",
        "energy, band reordering", "entropy coding + packetisation (10 groups)",
        "CRC32 of the packets", "whole encode (SemanticEncoder.encode)"};
    double[][] ms = new double[names.length][runs];
    int warmups = 15;
    for (int r = -warmups; r < runs; r++) {
      long[] t = new long[names.length + 1];
      int p = 0;
      t[p++] = threads.getCurrentThreadCpuTime();
      float[][] planes = SemanticEncoder.planes(hd, layout);
      t[p++] = threads.getCurrentThreadCpuTime();
      for (int c = 0; c < planes.length; c++) {
        AanDct.forwardPlane(planes[c], layout.blockCols(c), layout.blockRows(c));
      }
      t[p++] = threads.getCurrentThreadCpuTime();
      short[][] coef = new short[planes.length][];
      long[][] nonZero = new long[planes.length][];
      for (int c = 0; c < planes.length; c++) {
        nonZero[c] = new long[layout.blockCols(c) * layout.blockRows(c)];
        coef[c] = SemanticEncoder.quantizePlane(planes[c], layout.blockCols(c), layout.blockRows(c),
            SemanticEncoder.reciprocals(quant, c), nonZero[c]);
      }
      QuantizedFrame frame = new QuantizedFrame(layout, quant, coef);
      t[p++] = threads.getCurrentThreadCpuTime();
      SemanticEncoder.Packer packer = new SemanticEncoder.Packer(frame, nonZero, order, 1, 64);
      t[p++] = threads.getCurrentThreadCpuTime();
      List<byte[]> packets = new java.util.ArrayList<>();
      for (int g = 0; g < BandOrder.GROUP_ENDS.length; g++) {
        packets.addAll(packer.group(g));
      }
      t[p++] = threads.getCurrentThreadCpuTime();
      long sum = 0;
      for (byte[] pk : packets) {
        CRC32 crc = new CRC32();
        crc.update(pk, 0, pk.length - 4);
        sum += crc.getValue();
      }
      t[p++] = threads.getCurrentThreadCpuTime();
      EncodedFrame whole = SemanticEncoder.encode(hd, quality, order, 1);
      t[p++] = threads.getCurrentThreadCpuTime();
      if (whole.packets().size() != packets.size() || sum == 42) {
        throw new IllegalStateException("phases disagree with the whole encode");
      }
      if (r >= 0) {
        for (int i = 0; i < names.length; i++) {
          ms[i][r] = (t[i + 1] - t[i]) / 1e6;
        }
      }
    }
    System.out.printf(Locale.ROOT, "1080p frame, quality %d, zig-zag, %d runs after %d warm-ups, thread CPU ms:%n",
        quality, runs, warmups);
    System.out.printf(Locale.ROOT, "| phase | fastest | median |%n|---|---|---|%n");
    for (int i = 0; i < names.length; i++) {
      double[] s = ms[i].clone();
      Arrays.sort(s);
      System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f |%n", names[i], s[0], s[runs / 2]);
    }
  }
}
