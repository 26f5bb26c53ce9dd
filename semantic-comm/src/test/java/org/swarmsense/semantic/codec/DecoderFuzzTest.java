package org.swarmsense.semantic.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * 100,000 seeded random and mutated packets: no exception escapes the decoder, every packet is
 * counted under exactly one verdict, and mutations whose verdict is known by construction get it.
 */
class DecoderFuzzTest {

  private static final int PACKETS = 100_000;

  @Test
  void survivesAndCountsOneHundredThousandBadPackets() {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    System.out.println("DecoderFuzzTest seed " + seed + " (rerun with -Dfuzz.seed=" + seed + ")");
    SplittableRandom rnd = new SplittableRandom(seed);
    List<byte[]> valid = new ArrayList<>();
    valid.addAll(SemanticEncoder.encode(SyntheticImages.gradient(160, 96), 85, BandOrder.zigZag(), 1).packets());
    PixelImage gray = new PixelImage(40, 40, 1, new byte[1600]);
    for (int i = 0; i < 1600; i++) {
      gray.pixels()[i] = (byte) (i * 37 % 251);
    }
    valid.addAll(SemanticEncoder.encode(gray, 95, BandOrder.zigZag(), 2).packets());

    Map<PacketVerdict, Long> total = new EnumMap<>(PacketVerdict.class);
    long expectedBadCrc = 0;
    long expectedTooShort = 0;
    long expectedTooLong = 0;
    SemanticDecoder d = new SemanticDecoder(List.of(BandOrder.zigZag()));
    for (int n = 0; n < PACKETS; n++) {
      if (n % 500 == 0) {
        d.finish();
        d.counts().forEach((k, v) -> total.merge(k, v, Long::sum));
        d = new SemanticDecoder(List.of(BandOrder.zigZag()));
      }
      byte[] base = valid.get(rnd.nextInt(valid.size()));
      byte[] p;
      int kind = rnd.nextInt(7);
      switch (kind) {
        case 0 -> { // random bytes of random length
          p = new byte[rnd.nextInt(1400)];
          for (int i = 0; i < p.length; i++) {
            p[i] = (byte) rnd.nextInt(256);
          }
          if (p.length < PacketHeader.OVERHEAD) {
            expectedTooShort++;
          } else if (p.length > PacketHeader.MAX_PACKET) {
            expectedTooLong++;
          }
        }
        case 1 -> { // 1 to 3 flipped bits, CRC not fixed: CRC32 detects every such error
          p = base.clone();
          int flips = 1 + rnd.nextInt(3);
          java.util.Set<Integer> bits = new java.util.HashSet<>();
          while (bits.size() < flips) {
            bits.add(rnd.nextInt(p.length * 8));
          }
          for (int b : bits) {
            p[b >> 3] ^= (byte) (1 << (b & 7));
          }
          expectedBadCrc++;
        }
        case 2 -> { // header bytes randomised, CRC fixed: exercises header checks
          p = base.clone();
          for (int i = 0; i < 1 + rnd.nextInt(4); i++) {
            p[rnd.nextInt(PacketHeader.SIZE)] = (byte) rnd.nextInt(256);
          }
          SemanticCodecTest.fixCrc(p);
        }
        case 3 -> { // payload randomised, CRC fixed: exercises the entropy decoder
          p = base.clone();
          for (int i = PacketHeader.SIZE; i < p.length - 4; i++) {
            if (rnd.nextInt(4) == 0) {
              p[i] = (byte) rnd.nextInt(256);
            }
          }
          SemanticCodecTest.fixCrc(p);
        }
        case 4 -> { // truncated or extended, CRC fixed
          int len = Math.max(PacketHeader.OVERHEAD, Math.min(PacketHeader.MAX_PACKET,
              base.length + rnd.nextInt(-base.length, 200)));
          p = java.util.Arrays.copyOf(base, len);
          SemanticCodecTest.fixCrc(p);
        }
        case 5 -> p = base.clone(); // valid (and sometimes duplicate or from the other frame)
        default -> { // valid header, MCU range or band range changed, CRC fixed
          p = base.clone();
          p[13 + rnd.nextInt(7)] = (byte) rnd.nextInt(256);
          SemanticCodecTest.fixCrc(p);
        }
      }
      d.accept(p);
    }
    d.finish();
    d.counts().forEach((k, v) -> total.merge(k, v, Long::sum));
    System.out.println("DecoderFuzzTest verdicts " + total);
    long sum = total.values().stream().mapToLong(Long::longValue).sum();
    assertEquals(PACKETS, sum, "every packet counted once");
    assertTrue(total.get(PacketVerdict.BAD_CRC) >= expectedBadCrc, "bad CRC " + total.get(PacketVerdict.BAD_CRC));
    assertEquals(expectedTooShort, total.get(PacketVerdict.TOO_SHORT));
    assertEquals(expectedTooLong, total.get(PacketVerdict.TOO_LONG));
    for (PacketVerdict v : List.of(PacketVerdict.ACCEPTED, PacketVerdict.MALFORMED_HEADER, PacketVerdict.DUPLICATE,
        PacketVerdict.OTHER_FRAME, PacketVerdict.CORRUPT_PAYLOAD, PacketVerdict.OVERLAP)) {
      assertTrue(total.get(v) > 0, "the fuzzer never reached " + v);
    }
  }
}
