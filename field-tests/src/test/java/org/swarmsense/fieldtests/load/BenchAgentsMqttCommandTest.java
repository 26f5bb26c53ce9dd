package org.swarmsense.fieldtests.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.swarmsense.fieldtests.abuse.CliRun;

/**
 * {@code swarmsense bench agents --mqtt-devices N} through the real command line: a tiny run (20
 * devices, 2 s per path) prints both rows, every device became an entity, and the ratio line; bad
 * options exit 2 with one line naming the option and value. Figures are not asserted.
 */
class BenchAgentsMqttCommandTest {

  @Test
  void aTinyRunPrintsBothPathsAndEveryDeviceBecameAnEntity() {
    CliRun r = CliRun.of("bench", "agents", "--mqtt-devices", "20",
        "--mqtt-connections", "2", "--mqtt-duration", "2s");
    System.out.println(r.out());
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("plain (recording)"), r.out());
    Matcher entities = Pattern.compile("sharded entities\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+ / \\d+\\s+\\d+\\s+(\\d+)")
        .matcher(r.out());
    assertTrue(entities.find(), r.out());
    assertEquals("20", entities.group(1), "one entity per device: " + r.out());
    assertTrue(r.out().matches("(?s).*ratio entities / plain: \\d+\\.\\d\\d \\(goal >= 0\\.33\\).*"), r.out());
  }

  @Test
  void badOptionsExit2NamingTheOption() {
    CliRun devices = CliRun.of("bench", "agents", "--mqtt-devices", "-1");
    assertEquals(2, devices.exitCode());
    assertTrue(devices.err().contains("--mqtt-devices must be >= 0, was -1"), devices.err());
    CliRun connections = CliRun.of("bench", "agents", "--mqtt-devices", "10",
        "--mqtt-connections", "11");
    assertEquals(2, connections.exitCode());
    assertTrue(connections.err().contains("--mqtt-connections must be 1..--mqtt-devices, was 11"),
        connections.err());
  }
}
