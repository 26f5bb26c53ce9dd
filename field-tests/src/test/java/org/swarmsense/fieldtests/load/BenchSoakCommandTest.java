package org.swarmsense.fieldtests.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.swarmsense.gateway.cli.SwarmsenseCli;
import picocli.CommandLine;

/**
 * {@code swarmsense bench soak} through the real command line: a tiny run prints the table with
 * every command answered and exits 0; bad options exit 2 with one line naming the option and value.
 */
class BenchSoakCommandTest {

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    CommandLine cli = SwarmsenseCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void aTinySoakPrintsItsTableAndEveryCommandIsAnswered() {
    Run r = run("bench", "soak", "--devices", "40", "--rate-hz", "2", "--duration", "2s", "--connections", "4");
    System.out.println(r.out());
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().matches("(?s).*commands sent \\(QoS 1\\)\\s+40\\n.*"), r.out());
    assertTrue(r.out().matches("(?s).*commands answered ok\\s+40\\n.*"), r.out());
    assertTrue(r.out().contains("ingest latency p99 ms") && r.out().contains("heap after GC, end MiB"), r.out());
  }

  @Test
  void badOptionsExit2NamingTheOption() {
    Run broker = run("bench", "soak", "--broker", "nats");
    assertEquals(2, broker.exit());
    assertTrue(broker.err().contains("--broker must be mosquitto or embedded, was 'nats'"), broker.err());
    Run devices = run("bench", "soak", "--devices", "0", "--broker", "embedded");
    assertEquals(2, devices.exit());
    assertTrue(devices.err().contains("devices must be 1..100000, was 0"), devices.err());
  }
}
