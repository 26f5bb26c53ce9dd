package org.swarmsense.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.edge.patch.ImportanceDefence;
import org.swarmsense.maps.SharedData;

/**
 * An operator's path to a deployment's own patch-defence calibration (issue 20 part 5): {@code render}
 * frames of the area, {@code calibrate-defence} on them, and the calibration used where the defence
 * runs ({@code bench patch --vehicle-calibration} here; the edge node in gateway-server's
 * EdgeOffloadTest).
 */
class CalibrateDefenceCommandTest {

  @Test
  void renderedFramesOfTheAreaGiveACalibrationFileTheDefenceRuns(@TempDir Path dir) throws Exception {
    Path frames = dir.resolve("berlin");
    SwarmsenseCliTest.Run render = SwarmsenseCliTest.run("render", "--map",
        SharedData.file("maps/berlin-siegessaeule.osm.gz").toString(), "--trace",
        Path.of("../../examples/data/berlin-siegessaeule-sumo-mix-fcd-300s.xml.gz").toString(), "--frames", "10",
        "--seed", "11", "--out", frames.toString());
    assertEquals(0, render.exitCode(), render.err());
    Path out = dir.resolve("berlin.patch-defence.txt");
    Files.writeString(out, "an older calibration");
    SwarmsenseCliTest.Run r = SwarmsenseCliTest.run("calibrate-defence", "--frames", frames.toString(), "--out",
        out.toString(), "--threads", "1");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("calibrated on 10 frames: feature "), r.out());
    ImportanceDefence.Calibration c = ImportanceDefence.Calibration.read(out); // replaced, and reads back
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of("berlin", "berlin.patch-defence.txt"), s.map(p -> p.getFileName().toString()).sorted().toList(),
          "no temporary file left beside it");
    }

    SwarmsenseCliTest.Run bench = SwarmsenseCliTest.run("bench", "patch", "--quick", "--vehicle-frames",
        frames.toString(), "--gradient-patch", dir.resolve("none.png").toString(), "--vehicle-calibration",
        out.toString(), "--out", dir.resolve("bench").toString());
    assertEquals(0, bench.exitCode(), bench.err());
    assertTrue(bench.out().contains(String.format(java.util.Locale.ROOT, "vehicle calibration: stored in %s, as an edge"
        + " node loads it (the 2 rendered frames after the measured ones unused); feature %s", out, c.feature())),
        bench.out());
    assertTrue(bench.out().contains(String.format(java.util.Locale.ROOT, "anomaly threshold %.3f, change threshold %d",
        c.threshold(), c.changeThreshold())), bench.out());
  }

  @Test
  void aFolderOrAMissingFolderAsOutIsRefusedBeforeAnyFrameIsRead(@TempDir Path dir) {
    SwarmsenseCliTest.Run folder = SwarmsenseCliTest.run("calibrate-defence", "--frames", dir.resolve("none").toString(),
        "--out", dir.toString());
    assertEquals(2, folder.exitCode());
    assertTrue(folder.err().contains("--out " + dir + ": a folder; give the calibration file's name"), folder.err());
    Path deep = dir.resolve("no/such/folder/c.txt");
    SwarmsenseCliTest.Run missing = SwarmsenseCliTest.run("calibrate-defence", "--frames", dir.toString(), "--out",
        deep.toString());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("--out " + deep + ": its folder " + deep.getParent() + " does not exist"),
        missing.err());
  }
}
