package org.swarmsense.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.gateway.broker.FreePorts;

/**
 * Issue 17, finding 7: the operator's first minutes. A port in use, an empty fleets file or a
 * missing trace is one clear line (exit 2) before anything starts; {@code serve --help} and
 * {@code simulate --help} print their usage.
 */
class ServeStartChecksTest {
  @TempDir Path dir;

  record Outcome(int exit, String out, String err) {}

  static Outcome serve(String... args) throws Exception {
    ServeAndSimulateCommandTest.Run r = ServeAndSimulateCommandTest.run(args);
    int exit = r.exit().get(60, TimeUnit.SECONDS);
    return new Outcome(exit, r.text(), r.err().toString());
  }

  private static void assertOneLineBeforeStart(Outcome o, String... expected) {
    System.out.println("exit " + o.exit() + ": " + o.err().strip());
    assertEquals(2, o.exit(), o.err());
    assertEquals(1, o.err().strip().lines().count(), "one line, no stack trace: " + o.err());
    for (String e : expected) {
      assertTrue(o.err().contains(e), o.err());
    }
    assertFalse(o.out().contains("gateway: broker"), "the broker was started first: " + o.out());
  }

  @Test
  void aPortInUseIsOneLineBeforeAnythingStarts() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      int p = taken.getLocalPort();
      assertOneLineBeforeStart(serve("serve", "--mqtt-port", String.valueOf(p), "--http-port", "0", "--duration", "2s"),
          "--mqtt-port", "in use");
      assertOneLineBeforeStart(serve("serve", "--mqtt-port", String.valueOf(FreePorts.pick()), "--http-port",
          String.valueOf(p), "--duration", "2s"), "--http-port", "in use");
    }
  }

  @Test
  void anEmptyFleetsFileOrAMissingTraceIsRefusedAtStart() throws Exception {
    Path empty = Files.writeString(dir.resolve("fleets.txt"), "# no accounts yet\n");
    assertOneLineBeforeStart(serve("serve", "--fleets", empty.toString(), "--mqtt-port",
        String.valueOf(FreePorts.pick()), "--http-port", "0", "--duration", "2s"), "no fleet accounts");
    assertOneLineBeforeStart(serve("serve", "--trace", dir.resolve("missing.xml.gz").toString(), "--mqtt-port",
        String.valueOf(FreePorts.pick()), "--http-port", "0", "--duration", "2s"), "--trace", "not a readable file");
  }

  @Test
  void helpWorksOnServeAndSimulate() throws Exception {
    Outcome serve = serve("serve", "--help");
    assertEquals(0, serve.exit(), serve.err());
    assertTrue(serve.out().contains("--fleets") && serve.out().contains("--http-port"), serve.out());
    Outcome simulate = serve("simulate", "--help");
    assertEquals(0, simulate.exit(), simulate.err());
    assertTrue(simulate.out().contains("--devices"), simulate.out());
  }
}
