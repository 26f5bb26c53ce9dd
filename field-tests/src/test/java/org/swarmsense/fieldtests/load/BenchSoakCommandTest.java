package org.swarmsense.fieldtests.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.swarmsense.fieldtests.abuse.CliRun;

/**
 * {@code swarmsense bench soak} through the real command line: a tiny run prints the table with
 * every command answered and exits 0; bad options exit 2 with one line naming the option and value.
 */
class BenchSoakCommandTest {

  @Test
  void aTinySoakPrintsItsTableAndEveryCommandIsAnswered() {
    CliRun r = CliRun.of("bench", "soak", "--devices", "40", "--rate-hz", "2", "--duration", "2s", "--connections", "4");
    System.out.println(r.out());
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().matches("(?s).*commands sent \\(QoS 1\\)\\s+40\\n.*"), r.out());
    assertTrue(r.out().matches("(?s).*commands answered ok\\s+40\\n.*"), r.out());
    assertTrue(r.out().contains("ingest latency p99 ms") && r.out().contains("heap after GC, end MiB"), r.out());
  }

  @Test
  void badOptionsExit2NamingTheOption() {
    CliRun broker = CliRun.of("bench", "soak", "--broker", "nats");
    assertEquals(2, broker.exitCode());
    assertTrue(broker.err().contains("--broker must be mosquitto or embedded, was 'nats'"), broker.err());
    CliRun devices = CliRun.of("bench", "soak", "--devices", "0", "--broker", "embedded");
    assertEquals(2, devices.exitCode());
    assertTrue(devices.err().contains("devices must be 1..100000, was 0"), devices.err());
  }
}
