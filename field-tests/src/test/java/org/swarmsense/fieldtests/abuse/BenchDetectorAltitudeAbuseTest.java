package org.swarmsense.fieldtests.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench detector --altitude-m M}: a camera altitude that is zero, negative, infinite or not
 * a number, and an altitude given with already rendered {@code --data} frames, are refused (exit 2)
 * with the option and the value named, before any map, trace or frame is read (the files named do
 * not exist).
 */
class BenchDetectorAltitudeAbuseTest {

  @Test
  void badAltitudesAreRefusedNamingTheOptionAndValue(@TempDir Path dir) {
    String map = dir.resolve("no-such-map.osm.gz").toString();
    String trace = dir.resolve("no-such-trace.xml.gz").toString();
    record Probe(List<String> args, String expected) {}
    String rule = "--altitude-m must be a positive number of metres, got: ";
    List<Probe> probes = new ArrayList<>();
    for (String[] bad : new String[][] {{"0", "0.0"}, {"-60", "-60.0"}, {"NaN", "NaN"}, {"Infinity", "Infinity"}}) {
      probes.add(new Probe(List.of("--map", map, "--trace", trace, "--altitude-m", bad[0]), rule + bad[1]));
    }
    probes.add(new Probe(List.of("--data", dir.toString(), "--altitude-m", "60"),
        "--altitude-m sets the camera of rendered frames; --data frames are already rendered"));
    for (Probe p : probes) {
      List<String> args = new ArrayList<>(List.of("bench", "detector"));
      args.addAll(p.args());
      CliRun r = CliRun.of(args);
      System.out.println(args + " -> exit " + r.exitCode() + ": " + r.err().lines().findFirst().orElse(""));
      assertEquals(2, r.exitCode(), args + ": " + r.err());
      assertTrue(r.err().contains(p.expected()), args + ": " + r.err());
    }
  }
}
