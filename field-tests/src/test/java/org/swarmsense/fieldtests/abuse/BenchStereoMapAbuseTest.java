package org.swarmsense.fieldtests.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 part 4's new input paths of {@code bench stereo}: the map file, the camera position
 * {@code --at}, the trace file, the altitude, heading and time of the rendered pair, and their mixing
 * with the file options; and part 3's {@code --learned} mixed with them or given no threads. Each bad value is refused before any matching (exit 2) with an error naming
 * the option and the value.
 */
class BenchStereoMapAbuseTest {

  @Test
  void badMapOptionsAreRefusedNamingTheOptionAndValue(@TempDir Path dir) throws Exception {
    // a tiny map: one road about (7.4200, 43.7300)
    Path map = dir.resolve("tiny.osm");
    Files.writeString(map, """
        <?xml version="1.0" encoding="UTF-8"?>
        <osm version="0.6">
          <node id="1" lat="43.7300" lon="7.4190"/>
          <node id="2" lat="43.7300" lon="7.4210"/>
          <way id="10"><nd ref="1"/><nd ref="2"/><tag k="highway" v="primary"/></way>
        </osm>
        """);
    String m = map.toString();
    record Probe(List<String> args, String expected) {}
    List<Probe> probes = new ArrayList<>();
    probes.add(new Probe(List.of("--map", m), "--map needs --at LON,LAT"));
    probes.add(new Probe(List.of("--map", m, "--at", "7.42"), "--at must be LON,LAT in degrees, got: 7.42"));
    probes.add(new Probe(List.of("--map", m, "--at", "east,43.73"), "--at must be LON,LAT in degrees, got: east,43.73"));
    probes.add(new Probe(List.of("--map", m, "--at", "200,43.73"), "lon in [-180, 180] and lat in [-90, 90], got: 200,43.73"));
    probes.add(new Probe(List.of("--map", m, "--at", "NaN,43.73"), "got: NaN,43.73"));
    probes.add(new Probe(List.of("--map", dir.resolve("none.osm").toString(), "--at", "7.42,43.73"),
        "--map: file not found: " + dir.resolve("none.osm")));
    probes.add(new Probe(List.of("--map", m, "--at", "7.42,43.73", "--trace", dir.resolve("none.xml").toString()),
        "--trace: file not found: " + dir.resolve("none.xml")));
    probes.add(new Probe(List.of("--map", m, "--at", "7.50,43.73"), "--at 7.50,43.73 lies outside the map tiny.osm"));
    probes.add(new Probe(List.of("--map", m, "--at", "7.42,43.73", "--altitude", "20"),
        "altitudeM must be finite and above 28.25 m (the box's height above the ground), got 20.0"));
    probes.add(new Probe(List.of("--map", m, "--at", "7.42,43.73", "--altitude", "NaN"), "got NaN"));
    probes.add(new Probe(List.of("--map", m, "--at", "7.42,43.73", "--heading", "Infinity"),
        "--time and --heading must be finite, got 0.0, Infinity"));
    probes.add(new Probe(List.of("--map", m, "--at", "7.42,43.73", "--left", m),
        "--map renders the pair: --left, --right, --disparity and --calib do not apply"));
    probes.add(new Probe(List.of("--at", "7.42,43.73"), "--at and --trace need --map"));
    // issue 19 part 3: --learned runs on its own rendered pairs and takes only --threads
    probes.add(new Probe(List.of("--learned", "--map", m), "--learned runs on its own held-out rendered pairs"));
    probes.add(new Probe(List.of("--learned", "--left", m), "--map, --left, --right, --disparity and --calib do not apply"));
    probes.add(new Probe(List.of("--learned", "--threads", "0"), "threads must be in [1,256], got 0"));
    for (Probe p : probes) {
      List<String> args = new ArrayList<>(List.of("bench", "stereo"));
      args.addAll(p.args());
      CliRun r = CliRun.of(args);
      assertEquals(2, r.exitCode(), p.args() + ": " + r.err() + r.out());
      assertTrue(r.err().contains(p.expected()), p.args() + ": " + r.err());
      assertTrue(!r.out().contains("stereo bench:"), p.args() + " started the bench: " + r.out());
    }
  }
}
