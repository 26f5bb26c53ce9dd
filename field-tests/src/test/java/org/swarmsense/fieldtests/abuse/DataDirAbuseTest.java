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
 * the path; the corrupted database is left byte for byte as it was (no silent reset).
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
}
