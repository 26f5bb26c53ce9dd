package org.swarmsense.semantic.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelTest {

  private static List<byte[]> packets(int n, int size) {
    return new ArrayList<>(Collections.nCopies(n, new byte[size]));
  }

  @Test
  void aDeadlineDeliversAtMostRateTimesDeadline() {
    ConstantRateChannel c = new ConstantRateChannel(10_000);
    // 0.35 s at 10,000 B/s = 3,500 B: three 1,000-byte packets, not four.
    Channel.Delivery d = c.transmit(packets(10, 1000), Duration.ofMillis(350), 1);
    assertEquals(3, d.sent());
    assertEquals(List.of(0, 1, 2), d.arrived());
    assertEquals(3000, d.sentBytes());
    var e = assertThrows(IllegalArgumentException.class, () -> new ConstantRateChannel(-1));
    assertEquals("rateBytesPerS must be > 0 and finite, got: -1.0", e.getMessage());
  }

  @Test
  void gilbertElliottHasTheDocumentedMeanLossAndBurstLength() {
    long seed = 77;
    System.out.println("ChannelTest seed " + seed);
    GilbertElliottChannel c = GilbertElliottChannel.bursty(1e9, 0.05, 4);
    assertEquals(0.05, c.meanLoss(), 1e-12);
    int n = 400_000;
    Channel.Delivery d = c.transmit(packets(n, 1), Duration.ofSeconds(1), seed);
    assertEquals(n, d.sent());
    boolean[] got = new boolean[n];
    d.arrived().forEach(i -> got[i] = true);
    int lost = 0;
    int bursts = 0;
    for (int i = 0; i < n; i++) {
      if (!got[i]) {
        lost++;
        if (i == 0 || got[i - 1]) {
          bursts++;
        }
      }
    }
    assertEquals(0.05, lost / (double) n, 0.005, "mean loss");
    assertEquals(4.0, lost / (double) bursts, 0.3, "mean burst length (1 / badToGood)");
    assertEquals(d, c.transmit(packets(n, 1), Duration.ofSeconds(1), seed), "seeded");
    assertEquals(3, c.transmit(packets(10, 1), Duration.ofNanos(3), seed).sent());
  }

  @Test
  void refusesProbabilitiesOutsideZeroOne() {
    var e = assertThrows(IllegalArgumentException.class, () -> new GilbertElliottChannel(1, 1.5, 0.2, 0, 1));
    assertEquals("goodToBad must be in [0, 1], got: 1.5", e.getMessage());
  }
}
