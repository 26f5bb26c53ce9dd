package org.swarmsense.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.swarmsense.gateway.broker.EmbeddedBroker;

/** The saturation rule on hand-made steps, and a two-step sweep end to end on a small load. */
class TelemetrySaturationTest {

  static TelemetryBench.Side side(double perS, long received, long sent, long p99Ms) {
    return new TelemetryBench.Side(perS, 1, p99Ms, received, sent);
  }

  @Test
  void aSideBreaksOnLossOrLatencyAndKeepsItsRateFromBefore() {
    var steps = List.of(
        new TelemetrySaturation.Step(100, side(100, 1000, 1000, 5), side(99, 995, 1000, 8),
            side(100, 1000, 1000, 7)),
        new TelemetrySaturation.Step(200, side(200, 2000, 2000, 6), side(150, 1500, 2000, 9),
            side(199, 1995, 2000, 9)),
        new TelemetrySaturation.Step(400, side(390, 3900, 4000, 2000), side(160, 1600, 4000, 900),
            side(395, 3950, 4000, 40)));
    TelemetrySaturation.Result r = TelemetrySaturation.evaluate(steps, 0.01, 1000);
    assertEquals(200, r.rawSustainedPerS(), 1e-9, "raw broke at step 3 on p99 2000 ms > 1000");
    assertEquals(99, r.linkSustainedPerS(), 1e-9, "link broke at step 2 on 25 % loss");
    assertEquals(99 / 200.0, r.ratio(), 1e-12);
    assertEquals(199, r.rawIntoLinkSustainedPerS(), 1e-9, "raw into link broke at step 3 on 1.25 % loss");
    assertTrue(TelemetrySaturation.broken(side(0, 0, 0, 0), 0.01, 1000), "nothing sent counts as lost");
    assertFalse(TelemetrySaturation.broken(side(10, 100, 100, 1000), 0.01, 1000), "p99 at the limit is fine");
  }

  @Test
  void aSmallSweepMeasuresBothSidesAtRisingRates() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start()) {
      TelemetrySaturation.Result r = TelemetrySaturation.sweep(broker.url(), 10, 2, 5, 2, 2,
          Duration.ofMillis(300), Duration.ofMillis(800), 0.5, 60_000, s -> System.out.println("step " + s));
      assertEquals(2, r.steps().size());
      assertEquals(50, r.steps().get(0).offeredPerS(), 1e-9);
      assertEquals(100, r.steps().get(1).offeredPerS(), 1e-9);
      assertTrue(r.rawSustainedPerS() > 0 && r.linkSustainedPerS() > 0, r.toString());
    }
  }
}
