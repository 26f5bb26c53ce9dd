package org.swarmsense.semantic.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.maps.SharedData;

class SemanticCodecTest {

  private static final List<BandOrder> ORDERS = List.of(BandOrder.zigZag());

  private static PixelImage photo(String name) throws Exception {
    return PixelImages.read(SharedData.file("images/" + name));
  }

  private static SemanticDecoder decoderOf(List<byte[]> packets) {
    SemanticDecoder d = new SemanticDecoder(ORDERS);
    for (byte[] p : packets) {
      assertEquals(PacketVerdict.ACCEPTED, d.accept(p));
    }
    return d;
  }

  @Test
  void allBandsRoundTripInAnyOrderWithinMtuPackets() throws Exception {
    for (String name : List.of("camera.png", "astronaut.png")) {
      PixelImage img = photo(name);
      EncodedFrame f = SemanticEncoder.encode(img, 75, BandOrder.zigZag(), 42);
      for (byte[] p : f.packets()) {
        assertTrue(p.length <= 1200, "packet of " + p.length + " bytes");
      }
      DecodedFrame inOrder = decoderOf(f.packets()).finish().orElseThrow();
      List<byte[]> shuffled = new ArrayList<>(f.packets());
      Collections.shuffle(shuffled, new Random(5));
      DecodedFrame anyOrder = decoderOf(shuffled).finish().orElseThrow();
      assertArrayEquals(inOrder.image().pixels(), anyOrder.image().pixels(), name);
      // The decode must be the encoder's own quantised frame, inverted (nothing lost in packing).
      PixelImage expected = SemanticEncoder.quantize(SemanticEncoder.transform(img), 75).toImage();
      assertArrayEquals(expected.pixels(), inOrder.image().pixels(), name);
      assertEquals(1.0, inOrder.energyShare(), 0.003, name);
      // q75 JPEG of these photos is above 33 dB (cjpeg measures 35.1 dB on camera, 34.0 on astronaut).
      assertTrue(PixelImages.psnrDb(img, inOrder.image()) > 33, name + " PSNR " + PixelImages.psnrDb(img, inOrder.image()));
    }
  }

  @Test
  void fusedTransformAndParallelPackingGiveTheSameCoefficientsAndPackets() throws Exception {
    BandOrder reversed = new BandOrder(9, "reversed", java.util.stream.IntStream.range(0, 64).map(k -> 63 - k).toArray());
    for (String name : List.of("camera.png", "dog.jpg")) {
      PixelImage img = photo(name);
      for (int q : List.of(10, 90)) {
        QuantizedFrame separate = SemanticEncoder.quantize(SemanticEncoder.transform(img), q);
        QuantizedFrame fused = SemanticEncoder.transformQuantized(img, q);
        for (int c = 0; c < separate.coefficients().length; c++) {
          assertArrayEquals(separate.coefficients()[c], fused.coefficients()[c], name + " q" + q + " component " + c);
        }
        for (BandOrder order : List.of(BandOrder.zigZag(), reversed)) {
          List<byte[]> one = SemanticEncoder.pack(fused, order, 3, 1).packets();
          List<byte[]> two = SemanticEncoder.pack(fused, order, 3, 2).packets();
          assertEquals(one.size(), two.size(), name);
          for (int i = 0; i < one.size(); i++) {
            assertArrayEquals(one.get(i), two.get(i), name + " q" + q + " packet " + i);
          }
        }
      }
    }
  }

  @Test
  void takingTheLastMacroblockBackByUndoLogOrByCodingThePacketAgainGivesTheSamePackets() throws Exception {
    // Tail 0: every overflow codes the packet again; tail 1,200: every overflow uses the undo log.
    for (String name : List.of("gravel.png", "chelsea.png")) {
      QuantizedFrame q = SemanticEncoder.transformQuantized(photo(name), 95);
      List<byte[]> again = SemanticEncoder.pack(q, BandOrder.zigZag(), 4, 1, 0).packets();
      List<byte[]> undo = SemanticEncoder.pack(q, BandOrder.zigZag(), 4, 1, 1200).packets();
      List<byte[]> usual = SemanticEncoder.pack(q, BandOrder.zigZag(), 4).packets();
      assertTrue(again.size() > 20, name + ": " + again.size() + " packets");
      assertEquals(again.size(), undo.size(), name);
      assertEquals(again.size(), usual.size(), name);
      for (int i = 0; i < again.size(); i++) {
        assertArrayEquals(again.get(i), undo.get(i), name + " packet " + i);
        assertArrayEquals(again.get(i), usual.get(i), name + " packet " + i);
      }
      DecodedFrame d = decoderOf(again).finish().orElseThrow();
      assertArrayEquals(q.toImage().pixels(), d.image().pixels(), name);
    }
  }

  @Test
  void everyPacketDecodesOnItsOwnAndCarriesOnlyItsShare() throws Exception {
    PixelImage img = photo("chelsea.png");
    EncodedFrame f = SemanticEncoder.encode(img, 60, BandOrder.zigZag(), 1);
    double sum = 0;
    for (byte[] p : f.packets()) {
      SemanticDecoder alone = new SemanticDecoder(ORDERS);
      assertEquals(PacketVerdict.ACCEPTED, alone.accept(p));
      sum += alone.finish().orElseThrow().energyShare();
    }
    // Disjoint packets: their shares add up to the whole frame (header energy is rounded to 0.14%).
    assertEquals(1.0, sum, 0.003);
  }

  @Test
  void missingCoefficientsAreZeroAtTheDeadline() throws Exception {
    PixelImage img = photo("coffee.png");
    EncodedFrame f = SemanticEncoder.encode(img, 50, BandOrder.zigZag(), 1);
    // Only the DC group (ranking position 0) arrives: the first packets, by construction.
    SemanticDecoder d = new SemanticDecoder(ORDERS);
    for (byte[] p : f.packets()) {
      if (p[13] == 0) {
        d.accept(p);
      }
    }
    boolean[] ac = new boolean[64];
    java.util.Arrays.fill(ac, 1, 64, true);
    PixelImage expected = SemanticEncoder.quantize(SemanticEncoder.transform(img), 50).withoutBands(ac).toImage();
    DecodedFrame got = d.finish().orElseThrow();
    assertArrayEquals(expected.pixels(), got.image().pixels());
    assertTrue(got.energyShare() > 0.5 && got.energyShare() < 1.0, "DC share " + got.energyShare());
  }

  @Test
  void concealingALostDcPacketBeatsZeroFill() throws Exception {
    PixelImage img = photo("astronaut.png");
    EncodedFrame f = SemanticEncoder.encode(img, 50, BandOrder.zigZag(), 1);
    SemanticDecoder d = new SemanticDecoder(ORDERS);
    boolean droppedOne = false;
    for (byte[] p : f.packets()) {
      if (p[13] == 0 && !droppedOne) {
        droppedOne = true; // the first DC packet is lost
        continue;
      }
      d.accept(p);
    }
    double zero = PixelImages.psnrDb(img, d.finish(false).orElseThrow().image());
    double concealed = PixelImages.psnrDb(img, d.finish(true).orElseThrow().image());
    System.out.printf("lost DC packet: PSNR %.2f dB zero-filled, %.2f dB concealed%n", zero, concealed);
    assertTrue(concealed > zero + 3, "concealed " + concealed + " dB vs zero-filled " + zero + " dB");
    // With nothing lost, concealment changes nothing.
    SemanticDecoder all = decoderOf(f.packets());
    assertArrayEquals(all.finish(false).orElseThrow().image().pixels(), all.finish(true).orElseThrow().image().pixels());
  }

  @Test
  void sizeWithAllBandsIsWithin5PercentOfProgressiveOptimisedCjpeg(@TempDir Path dir) throws Exception {
    for (String name : List.of("camera.png", "astronaut.png", "dog.jpg", "gravel.png")) {
      PixelImage img = photo(name);
      Path pnm = dir.resolve(name + (img.channels() == 1 ? ".pgm" : ".ppm"));
      PixelImages.writePnm(img, pnm);
      for (int q : new int[] {25, 75, 95}) {
        Path jpg = dir.resolve("out.jpg");
        Process p = new ProcessBuilder("cjpeg", "-progressive", "-optimize", "-quality", Integer.toString(q),
            "-outfile", jpg.toString(), pnm.toString()).redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), "cjpeg failed: " + new String(p.getInputStream().readAllBytes()));
        long cjpeg = Files.size(jpg);
        long ours = SemanticEncoder.encode(img, q, BandOrder.zigZag(), 1).totalBytes();
        System.out.printf("%s q%d: ours %d B, cjpeg -progressive -optimize %d B, ratio %.3f%n", name, q, ours, cjpeg,
            ours / (double) cjpeg);
        assertTrue(ours <= 1.05 * cjpeg, name + " q" + q + ": " + ours + " > 1.05 x " + cjpeg);
      }
    }
  }

  @Test
  void dropsAndCountsEveryBadPacketByReason() {
    PixelImage img = SyntheticImages.gradient(200, 120);
    EncodedFrame f = SemanticEncoder.encode(img, 80, BandOrder.zigZag(), 9);
    EncodedFrame other = SemanticEncoder.encode(img, 80, BandOrder.zigZag(), 10);
    EncodedFrame otherQuality = SemanticEncoder.encode(img, 30, BandOrder.zigZag(), 9);
    byte[] good = f.packets().get(0);
    SemanticDecoder d = new SemanticDecoder(ORDERS);
    assertEquals(PacketVerdict.ACCEPTED, d.accept(good));
    assertEquals(PacketVerdict.DUPLICATE, d.accept(good.clone()));
    byte[] flipped = good.clone();
    flipped[30] ^= 4;
    assertEquals(PacketVerdict.BAD_CRC, d.accept(flipped));
    assertEquals(PacketVerdict.TOO_SHORT, d.accept(new byte[10]));
    assertEquals(PacketVerdict.TOO_SHORT, d.accept(null));
    assertEquals(PacketVerdict.TOO_LONG, d.accept(new byte[1201]));
    assertEquals(PacketVerdict.MALFORMED_HEADER, d.accept(withCrc(good, 14, 65)));   // band range end > 64
    assertEquals(PacketVerdict.MALFORMED_HEADER, d.accept(withCrc(good, 10, 0)));    // quality 0
    assertEquals(PacketVerdict.UNKNOWN_ORDER, d.accept(withCrc(good, 12, 99)));      // order id 99
    assertEquals(PacketVerdict.OTHER_FRAME, d.accept(other.packets().get(1)));
    assertEquals(PacketVerdict.INCONSISTENT_FRAME, d.accept(otherQuality.packets().get(1)));
    byte[] widened = withCrc(good, 14, 3);  // claims ranking positions 0..2: overlaps the accepted DC
    assertEquals(PacketVerdict.OVERLAP, d.accept(widened));
    var counts = d.counts();
    assertEquals(1L, counts.get(PacketVerdict.ACCEPTED));
    assertEquals(1L, counts.get(PacketVerdict.DUPLICATE));
    assertEquals(1L, counts.get(PacketVerdict.BAD_CRC));
    assertEquals(2L, counts.get(PacketVerdict.TOO_SHORT));
    assertEquals(1L, counts.get(PacketVerdict.TOO_LONG));
    assertEquals(2L, counts.get(PacketVerdict.MALFORMED_HEADER));
    assertEquals(1L, counts.get(PacketVerdict.UNKNOWN_ORDER));
    assertEquals(1L, counts.get(PacketVerdict.OTHER_FRAME));
    assertEquals(1L, counts.get(PacketVerdict.INCONSISTENT_FRAME));
    assertEquals(1L, counts.get(PacketVerdict.OVERLAP));
  }

  @Test
  void refusesForgedHugeFramesAndKeepsNoisePacketsWithinTheMtu() {
    long seed = 12;
    System.out.println("noise image seed " + seed);
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
    byte[] px = new byte[96 * 80 * 3];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) rnd.nextInt(256);
    }
    // Pure noise at quality 100 is the worst case for packet size: every MCU must still fit.
    EncodedFrame f = SemanticEncoder.encode(new PixelImage(96, 80, 3, px), 100, BandOrder.zigZag(), 1);
    for (byte[] p : f.packets()) {
      assertTrue(p.length <= 1200, "packet of " + p.length + " bytes");
    }
    byte[] huge = f.packets().get(0).clone();
    huge[6] = (byte) 0xFF;  // width 65535
    huge[7] = (byte) 0xFF;
    huge[8] = (byte) 0xFF;  // height 65535
    huge[9] = (byte) 0xFF;
    fixCrc(huge);
    assertEquals(PacketVerdict.MALFORMED_HEADER, new SemanticDecoder(ORDERS).accept(huge));
  }

  @Test
  void aFreshDecoderRejectsGarbageWithAValidCrcAsCorruptPayload() {
    PixelImage img = SyntheticImages.gradient(64, 64);
    // An AC packet whose payload is all zero bits: the decoder reads "not end of block", then
    // "zero" for every band of the range, which no encoder writes (a non-zero must follow).
    byte[] good = SemanticEncoder.encode(img, 90, BandOrder.zigZag(), 3).packets().stream()
        .filter(p -> p[13] != 0).findFirst().orElseThrow();
    byte[] garbage = good.clone();
    java.util.Arrays.fill(garbage, PacketHeader.SIZE, garbage.length - 4, (byte) 0);
    fixCrc(garbage);
    SemanticDecoder d = new SemanticDecoder(ORDERS);
    assertEquals(PacketVerdict.CORRUPT_PAYLOAD, d.accept(garbage));
    assertTrue(d.finish().isEmpty(), "nothing accepted, so no frame");
  }

  /** A copy of {@code p} with byte {@code at} set to {@code value} and the CRC recomputed. */
  static byte[] withCrc(byte[] p, int at, int value) {
    byte[] c = p.clone();
    c[at] = (byte) value;
    fixCrc(c);
    return c;
  }

  static void fixCrc(byte[] c) {
    int len = c.length - 4;
    CRC32 crc = new CRC32();
    crc.update(c, 0, len);
    long v = crc.getValue();
    c[len] = (byte) (v >>> 24);
    c[len + 1] = (byte) (v >>> 16);
    c[len + 2] = (byte) (v >>> 8);
    c[len + 3] = (byte) v;
  }
}
