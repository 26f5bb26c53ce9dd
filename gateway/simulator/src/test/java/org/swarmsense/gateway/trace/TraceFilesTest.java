package org.swarmsense.gateway.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trace format on disk: round trips, and every kind of bad file failing with file and line. */
class TraceFilesTest {
  @TempDir Path dir;

  static final TraceHeader HEADER = TraceHeader.of("demo", "mqtt", "monaco.osm.pbf", 7L, 1_763_900_000_000L);

  static List<TraceMessage> sample() {
    List<TraceMessage> l = new ArrayList<>();
    l.add(TraceMessage.of(1_763_900_000_010L, "swarmsense/demo/drone/d-1/status", 1, true, bytes("online")));
    l.add(TraceMessage.of(1_763_900_000_110L, "swarmsense/demo/drone/d-1/telemetry", 0, false,
        bytes("{\"v\":1,\"t_ms\":1763900000100,\"lat_deg\":47.3769,\"lon_deg\":8.5417,\"alt_m\":50.0,"
            + "\"speed_m_s\":10.0,\"heading_deg\":90.0,\"battery_percent\":88.5,\"state\":\"flying\"}")));
    l.add(new TraceMessage(1_763_900_000_200L, "swarmsense/demo/drone/d-1/cmd", 1, false,
        bytes("{\"v\":1,\"t_ms\":1763900000190,\"cmd\":\"land\"}"), "swarmsense/demo/gateway/g1/reply",
        new byte[] {0, 1, 2, (byte) 255}));
    l.add(TraceMessage.of(1_763_900_000_300L, "swarmsense/demo/edge/e-1/task", 1, false, new byte[] {1, 2, 3, 0, -1}));
    l.add(TraceMessage.of(1_763_900_000_400L, "swarmsense/demo/sensor/s-1/evt", 1, false,
        bytes("{ \"spaced\" : 1 }"))); // JSON, but not as this codec writes it: kept as bytes
    return l;
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private Path write(String name, List<TraceMessage> ms) {
    Path f = dir.resolve(name);
    try (TraceWriter w = TraceWriter.create(f, HEADER)) {
      ms.forEach(w::write);
    }
    return f;
  }

  private static List<TraceMessage> readAll(TraceReader r) {
    List<TraceMessage> out = new ArrayList<>();
    for (TraceMessage m; (m = r.next()) != null; ) {
      out.add(m);
    }
    return out;
  }

  @Test
  void plainAndGzipRoundTripByteForByte() {
    for (String name : List.of("t.jsonl", "t.jsonl.gz")) {
      Path f = write(name, sample());
      try (TraceReader r = TraceReader.open(f)) {
        assertEquals(HEADER, r.header());
        assertEquals(sample(), readAll(r), name);
        assertEquals(6, r.line());
      }
    }
  }

  @Test
  void jsonPayloadsAreReadableAndOthersBase64() throws IOException {
    List<String> lines = Files.readAllLines(write("t.jsonl", sample()));
    assertEquals("{\"v\":1,\"kind\":\"swarmsense-trace\",\"fleet\":\"demo\",\"source\":\"mqtt\","
        + "\"map\":\"monaco.osm.pbf\",\"seed\":7,\"started_ms\":1763900000000}", lines.get(0));
    assertEquals("{\"t_ms\":1763900000010,\"topic\":\"swarmsense/demo/drone/d-1/status\",\"qos\":1,"
        + "\"retained\":true,\"payload_b64\":\"b25saW5l\"}", lines.get(1));
    assertTrue(lines.get(2).contains("\"payload\":{\"v\":1,\"t_ms\":1763900000100,\"lat_deg\":47.3769"), lines.get(2));
    assertTrue(lines.get(3).endsWith("\"response_topic\":\"swarmsense/demo/gateway/g1/reply\",\"correlation_b64\":\"AAEC/w==\"}"),
        lines.get(3));
    assertTrue(lines.get(5).contains("\"payload_b64\""), lines.get(5));
  }

  @Test
  void truncatedGzipReplaysTheCompleteLinesThenNamesTheLine() throws IOException {
    List<TraceMessage> many = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      many.add(TraceMessage.of(1_000 + i, "swarmsense/demo/sensor/s-" + (i % 7) + "/telemetry", 0, false,
          bytes("{\"v\":1,\"n\":" + i + ",\"pad\":\"" + "x".repeat(i % 50) + "\"}")));
    }
    Path f = write("t.jsonl.gz", many);
    byte[] all = Files.readAllBytes(f);
    Path cut = dir.resolve("cut.jsonl.gz");
    Files.write(cut, Arrays.copyOf(all, all.length / 2));
    List<TraceMessage> got = new ArrayList<>();
    TraceFormatException e;
    try (TraceReader r = TraceReader.open(cut)) {
      e = assertThrows(TraceFormatException.class, () -> {
        for (TraceMessage m; (m = r.next()) != null; ) {
          got.add(m);
        }
      });
    }
    assertTrue(got.size() > 100 && got.size() < 2000, "read " + got.size());
    assertEquals(many.subList(0, got.size()), got, "every complete line before the cut");
    assertEquals(got.size() + 2, e.line(), "the line after the last complete one (header is line 1)");
    assertTrue(e.getMessage().startsWith(cut + ": line " + e.line() + ": "), e.getMessage());
    assertTrue(e.getMessage().contains("truncated or corrupt gzip"), e.getMessage());
  }

  @Test
  void malformedLineNamesFileAndLine() throws IOException {
    Path f = write("t.jsonl", sample());
    List<String> lines = new ArrayList<>(Files.readAllLines(f));
    lines.set(3, lines.get(3).substring(0, 40));
    Files.write(f, lines);
    try (TraceReader r = TraceReader.open(f)) {
      assertEquals(sample().get(0), r.next());
      assertEquals(sample().get(1), r.next());
      TraceFormatException e = assertThrows(TraceFormatException.class, r::next);
      assertEquals(4, e.line());
      assertTrue(e.getMessage().startsWith(f + ": line 4: not JSON"), e.getMessage());
      assertNull(r.next(), "nothing after the bad line");
    }
  }

  @Test
  void badFieldsAreNamed() throws IOException {
    String h = TraceLines.headerLine(HEADER);
    assertBad(h + "\n{\"t_ms\":1,\"topic\":\"swarmsense/demo/x\",\"qos\":2,\"payload_b64\":\"\"}\n", 2, "qos must be 0 or 1, was 2");
    assertBad(h + "\n{\"t_ms\":-5,\"topic\":\"a\",\"qos\":0,\"payload_b64\":\"\"}\n", 2, "t_ms must be >= 0, was -5");
    assertBad(h + "\n{\"t_ms\":1,\"topic\":\"a/#\",\"qos\":0,\"payload_b64\":\"\"}\n", 2, "topic must be a non-empty MQTT topic without wildcards, was 'a/#'");
    assertBad(h + "\n{\"t_ms\":1,\"topic\":\"a\",\"qos\":0}\n", 2, "exactly one of payload and payload_b64 must be present, neither was");
    assertBad(h + "\n{\"t_ms\":1,\"topic\":\"a\",\"qos\":0,\"payload_b64\":\"\",\"speed\":3}\n", 2, "unknown field 'speed'");
    assertBad(h + "\n{\"t_ms\":1,\"topic\":\"a\",\"qos\":0,\"payload_b64\":\"%%\"}\n", 2, "payload_b64 must be base64, was '%%'");
  }

  @Test
  void headerMissing() throws IOException {
    assertBad(TraceLines.messageLine(sample().get(0)) + "\n", 1, "header missing: the first line must be");
    assertBad("", 1, "header missing: the file is empty");
    assertBad("{\"v\":1,\"kind\":\"something-else\"}\n", 1, "header missing: kind must be \"swarmsense-trace\", was \"something-else\"");
  }

  @Test
  void unknownVersion() throws IOException {
    assertBad("{\"v\":2,\"kind\":\"swarmsense-trace\",\"fleet\":\"demo\",\"started_ms\":0}\n", 1,
        "unsupported trace version v=2; this build reads v=1");
  }

  @Test
  void missingFileIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TraceReader.open(dir.resolve("nope.jsonl")));
    assertTrue(e.getMessage().contains("nope.jsonl does not exist"), e.getMessage());
  }

  @Test
  void fleetRewriteTouchesTopicAndResponseTopic() {
    TraceMessage m = sample().get(2).withFleet("other");
    assertEquals("swarmsense/other/drone/d-1/cmd", m.topic());
    assertEquals("swarmsense/other/gateway/g1/reply", m.responseTopic());
    assertArrayEquals(sample().get(2).payload(), m.payload());
  }

  private void assertBad(String content, long line, String expected) throws IOException {
    Path f = Files.writeString(dir.resolve("bad.jsonl"), content);
    TraceFormatException e = assertThrows(TraceFormatException.class, () -> {
      try (TraceReader r = TraceReader.open(f)) {
        while (r.next() != null) {
          // read to the error
        }
      }
    });
    assertEquals(line, e.line(), e.getMessage());
    assertTrue(e.getMessage().startsWith(f + ": line " + line + ": " + expected), e.getMessage());
  }
}
