package org.swarmsense.fieldtests.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.gateway.cli.SwarmsenseCli;

/**
 * The new input paths of {@code simulate}'s offloading (issue 14 leftovers): the camera map, the
 * trace and band-order files and the sampling rate. Each bad value exits 2 with one line naming the
 * option (or setting) and the value, before any device connects.
 */
class SimulateOffloadOptionsAbuseTest {
  static final Path MONACO = Path.of("..", "examples", "data", "monaco.osm.gz");

  record Run(int exit, String err) {}

  static Run simulate(String... extra) {
    List<String> args = new ArrayList<>(List.of("simulate", "--devices", "1", "--fleet", "f1", "--mqtt-url",
        "tcp://127.0.0.1:1", "--duration", "1s"));
    args.addAll(List.of(extra));
    StringWriter err = new StringWriter();
    picocli.CommandLine cli = SwarmsenseCli.commandLine();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    return new Run(cli.execute(args.toArray(String[]::new)), err.toString());
  }

  @Test
  void badCameraFilesAndRatesAreRefusedNamingTheOptionAndValue(@TempDir Path dir) throws Exception {
    Run missing = simulate("--camera-map", dir.resolve("nowhere.osm.gz").toString());
    assertEquals(2, missing.exit(), missing.err());
    assertTrue(missing.err().contains("--camera-map " + dir.resolve("nowhere.osm.gz") + ": not a readable file"),
        missing.err());

    Run directory = simulate("--camera-map", dir.toString());
    assertEquals(2, directory.exit(), directory.err());
    assertTrue(directory.err().contains("--camera-map " + dir + ": not a readable file"), directory.err());

    Run noMap = simulate("--camera-trace", MONACO.toString());
    assertEquals(2, noMap.exit(), noMap.err());
    assertTrue(noMap.err().contains("need --camera-map"), noMap.err());
    // the live capture control steers offloading drones: without a camera map there are none
    Run controlNoMap = simulate("--capture-control");
    assertEquals(2, controlNoMap.exit(), controlNoMap.err());
    assertTrue(controlNoMap.err().contains("--capture-control") && controlNoMap.err().contains("need --camera-map"),
        controlNoMap.err());

    Run zeroHz = simulate("--camera-map", MONACO.toString(), "--sampling-hz", "0");
    assertEquals(2, zeroHz.exit(), zeroHz.err());
    assertTrue(zeroHz.err().contains("offload.sampling-hz must be in (0, 30], got: 0.0"), zeroHz.err());

    Run nanHz = simulate("--camera-map", MONACO.toString(), "--sampling-hz", "NaN");
    assertEquals(2, nanHz.exit(), nanHz.err());
    assertTrue(nanHz.err().contains("offload.sampling-hz must be in (0, 30], got: NaN"), nanHz.err());

    Path order = dir.resolve("order.txt");
    Files.writeString(order, "id=2\nname=x\nranking=0,1,2\n");
    Run badOrder = simulate("--camera-map", MONACO.toString(), "--band-order", order.toString());
    assertEquals(2, badOrder.exit(), badOrder.err());
    assertTrue(badOrder.err().contains(order.toString()), "names the file: " + badOrder.err());

    Path garbage = dir.resolve("garbage.osm");
    Files.writeString(garbage, "this is not OpenStreetMap XML");
    Run notOsm = simulate("--camera-map", garbage.toString());
    assertEquals(2, notOsm.exit(), notOsm.err());
    assertTrue(notOsm.err().contains(garbage.getFileName().toString()), "names the file: " + notOsm.err());
  }
}
