package org.swarmsense.semantic.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.swarmsense.maps.SharedData;

/** Where {@link RateControl} may cut a candidate's packets ({@link RateControl.Cut}). */
class RateControlCutTest {

  private static PixelImage photo(String name) throws Exception {
    return PixelImages.read(SharedData.file("images/" + name));
  }

  private static long bytes(List<byte[]> packets) {
    return packets.stream().mapToLong(p -> p.length).sum();
  }

  /** True when the packets hold, for every ranking group they touch, every MCU of the frame. */
  private static boolean wholeGroups(List<byte[]> packets) {
    java.util.Map<Integer, Integer> mcus = new java.util.HashMap<>();
    int frameMcus = -1;
    for (byte[] p : packets) {
      PacketHeader h = PacketHeader.parse(p);
      mcus.merge(h.rankStart(), h.mcuCount(), Integer::sum);
      frameMcus = h.layout().mcuCount();
    }
    for (int n : mcus.values()) {
      if (n != frameMcus) {
        return false;
      }
    }
    return true;
  }

  @Test
  void aCutInsideAGroupIsMovedBackToTheGroupsStartAndCostsError() throws Exception {
    PixelImage img = photo("astronaut.png");
    RateControl rc = new RateControl(SemanticEncoder.transform(img), BandOrder.zigZag(), 3);
    int q = 50;
    List<byte[]> all = rc.encoded(q).packets();
    // A budget that ends in the middle of a group of several packets: after the first packet of
    // the first group that has at least three packets.
    int start = -1;
    for (int i = 1; i + 2 < all.size(); i++) {
      int r = PacketHeader.parse(all.get(i)).rankStart();
      if (r != PacketHeader.parse(all.get(i - 1)).rankStart() && r == PacketHeader.parse(all.get(i + 2)).rankStart()) {
        start = i;
        break;
      }
    }
    assertTrue(start > 0, "astronaut q50 has a group of 3+ packets after the first");
    long budget = bytes(all.subList(0, start + 1)) + 10;
    RateControl.Choice any = rc.candidate(q, budget, RateControl.Cut.ANY_PACKET);
    RateControl.Choice boundary = rc.candidate(q, budget, RateControl.Cut.GROUP_BOUNDARY);
    assertEquals(start + 1, any.packets().size(), "any-packet cut keeps one packet of the group");
    assertFalse(wholeGroups(any.packets()));
    assertEquals(start, boundary.packets().size(), "group-boundary cut ends before the group");
    assertTrue(wholeGroups(boundary.packets()));
    assertTrue(boundary.squaredError() > any.squaredError(), "one packet fewer leaves more error: "
        + boundary.squaredError() + " vs " + any.squaredError());
    // A budget holding every packet: both cuts send everything.
    long full = bytes(all);
    assertEquals(all.size(), rc.candidate(q, full, RateControl.Cut.GROUP_BOUNDARY).packets().size());
    assertEquals(rc.candidate(q, full, RateControl.Cut.ANY_PACKET).squaredError(),
        rc.candidate(q, full, RateControl.Cut.GROUP_BOUNDARY).squaredError(), 0.0);
  }

  @Test
  void groupBoundaryChoiceIsTheLeastErrorAmongWholeGroupPrefixesAtEveryBudget() throws Exception {
    PixelImage img = photo("dog.jpg");
    RateControl rc = new RateControl(SemanticEncoder.transform(img), BandOrder.zigZag(), 3);
    for (double bpp : new double[] {0.05, 0.1, 0.2, 0.4, 0.8}) {
      long budget = (long) (bpp * img.pixelCount() / 8);
      RateControl.Choice c = rc.choose(budget, RateControl.Cut.GROUP_BOUNDARY);
      assertTrue(bytes(c.packets()) <= budget, bpp + " bpp: within the budget");
      assertFalse(c.packets().isEmpty(), bpp + " bpp: something is sent");
      assertTrue(wholeGroups(c.packets()), bpp + " bpp: every group sent is whole");
      // Brute force over the candidates, by hand: the longest whole-group prefix of each.
      double best = Double.MAX_VALUE;
      for (int q : RateControl.candidates()) {
        List<byte[]> all = rc.encoded(q).packets();
        int k = 0;
        long used = 0;
        int lastBoundary = 0;
        while (k < all.size() && used + all.get(k).length <= budget) {
          used += all.get(k).length;
          k++;
          if (k == all.size() || PacketHeader.parse(all.get(k)).rankStart()
              != PacketHeader.parse(all.get(k - 1)).rankStart()) {
            lastBoundary = k;
          }
        }
        if (lastBoundary > 0) {
          RateControl.Choice cq = rc.candidate(q, budget, RateControl.Cut.GROUP_BOUNDARY);
          assertEquals(lastBoundary, cq.packets().size(), bpp + " bpp, q" + q);
          best = Math.min(best, cq.squaredError());
        }
      }
      assertEquals(best, c.squaredError(), 0.0, bpp + " bpp: least error");
      assertTrue(c.squaredError() >= rc.choose(budget, RateControl.Cut.ANY_PACKET).squaredError(),
          bpp + " bpp: a restricted cut never predicts less error than the free one");
    }
  }

  @Test
  void whenNoFirstGroupFitsWholeTheAnyPacketChoiceIsSent() {
    // Flat 8x8 blocks of random colours: a large DC group (several packets) at every quality.
    long seed = 20261202L;
    System.out.println("RateControlCutTest seed " + seed);
    java.util.Random random = new java.util.Random(seed);
    int w = 1024;
    byte[] px = new byte[w * w * 3];
    byte[][] colours = new byte[(w / 8) * (w / 8)][3];
    for (byte[] c : colours) {
      random.nextBytes(c);
    }
    for (int y = 0; y < w; y++) {
      for (int x = 0; x < w; x++) {
        System.arraycopy(colours[(y / 8) * (w / 8) + x / 8], 0, px, (y * w + x) * 3, 3);
      }
    }
    PixelImage img = new PixelImage(w, w, 3, px);
    RateControl rc = new RateControl(SemanticEncoder.transform(img), BandOrder.zigZag(), 3);
    long smallestFirstGroup = Long.MAX_VALUE;
    for (int q : RateControl.candidates()) {
      long g = 0;
      for (byte[] p : rc.encoded(q).packets()) {
        if (PacketHeader.parse(p).rankStart() != 0) {
          break;
        }
        g += p.length;
      }
      smallestFirstGroup = Math.min(smallestFirstGroup, g);
    }
    long budget = smallestFirstGroup - 1;
    RateControl.Choice any = rc.choose(budget, RateControl.Cut.ANY_PACKET);
    assertFalse(any.packets().isEmpty(), "a DC packet fits in " + budget + " B");
    assertFalse(wholeGroups(any.packets()), "but no whole first group does");
    RateControl.Choice boundary = rc.choose(budget, RateControl.Cut.GROUP_BOUNDARY);
    assertEquals(any.quality(), boundary.quality());
    assertEquals(any.packets(), boundary.packets());
    assertTrue(rc.choose(0, RateControl.Cut.GROUP_BOUNDARY).packets().isEmpty(), "nothing fits in 0 bytes");
  }
}
