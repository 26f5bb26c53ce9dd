package org.swarmsense.fieldtests.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's {@code bench sensing --detect --energy-budget RULE}: a rule that is none of
 * best-by-detection, least-uncoordinated or none, a rule without {@code --detect}, and the removed
 * {@code --no-energy-budget} (now {@code --energy-budget none}). Each is refused before any planning (exit 2) with
 * an error naming the option and the value.
 */
class BenchSensingAbuseTest {

  @Test
  void badEnergyBudgetsAreRefusedNamingTheOptionAndValue(@TempDir Path dir) throws Exception {
    // never read: every probe must be refused before the mission file is opened
    Path mission = dir.resolve("never-read.yaml");
    Files.writeString(mission, "this is not a mission\n");
    String m = mission.toString();
    record Probe(List<String> args, String expected) {}
    List<Probe> probes = new ArrayList<>();
    String rules = "--energy-budget must be least-uncoordinated, best-by-detection or none, not ";
    probes.add(new Probe(List.of("--detect", "--energy-budget", "most", "--missions", m), rules + "'most'"));
    probes.add(new Probe(List.of("--detect", "--energy-budget", "", "--missions", m), rules + "''"));
    probes.add(new Probe(List.of("--detect", "--energy-budget", "LEAST_UNCOORDINATED", "--missions", m),
        rules + "'LEAST_UNCOORDINATED'"));
    probes.add(new Probe(List.of("--energy-budget", "none", "--missions", m), "--energy-budget needs --detect"));
    probes.add(new Probe(List.of("--detect", "--no-energy-budget", "--missions", m),
        "Unknown option: '--no-energy-budget'"));
    for (Probe p : probes) {
      List<String> args = new ArrayList<>(List.of("bench", "sensing"));
      args.addAll(p.args());
      CliRun r = CliRun.of(args);
      System.out.println(args + " -> exit " + r.exitCode() + ": " + r.err().lines().findFirst().orElse(""));
      assertEquals(2, r.exitCode(), args + ": " + r.err());
      assertTrue(r.err().contains(p.expected()), args + ": " + r.err());
      assertFalse(r.err().contains("not a mission"), "refused before the mission was read: " + r.err());
    }
  }
}
