package org.swarmsense.fieldtests.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench detector --learn-order --order FILE}: the command reads the order it would overwrite to
 * give the new one a fresh id. A file that is not a band order, and one that already holds the last id,
 * are refused (exit 2) naming the file, before any frame is read (the {@code --data} folder holds an empty labels.jsonl).
 */
class BenchDetectorOrderAbuseTest {

  @Test
  void aBadOrderFileIsRefusedNamingItBeforeAnyFrameIsRead(@TempDir Path dir) throws Exception {
    Path data = Files.createDirectories(dir.resolve("no-frames"));
    Files.writeString(data.resolve("labels.jsonl"), ""); // a data set by its name only: no frame to read
    Path junk = dir.resolve("junk-order.txt");
    Files.writeString(junk, "3; rm -rf /\n");
    StringBuilder ranking = new StringBuilder();
    for (int b = 0; b < 64; b++) {
      ranking.append(b == 0 ? "" : ",").append(b);
    }
    Path last = dir.resolve("last-id-order.txt");
    Files.writeString(last, "id=65535\nname=full\nranking=" + ranking + "\n");
    record Probe(Path order, String expected) {}
    for (Probe p : List.of(new Probe(junk, junk + ":1: expected key=value, got: 3; rm -rf /"),
        new Probe(last, "--order " + last + ": no band order id left above 65535"))) {
      List<String> args = List.of("bench", "detector", "--learn-order", "--data", data.toString(), "--order",
          p.order().toString());
      CliRun r = CliRun.of(args);
      System.out.println(args + " -> exit " + r.exitCode() + ": " + r.err().lines().findFirst().orElse(""));
      assertEquals(2, r.exitCode(), args + ": " + r.err());
      assertTrue(r.err().contains(p.expected()), args + ": " + r.err());
      assertTrue(Files.readString(p.order()).startsWith(p.order() == junk ? "3; rm" : "id=65535"), "file left as it was");
    }
  }
}
