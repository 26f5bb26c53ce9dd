package org.swarmsense.fieldtests.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.swarmsense.gateway.broker.MosquittoBroker;
import org.swarmsense.gateway.mqtt.SoakBench;

/**
 * The short soak against Mosquitto: 200 devices x 5 Hz for 5 s over 10 connections, one QoS 1
 * command to every device during the run. Asserts delivery counts only (every command answered,
 * nothing rejected, telemetry received never more than sent and nearly all of it); prints the
 * timing figures without asserting them. The full run is {@code swarmsense bench soak}.
 */
class SoakTest {

  @Test
  void everyCommandIsAnsweredUnderSustainedTelemetry() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start()) {
      SoakBench.Result r = SoakBench.run(
          new SoakBench.Settings(broker.url(), 200, 5, Duration.ofSeconds(5), 10, Duration.ofSeconds(30)),
          System.out::println);
      System.out.printf("soak 200 x 5 Hz x 5 s on mosquitto: telemetry %d sent, %d received; commands %d sent, %d answered;"
              + " p50 %d ms, p99 %d ms; heap after GC %.1f -> %.1f MiB%n",
          r.telemetrySent(), r.telemetryReceived(), r.commandsSent(), r.commandsAnswered(), r.p50Ms(), r.p99Ms(),
          r.heapStartMiB(), r.heapEndMiB());
      assertEquals(200, r.commandsSent());
      assertEquals(200, r.commandsAnswered(), "QoS 1 commands lost or refused");
      assertEquals(0, r.commandsFailed());
      assertEquals(0, r.rejected());
      assertTrue(r.telemetryReceived() <= r.telemetrySent(), "more telemetry received than sent: " + r);
      // telemetry is QoS 0: the device links may drop a few when Paho refuses a publish (see README)
      assertTrue(r.telemetryReceived() >= r.telemetrySent() * 0.95, "telemetry received: " + r);
    }
  }
}
