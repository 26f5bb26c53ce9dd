package org.swarmsense.semantic.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.swarmsense.maps.SharedData;

/**
 * The encoder's packets are byte-identical to those of the encoder before the speed work of issue 12
 * (per-phase profile, faster DCT and coding): the expected digests in {@code bitstream-golden.txt}
 * were printed by the code at commit de2e2eb (before any speed change) and committed before the
 * change. Covers colour and gray photos, a padded odd size, the 1080p timing frame, four qualities,
 * the zig-zag and a permuted order, the one-call encode, the fused transform and the rate control's
 * separate transform + quantisation. Print the table of the current code with
 * {@code -Dsemcomm.golden.print=true}.
 */
class BitstreamGoldenTest {

  /** A fixed permutation (seed 12), standing in for a learned order. */
  static BandOrder permuted() {
    List<Integer> bands = new ArrayList<>();
    for (int k = 1; k < 64; k++) {
      bands.add(k);
    }
    java.util.Collections.shuffle(bands, new Random(12));
    int[] ranking = new int[64];
    for (int k = 1; k < 64; k++) {
      ranking[k] = bands.get(k - 1);
    }
    return new BandOrder(7, "permuted-seed-12", ranking);
  }

  private static String digest(List<byte[]> packets) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (byte[] p : packets) {
      sha.update(new byte[] {(byte) (p.length >>> 8), (byte) p.length});
      sha.update(p);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  static List<String> table() throws Exception {
    List<String> lines = new ArrayList<>();
    PixelImage dog = PixelImages.read(SharedData.file("images/dog.jpg"));
    List<Object[]> images = List.of(
        new Object[] {"camera.png", PixelImages.read(SharedData.file("images/camera.png"))},
        new Object[] {"astronaut.png", PixelImages.read(SharedData.file("images/astronaut.png"))},
        new Object[] {"person.jpg", PixelImages.read(SharedData.file("images/person.jpg"))},
        new Object[] {"dog-1920x1080", PixelImages.resize(dog.toRgb(), 1920, 1080)},
        new Object[] {"dog-333x77", PixelImages.resize(dog.toRgb(), 333, 77)});
    for (Object[] named : images) {
      PixelImage img = (PixelImage) named[1];
      SemanticEncoder.Transformed t = SemanticEncoder.transform(img);
      for (int q : new int[] {5, 25, 75, 95}) {
        QuantizedFrame fused = SemanticEncoder.transformQuantized(img, q);
        QuantizedFrame separate = SemanticEncoder.quantize(t, q);
        for (BandOrder order : List.of(BandOrder.zigZag(), permuted())) {
          String fusedDigest = digest(SemanticEncoder.pack(fused, order, 12, 1).packets());
          // The one-call encode (non-zero masks found while quantising) must give the same packets.
          String encodeDigest = digest(SemanticEncoder.encode(img, q, order, 12).packets());
          lines.add(named[0] + " q" + q + " " + order.name() + " fused " + fusedDigest + " separate "
              + digest(SemanticEncoder.pack(separate, order, 12, 1).packets())
              + (encodeDigest.equals(fusedDigest) ? "" : " encode " + encodeDigest));
        }
      }
    }
    return lines;
  }

  @Test
  void packetsAreByteIdenticalToThoseOfTheEncoderBeforeTheSpeedWork() throws Exception {
    List<String> actual = table();
    if (Boolean.getBoolean("semcomm.golden.print")) {
      actual.forEach(System.out::println);
    }
    List<String> expected;
    try (InputStream in = BitstreamGoldenTest.class.getResourceAsStream("bitstream-golden.txt")) {
      assertNotNull(in, "bitstream-golden.txt missing from the test resources");
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }
    assertEquals(expected.size(), actual.size(), "rows of the golden table");
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), actual.get(i), "row " + i);
    }
  }
}
