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
      TelemetryBench.Result r = TelemetryBench.measure(broker.url(), 20, 5, 2, Duration.ofMillis(500), Duration.ofSeconds(1));
      System.out.println("small bench: " + r);
      assertEquals(100, r.offeredPerS());
      assertTrue(r.raw().received() > 0 && r.link().received() > 0 && r.rawIntoLink().received() > 0, r.toString());
      assertTrue(r.link().p99Ms() >= r.link().p50Ms() && r.link().p50Ms() >= 0, r.toString());
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
