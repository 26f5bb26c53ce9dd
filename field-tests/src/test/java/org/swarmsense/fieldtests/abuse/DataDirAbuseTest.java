package org.swarmsense.fieldtests.abuse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.gateway.broker.FreePorts;
import org.swarmsense.gateway.cli.SwarmsenseCli;
import picocli.CommandLine;

/**
 * Issue 18's abuse probes of {@code serve --data-dir} (run in this JVM through the command line): a
 * file, a path under a file, a blank path, a data directory another serve holds, and a corrupted
 * journal database each stop {@code serve} before anything starts with exit 2 and one line naming
 * the path; the corrupted database is left byte for byte as it was (no silent reset). A data
 * directory that fills up while serve runs refuses writes naming the journal and keeps every
 * acknowledged change.
 */
class DataDirAbuseTest {
  record Outcome(int exit, String err) {}

  static Outcome serve(Path dataDir) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = SwarmsenseCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute("serve", "--data-dir", dataDir.toString(), "--mqtt-port", String.valueOf(FreePorts.pick()),
        "--http-port", "0", "--duration", "1s");
    System.out.println("--data-dir " + dataDir + ": exit " + exit + ": " + err.toString().strip());
    return new Outcome(exit, err.toString());
  }

  static void assertRefused(Outcome o, String... expected) {
    assertEquals(2, o.exit(), o.err());
    assertEquals(1, o.err().strip().lines().count(), "one line, no stack trace: " + o.err());
    for (String e : expected) {
      assertTrue(o.err().contains(e), o.err());
    }
  }

  @Test
  void aFileAPathUnderAFileOrABlankPathIsRefusedNamingIt(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    assertRefused(serve(file), file + " is not a directory");
    Path under = file.resolve("data");
    assertRefused(serve(under), "cannot create the data directory " + under);
    assertRefused(serve(Path.of(" ")), "--data-dir");
  }

  @Test
  void aDataDirectoryHeldByAnotherServeIsRefusedNamingIt(@TempDir Path dir) throws Exception {
    try (var held = org.swarmsense.gateway.persistence.DataDirectory.open(dir, 0)) {
      assertRefused(serve(dir), dir + " is in use by another serve", "serve.lock");
    }
  }

  @Test
  void aCorruptedJournalIsRefusedNamingItAndLeftAsItWas(@TempDir Path dir) throws Exception {
    Path db = Files.createDirectories(dir.resolve("journal")).resolve("swarmsense.mv.db");
    long seed = 18;
    System.out.println("corrupted journal seed " + seed);
    byte[] garbage = new byte[32 * 1024];
    new Random(seed).nextBytes(garbage);
    Files.write(db, garbage);
    assertRefused(serve(dir), "the journal database " + db, "left as it is");
    assertArrayEquals(garbage, Files.readAllBytes(db), "no silent reset");
  }

  /**
   * A data directory that fills up while serve runs (simulated by a file size limit, {@code ulimit -f},
   * on the serve process: the journal file cannot grow): fence changes are accepted until the journal
   * cannot take them, then refused with 503 naming the journal file; after a restart without the limit
   * every acknowledged change is back and nothing was reset. Mosquitto is the broker (the embedded
   * one would keep its own files in the limited directory).
   */
  @Test
  void aFullDataDirectoryRefusesWritesNamingTheJournalAndLosesNothingAcknowledged(@TempDir Path dir) throws Exception {
    // the map and its road graph cache are prepared here, so the limited serve only writes its journal
    var demo = org.swarmsense.gateway.demo.DemoData.extractTo(org.swarmsense.gateway.demo.DemoData.defaultCacheDir());
    org.swarmsense.maps.roads.RoadGraph.load(demo.osmFile(), demo.cacheDir()).close();
    Path data = dir.resolve("data");
    Path journal = data.resolve("journal/swarmsense.mv.db").toAbsolutePath();
    try (var broker = org.swarmsense.gateway.broker.MosquittoBroker.start()) {
      long limitKb = 160;
      var serve = org.swarmsense.fieldtests.fault.RestartAfterKillTest.launchLimited(data, broker.url(), limitKb);
      String base = org.swarmsense.fieldtests.fault.RestartAfterKillTest.api(serve);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("token=([0-9a-f]+)").matcher(serve.text());
      assertTrue(m.find(), serve.text());
      String token = m.group(1);
      int acknowledged = 0;
      String refusal = null;
      for (int round = 1; round <= 60 && refusal == null; round++) {
        var r = org.swarmsense.fieldtests.fault.RestartAfterKillTest.call("PUT", base + "/api/fleets/default/no-fly-zones",
            token, zones(round, 40));
        if (r.statusCode() == 200) {
          acknowledged = round;
        } else {
          assertEquals(503, r.statusCode(), r.body());
          refusal = r.body();
        }
      }
      System.out.println("file size limit " + limitKb + " KiB: " + acknowledged + " fence changes acknowledged, then: "
          + refusal);
      assertTrue(acknowledged >= 1 && refusal != null, "the journal never filled up: " + acknowledged);
      assertTrue(refusal.contains(journal.toString()), "the refusal names the journal file: " + refusal);
      serve.kill();

      var again = org.swarmsense.fieldtests.fault.DeviceRestartAfterKillTest.start(data, broker.url());
      String base2 = org.swarmsense.fieldtests.fault.RestartAfterKillTest.api(again);
      var fences = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
          org.swarmsense.fieldtests.fault.RestartAfterKillTest.call("GET", base2 + "/api/fleets/default/no-fly-zones",
              token, null).body());
      String name = fences.path("features").path(0).path("properties").path("name").asText();
      var audit = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
          org.swarmsense.fieldtests.fault.RestartAfterKillTest.call("GET", base2 + "/api/fleets/default/audit",
              token, null).body());
      again.kill();
      System.out.println("after a restart without the limit: fences of change " + name + ", audit entries "
          + audit.path("total").asLong() + " (acknowledged " + acknowledged + ")");
      // the last acknowledged change is back (or the refused one, if its fence write got in before its audit entry)
      assertTrue(name.equals("zone-" + acknowledged + "-0") || name.equals("zone-" + (acknowledged + 1) + "-0"), name);
      assertTrue(audit.path("total").asLong() >= acknowledged, audit.toString());
      assertTrue(again.text().contains("keeps its token"), "the token was kept: " + again.text());
    }
  }

  /** A no-fly zone document of {@code n} small polygons named zone-{round}-{k} (about 8 kB for 40). */
  static String zones(int round, int n) {
    StringBuilder b = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
    for (int k = 0; k < n; k++) {
      double d = 0.0001 * k + 0.001 * round;
      b.append(k == 0 ? "" : ",").append("{\"type\":\"Feature\",\"properties\":{\"name\":\"zone-").append(round)
          .append('-').append(k).append("\",\"action\":\"alarm\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[7.41,")
          .append(43.73 + d).append("],[7.42,").append(43.73 + d).append("],[7.42,").append(43.735 + d).append("],[7.41,")
          .append(43.73 + d).append("]]]}}");
    }
    return b.append("]}").toString();
  }
}
