package org.swarmsense.edge.codecbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.swarmsense.maps.SharedData;
import org.swarmsense.semantic.codec.BandOrder;
import org.swarmsense.semantic.codec.EncodedFrame;
import org.swarmsense.semantic.codec.PacketHeader;
import org.swarmsense.semantic.codec.PixelImage;
import org.swarmsense.semantic.codec.PixelImages;
import org.swarmsense.semantic.codec.RateControl;
import org.swarmsense.semantic.codec.SemanticEncoder;

/** The diagnosis' bookkeeping (no detector): where a prefix ends, and the whole-quality choice. */
class SemcommDiagnosisTest {

  @Test
  void cutOfNamesTheGroupAndTheShareSentAndWholeTakesTheHighestQualityThatFits() throws Exception {
    PixelImage img = PixelImages.read(SharedData.file("images/dog.jpg"));
    RateControl rc = new RateControl(SemanticEncoder.transform(img), BandOrder.zigZag(), 1);
    EncodedFrame q50 = rc.encoded(50);
    List<byte[]> ps = q50.packets();
    assertEquals("all", SemcommDiagnosis.cutOf(q50, ps.size()));
    assertEquals("g0:0.00", SemcommDiagnosis.cutOf(q50, 0));
    // The first packet of group 2 (ranking positions 3..5) and the packets of that group.
    int start = 0;
    while (PacketHeader.parse(ps.get(start)).rankStart() != 3) {
      start++;
    }
    int end = start;
    while (end < ps.size() && PacketHeader.parse(ps.get(end)).rankStart() == 3) {
      end++;
    }
    assertTrue(end - start >= 2, "dog.jpg q50 group 2 spans " + (end - start) + " packets");
    assertEquals("g2:0.00", SemcommDiagnosis.cutOf(q50, start));
    assertEquals(String.format(java.util.Locale.ROOT, "g2:%.2f", 1.0 / (end - start)),
        SemcommDiagnosis.cutOf(q50, start + 1));

    int candidate = RateControl.candidates().get(RateControl.candidates().size() / 2);
    long budget = rc.encoded(candidate).totalBytes();
    RateControl.Choice whole = SemcommDiagnosis.whole(rc, budget);
    assertEquals(rc.encoded(whole.quality()).packets().size(), whole.packets().size(), "all packets sent");
    assertTrue(whole.quality() >= candidate, "q" + candidate + " fits whole in its own size, got q" + whole.quality());
    for (int q : RateControl.candidates()) {
      if (q > whole.quality()) {
        assertTrue(rc.encoded(q).totalBytes() > budget, "q" + q + " fits whole too");
      }
    }
  }
}
