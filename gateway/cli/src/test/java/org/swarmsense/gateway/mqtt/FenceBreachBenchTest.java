package org.swarmsense.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.swarmsense.gateway.broker.EmbeddedBroker;

/**
 * The breach bench runs end to end on a small load: every crossing in the window gets its alarm, and
 * the table is printed (no speed is asserted: figures come from {@code bench mqtt --breaches}).
 */
class FenceBreachBenchTest {

  @Test
  void everyCrossingInTheWindowIsAlarmedAndReported() throws Exception {
    StringWriter text = new StringWriter();
    try (EmbeddedBroker broker = EmbeddedBroker.start()) {
      // 40 drones at 2 Hz, half of them crossing every 4 s: 20 crossings in an 8 s window
      FenceBreachBench.Result r = FenceBreachBench.run(new FenceBreachBench.Options(40, 2, 4, 0.5, 2,
          Duration.ofSeconds(1), Duration.ofSeconds(8)), broker.url(), new PrintWriter(text, true));
      System.out.print(text);
      assertTrue(r.crossings() >= 16 && r.crossings() <= 24, "about one crossing per crosser per 8 s: " + r);
      assertEquals(r.crossings(), r.alarms(), "one alarm per crossing: " + r);
      assertTrue(r.alarmP50Ms() >= 0 && r.alarmP50Ms() <= r.alarmP99Ms() && r.alarmP99Ms() < 10_000, r.toString());
      assertTrue(text.toString().contains(" crossings   alarms  alarm p50"), text.toString());
    }
  }

  @Test
  void optionsNameTheBadValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FenceBreachBench.Options(
        10, 1, 0, 0.1, 1, Duration.ZERO, Duration.ofSeconds(1)));
    assertEquals("--fences must be 1..1000, was 0", e.getMessage());
  }
}
