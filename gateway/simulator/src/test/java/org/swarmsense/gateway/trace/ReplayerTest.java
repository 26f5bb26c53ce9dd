package org.swarmsense.gateway.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.gateway.wire.Event;
import org.swarmsense.gateway.wire.Payloads;

/** Pacing on a manual clock, and the replayer's behaviour on good and bad traces (no MQTT, no sleeping). */
class ReplayerTest {
  @TempDir Path dir;

  /** A clock that only moves when slept on. */
  static final class ManualClock implements ReplayClock {
    long now = 5_000_000_000L;
    final List<Long> sleeps = new ArrayList<>();

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleepNanos(long nanos) {
      sleeps.add(nanos);
      now += nanos;
    }
  }

  /** Remembers what was published and at which clock time. */
  static final class ListSink implements TraceSink {
    final ManualClock clock;
    final List<TraceMessage> got = new ArrayList<>();
    final List<Long> at = new ArrayList<>();

    ListSink(ManualClock clock) {
      this.clock = clock;
    }

    @Override
    public void publish(TraceMessage m) {
      got.add(m);
      at.add(clock.now);
      clock.now += 1_000_000; // each publish costs 1 ms
    }
  }

  @Test
  void pacerDividesTheTraceTimingBySpeedWithoutDrift() throws InterruptedException {
    ManualClock c = new ManualClock();
    ReplayPacer p = new ReplayPacer(c, 4);
    assertEquals(0, p.awaitDue(10_000)); // first: at once
    assertEquals(250_000_000L, p.awaitDue(11_000)); // 1 s of trace = 250 ms
    c.now += 100_000_000; // work took 100 ms
    assertEquals(150_000_000L, p.awaitDue(12_000)); // due 500 ms after the start: waits the rest
    c.now += 900_000_000; // far behind now
    assertEquals(0, p.awaitDue(13_000));
    assertEquals(0, p.awaitDue(9_000), "earlier than the first message: at once");
    assertEquals(List.of(250_000_000L, 150_000_000L), c.sleeps);
  }

  @Test
  void maxSpeedNeverSleeps() throws InterruptedException {
    ManualClock c = new ManualClock();
    ReplayPacer p = new ReplayPacer(c, ReplayPacer.parseSpeed("max"));
    for (long t = 0; t < 100_000; t += 1000) {
      p.awaitDue(t);
    }
    assertEquals(List.of(), c.sleeps);
  }

  @Test
  void speedOption() {
    assertEquals(20, ReplayPacer.parseSpeed("20"));
    assertEquals(0.5, ReplayPacer.parseSpeed("0.5x"));
    assertEquals(Double.POSITIVE_INFINITY, ReplayPacer.parseSpeed("MAX"));
    for (String bad : List.of("0", "-1", "fast", "NaN", "Infinity")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReplayPacer.parseSpeed(bad));
      assertEquals("speed must be a number > 0 or max, was '" + bad + "'", e.getMessage());
    }
  }

  @Test
  void replaysInOrderAtTheTraceTimingDividedBySpeed() throws Exception {
    Path f = dir.resolve("t.jsonl.gz");
    try (TraceWriter w = TraceWriter.create(f, TraceFilesTest.HEADER)) {
      TraceFilesTest.sample().forEach(w::write);
    }
    ManualClock c = new ManualClock();
    ListSink sink = new ListSink(c);
    List<ReplayProgress> progress = new ArrayList<>();
    Replayer.Result r;
    try (TraceReader in = TraceReader.open(f)) {
      r = Replayer.replay(in, sink, 2, "moved", c, progress::add);
    }
    assertEquals(5, r.messages());
    assertEquals(5, sink.got.size());
    List<TraceMessage> expected = TraceFilesTest.sample().stream().map(m -> m.withFleet("moved")).toList();
    assertEquals(expected, sink.got);
    long t0 = sink.at.get(0);
    // trace offsets 0, 100, 190, 290, 390 ms at speed 2: 0, 50, 95, 145, 195 ms
    assertEquals(List.of(0L, 50_000_000L, 95_000_000L, 145_000_000L, 195_000_000L),
        sink.at.stream().map(t -> t - t0).toList());
    assertEquals("[moved/drone/d-1, moved/sensor/s-1]", r.devices().toString(),
        "the cmd topic is not a device publishing; the task topic neither");
    assertEquals(1, progress.size(), "the final report only (the run is shorter than a second)");
    assertTrue(progress.get(0).line().startsWith("replayed 5 messages in 0.2 s"), progress.get(0).line());
  }

  @Test
  void corruptLineStopsAfterTheValidOnesAndTellsEveryDevice() throws Exception {
    Path f = dir.resolve("t.jsonl");
    try (TraceWriter w = TraceWriter.create(f, TraceFilesTest.HEADER)) {
      TraceFilesTest.sample().subList(0, 2).forEach(w::write);
    }
    Files.writeString(f, Files.readString(f) + "{\"t_ms\":1763900000300,\"topic\":\n"
        + TraceLines.messageLine(TraceFilesTest.sample().get(4)) + "\n");
    ManualClock c = new ManualClock();
    ListSink sink = new ListSink(c);
    ReplayIncompleteException e;
    try (TraceReader in = TraceReader.open(f)) {
      e = assertThrows(ReplayIncompleteException.class,
          () -> Replayer.replay(in, sink, Double.POSITIVE_INFINITY, null, c, null));
    }
    assertEquals(4, e.line());
    assertEquals(2, e.partial().messages());
    assertTrue(e.getMessage().startsWith(f + ": line 4: not JSON"), e.getMessage());
    assertTrue(e.getMessage().endsWith("replayed 2 messages before it; replay_incomplete sent on the evt"
        + " topic of 1 device"), e.getMessage());
    assertEquals(3, sink.got.size(), "two valid messages and one replay_incomplete; nothing after the bad line");
    TraceMessage evt = sink.got.get(2);
    assertEquals("swarmsense/demo/drone/d-1/evt", evt.topic());
    assertEquals(1, evt.qos());
    Event ev = Payloads.readEvent(evt.payload());
    assertEquals("replay_incomplete", ev.type());
    assertEquals("trace_error", ev.reason());
    assertEquals(1_763_900_000_110L, ev.tMs(), "the time of the last replayed message");
    assertTrue(ev.detail().contains("line 4"), ev.detail());
  }

  @Test
  void stopRequestTellsEveryDeviceThatPublished() throws Exception {
    Path f = dir.resolve("t.jsonl");
    try (TraceWriter w = TraceWriter.create(f, TraceFilesTest.HEADER)) {
      TraceFilesTest.sample().forEach(w::write);
    }
    ManualClock c = new ManualClock();
    ListSink sink = new ListSink(c);
    ReplayIncompleteException e;
    try (TraceReader in = TraceReader.open(f)) {
      e = assertThrows(ReplayIncompleteException.class,
          () -> Replayer.replay(in, sink, 1, null, c, null, () -> sink.got.size() >= 2));
    }
    assertEquals(-1, e.line());
    assertEquals(2, e.partial().messages());
    assertTrue(e.getMessage().startsWith("replay interrupted at line 4, "), e.getMessage());
    assertEquals(3, sink.got.size());
    Event ev = Payloads.readEvent(sink.got.get(2).payload());
    assertEquals("replay_incomplete", ev.type());
    assertEquals("interrupted", ev.reason());
    assertEquals("swarmsense/demo/drone/d-1/evt", sink.got.get(2).topic());
  }
}
