package org.swarmsense.semantic.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class UrbanPathLossTest {

  @Test
  void readmeValues() {
    // d3D = hypot(50, 8.5) = 50.717; LOS: 32.4 + 21 log10(50.717) + 20 log10(3.5) = 32.4 + 35.808 + 10.881 = 79.09
    assertEquals(79.09, UrbanPathLoss.umiStreetCanyonDb(50, 3.5e9, 10, 1.5, true), 0.005);
    // d3D = 100.36; NLOS: 35.3 * 2.00156 + 22.4 + 21.3 * 0.54407 = 70.655 + 22.4 + 11.589 = 104.64
    assertEquals(104.64, UrbanPathLoss.umiStreetCanyonDb(100, 3.5e9, 10, 1.5, false), 0.005);
    // d3D = 200.18; 35.3 * 2.30142 + 22.4 + 11.589 = 115.23
    assertEquals(115.23, UrbanPathLoss.umiStreetCanyonDb(200, 3.5e9, 10, 1.5, false), 0.005);
  }

  @Test
  void nlosNeverBeatsLosAndBadDistanceIsRefused() {
    for (double d = 10; d <= 1000; d += 10) {
      assertTrue(UrbanPathLoss.umiStreetCanyonDb(d, 3.5e9, 10, 1.5, false)
          >= UrbanPathLoss.umiStreetCanyonDb(d, 3.5e9, 10, 1.5, true));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> UrbanPathLoss.umiStreetCanyonDb(5, 3.5e9, 10, 1.5, true));
    assertTrue(e.getMessage().contains("distance2dM") && e.getMessage().contains("5.0"), e.getMessage());
  }

  @Test
  void markovChainStationaryDistributionAndValidation() {
    // pi0 = 0.3 pi0 + 0.25 pi1 -> pi0 = pi1 / 2.8; by symmetry pi2 = pi0; pi1 = 1 / (1 + 2 / 2.8) = 0.58333
    MarkovChannel c = ControlModel.fromSettings().channel();
    assertArrayEquals(new double[] {0.5833333 / 2.8, 0.5833333, 0.5833333 / 2.8}, c.stationary(), 1e-6);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new MarkovChannel(List.of(List.of(0.5, 0.4), List.of(0.5, 0.5)), List.of(1e-8, 1e-9)));
    assertTrue(e.getMessage().contains("row 0") && e.getMessage().contains("sum to 1"), e.getMessage());
  }

  @Test
  void uplinkRateByHand() {
    // W = 20 MHz over 10 devices: 2 MHz each. Noise -174 + 5 dBm/Hz over 2 MHz = -169 + 63.01 = -105.99 dBm.
    // Good state: 20 dBm - 79.09 dB = -59.09 dBm; SNR 46.90 dB = 48,978; 2e6 log2(48,979) = 31.16 Mbit/s.
    assertEquals(31.16e6, ControlModel.fromSettings().uplinkRateBps(0), 0.01e6);
  }
}
