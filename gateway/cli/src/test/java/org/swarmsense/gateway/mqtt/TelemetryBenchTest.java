package org.swarmsense.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.swarmsense.gateway.broker.EmbeddedBroker;
import org.swarmsense.gateway.cli.SwarmsenseCli;
import picocli.CommandLine;

/**
 * The bench runs end to end on a small load and reports all three phases (no speed is asserted:
 * figures come from {@code swarmsense bench mqtt}).
 */
class TelemetryBenchTest {

  @Test
  void allThreePhasesDeliverAndReport() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start()) {
      Duration warmup = Duration.ofMillis(500);
      Duration window = Duration.ofSeconds(1);
      TelemetryBench.Result r = TelemetryBench.measure(broker.url(), 20, 5, 2, warmup, window);
      System.out.println("small bench: " + r);
      assertEquals(100, r.offeredPerS());
      assertTrue(r.raw().received() > 0 && r.link().received() > 0 && r.rawIntoLink().received() > 0, r.toString());
      // A latency is receive time minus the sample's t_ms, both epoch ms on this machine, so it lies in
      // 0 .. a few seconds on a loopback broker (a latency in ns, or against another clock, does not);
      // a sample received inside the window was sent in it or during the warm-up before it.
      long phaseS = warmup.plus(window).toSeconds() + 1;
      for (TelemetryBench.Side side : new TelemetryBench.Side[] {r.raw(), r.link(), r.rawIntoLink()}) {
        assertTrue(side.p50Ms() >= 0 && side.p50Ms() <= side.p99Ms(), "0 <= p50 <= p99: " + side);
        assertTrue(side.p99Ms() <= 10_000, "p99 at most 10 s on loopback: " + side);
        assertTrue(side.received() <= side.sent() + r.offeredPerS() * phaseS,
            "received at most what was sent in the window and the warm-up: " + side);
      }
    }
  }

  @Test
  void theCommandRejectsAnUnknownBroker() {
    StringWriter err = new StringWriter();
    CommandLine cli = SwarmsenseCli.commandLine();
    cli.setErr(new PrintWriter(err, true));
    assertEquals(2, cli.execute("bench", "mqtt", "--broker", "rabbit"));
    assertTrue(err.toString().contains("--broker must be mosquitto or embedded, was 'rabbit'"), err.toString());
  }
}
