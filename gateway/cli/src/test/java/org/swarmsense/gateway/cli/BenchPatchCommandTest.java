package org.swarmsense.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.maps.SharedData;

/** {@code bench patch --quick}: renders 3 Berlin frames, attacks one within 20 queries, prints the table and goals. */
class BenchPatchCommandTest {

  @Test
  void quickRunPrintsEveryDefenceAndKeepsTheQueryBudget(@TempDir Path dir) {
    SwarmsenseCliTest.Run r = SwarmsenseCliTest.run("bench", "patch", "--quick",
        "--map", SharedData.file("maps/berlin-siegessaeule.osm.gz").toString(),
        "--trace", Path.of("../../examples/data/berlin-siegessaeule-sumo-mix-fcd-300s.xml.gz").toString(),
        "--gradient-patch", dir.resolve("none.png").toString(), "--out", dir.toString());
    System.out.println(r.out());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("no gradient patch at "), r.out());
    Matcher m = Pattern.compile("vehicle plain +rendered +random search +1 +(\\d+) +(\\d+) +([0-9.]+) +([0-9.]+) +([0-9.]+)")
        .matcher(r.out());
    assertTrue(m.find(), r.out());
    assertTrue(Integer.parseInt(m.group(2)) <= 20, "queries " + m.group(2));
    for (int g = 3; g <= 5; g++) {
      double recall = Double.parseDouble(m.group(g));
      assertTrue(recall >= 0 && recall <= 1, "recall " + recall);
    }
    assertTrue(r.out().contains("noise control"), r.out());
    assertTrue(r.out().contains("clean frames changed, vehicle plain rendered: ours "), r.out());
    assertTrue(r.out().contains("time per single image <= 2x"), r.out());
    assertTrue(java.util.regex.Pattern.compile("no 4% patch can take recall below \\d+\\.\\d%").matcher(r.out()).find(),
        r.out());
  }
}
