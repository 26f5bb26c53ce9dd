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
 * journal database, a read-only data directory or journal file each stop {@code serve} before
 * anything starts with exit 2 and one line naming the path; the corrupted database and the read-only
 * directory are left byte for byte as they were (no silent reset). A data
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
   * A data directory serve may not write, with a journal in it: owned by another user (65534) and
   * read-only (0555 folders, 0444 files), then only the journal database file read-only. serve runs as
   * a child process; as root (here and in CI's container) it runs without the capabilities that
   * override file permissions ({@code setpriv --bounding-set=-dac_override,...}: it stays root, so it
   * still reads the build's classpath under /root), as any other user it is plainly not the owner. Each
   * time: exit 2, one line naming the path and the reason, every file byte for byte as it was, and the
   * journal still opens with its entry.
   */
  @Test
  void aReadOnlyDataDirectoryOrJournalIsRefusedNamingItAndLeftAsItWas(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    var settings = org.swarmsense.gateway.persistence.PersistenceSettings.fromConfig(
        com.typesafe.config.ConfigFactory.load(), java.util.Map.of()).withDataDir(data).withMinFreeBytes(0);
    try (var store = org.swarmsense.gateway.persistence.GatewayStore.open(settings,
        com.typesafe.config.ConfigFactory.load())) {
      store.audit("f1", "test", "probe", "written before the data directory became read-only");
    }
    Files.deleteIfExists(data.resolve(org.swarmsense.gateway.persistence.DataDirectory.LOCK_FILE));
    Path db = data.resolve("journal/swarmsense.mv.db");
    java.util.Map<Path, byte[]> before = contents(data);
    assertTrue(before.containsKey(db), before.keySet().toString());

    readOnly(data, true);
    try {
      Outcome o = serveAsChild(data);
      assertRefused(o, "data directory " + data, "not writable");
      assertEquals(before.keySet(), contents(data).keySet(), "no file added or removed");
    } finally {
      readOnly(data, false);
    }
    readOnly(db, true);
    try {
      assertRefused(serveAsChild(data), "the journal file " + db, "not writable");
    } finally {
      readOnly(db, false);
    }
    java.util.Map<Path, byte[]> after = contents(data);
    assertEquals(before.keySet(), after.keySet());
    for (var e : before.entrySet()) {
      assertArrayEquals(e.getValue(), after.get(e.getKey()), "changed: " + e.getKey());
    }
    try (var store = org.swarmsense.gateway.persistence.GatewayStore.open(settings,
        com.typesafe.config.ConfigFactory.load())) {
      assertEquals(1, store.auditLog("f1").total(), "the journal's entry is still there");
    }
  }

  /** Every file under {@code dir} with its bytes. */
  private static java.util.Map<Path, byte[]> contents(Path dir) throws java.io.IOException {
    java.util.Map<Path, byte[]> m = new java.util.TreeMap<>();
    try (var files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f)) {
          m.put(f, Files.readAllBytes(f));
        }
      }
    }
    return m;
  }

  /** Owner 65534 (as root) and no write permission for anyone, or back to the owner's rwx. */
  private static void readOnly(Path top, boolean on) throws java.io.IOException {
    boolean root = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
    try (var files = Files.walk(top)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        boolean d = Files.isDirectory(f);
        Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString(
            on ? (d ? "r-xr-xr-x" : "r--r--r--") : (d ? "rwxr-xr-x" : "rw-r--r--")));
        if (root) {
          Files.setAttribute(f, "unix:uid", on ? 65534 : 0);
        }
      }
    }
  }

  /** {@code serve --data-dir dir} in a child process without permission-overriding capabilities. */
  private static Outcome serveAsChild(Path dataDir) throws Exception {
    java.util.List<String> cmd = new java.util.ArrayList<>();
    if ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0) {
      cmd.addAll(java.util.List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"));
    }
    cmd.addAll(java.util.List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), "org.swarmsense.gateway.cli.SwarmsenseCli", "serve",
        "--data-dir", dataDir.toString(), "--mqtt-port", String.valueOf(FreePorts.pick()), "--http-port", "0",
        "--duration", "1s"));
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "serve stopped");
    System.out.println("read-only --data-dir " + dataDir + ": exit " + p.exitValue() + ": " + err.strip());
    return new Outcome(p.exitValue(), err);
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
