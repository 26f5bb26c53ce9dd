package org.swarmsense.edge.offload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.swarmsense.edge.detect.CocoDetector;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.edge.serving.Clock;
import org.swarmsense.maps.SharedData;
import org.swarmsense.semantic.codec.BandOrder;
import org.swarmsense.semantic.codec.EncodedFrame;
import org.swarmsense.semantic.codec.PixelImage;
import org.swarmsense.semantic.codec.PixelImages;
import org.swarmsense.semantic.codec.SemanticDecoder;
import org.swarmsense.semantic.codec.SemanticEncoder;

class OffloadServerTest {

  private static CocoDetector coco;
  private static EncodedFrame frame;
  private static final OffloadServer.Limits LIMITS = new OffloadServer.Limits(2, 256 * 1024, 1 << 20);

  @BeforeAll
  static void open() throws Exception {
    coco = new CocoDetector(SharedData.file("models/mb3_centernet_coco.onnx"), 2);
    PixelImage person = PixelImages.read(SharedData.file("images/person.jpg"));
    frame = SemanticEncoder.encode(person, 75, BandOrder.zigZag(), 42);
  }

  @AfterAll
  static void close() throws Exception {
    coco.close();
  }

  private static OffloadServer server() {
    return new OffloadServer(FrameDetector.coco(coco, 0.3), List.of(BandOrder.zigZag()), LIMITS, Clock.system());
  }

  private static FrameTask task(String id, int packets) {
    return new FrameTask(id, 42, 0, frame.layout().width(), frame.layout().height(), packets, Duration.ofMillis(500));
  }

  /** The detector on what the codec's own decoder makes of {@code packets}: the reference answer. */
  private static List<Detection> reference(List<byte[]> packets) throws Exception {
    SemanticDecoder d = new SemanticDecoder(List.of(BandOrder.zigZag()));
    packets.forEach(d::accept);
    return coco.detect(d.finish().orElseThrow().image(), 0.3);
  }

  @Test
  void allPacketsAnswerAtOnceWithTheDetectorsBoxesOnTheDecodedFrame() throws Exception {
    OffloadServer s = server();
    FrameTask t = task("t1", frame.packets().size());
    List<byte[]> packets = frame.packets();
    for (int i = 0; i < packets.size() - 1; i++) {
      OffloadServer.Step step = s.accept(t, packets.get(i));
      assertEquals(i == 0, step.opened());
      assertTrue(step.answer().isEmpty(), "no answer before the last packet");
    }
    TaskOutcome.Served served = assertInstanceOf(TaskOutcome.Served.class,
        s.accept(t, packets.get(packets.size() - 1)).answer().orElseThrow());
    assertEquals(reference(packets), served.detections());
    assertEquals(1.0, served.energyShare(), 1e-9);
    assertEquals(packets.size(), served.packetsAccepted());
    assertEquals("coco-centernet", served.variant());
    assertEquals(0, s.queueLength());
    assertEquals(1, s.served());
    // a late duplicate of an answered task never re-opens it
    assertFalse(s.accept(t, packets.get(0)).opened());
    assertEquals(Map.of("late_or_refused_task", 1L), s.packetDrops());
  }

  @Test
  void theDeadlineAnswersFromThePrefixThatArrivedWithItsEnergyShare() throws Exception {
    OffloadServer s = server();
    FrameTask t = task("t2", frame.packets().size());
    List<byte[]> prefix = frame.packets().subList(0, frame.packets().size() / 3);
    prefix.forEach(p -> s.accept(t, p));
    TaskOutcome.Served served = assertInstanceOf(TaskOutcome.Served.class, s.expire("t2").orElseThrow());
    System.out.printf("prefix of %d/%d packets: energy share %.4f, %d detections%n", prefix.size(),
        frame.packets().size(), served.energyShare(), served.detections().size());
    assertTrue(served.energyShare() > 0.5 && served.energyShare() < 1, "share " + served.energyShare());
    assertEquals(prefix.size(), served.packetsAccepted());
    assertEquals(reference(prefix), served.detections());
    assertTrue(s.expire("t2").isEmpty(), "answered once");
  }

  @Test
  void badTasksAreRefusedWithAReasonAndCounted() {
    OffloadServer s = server();
    byte[] p0 = frame.packets().get(0);
    // too large: a frame of 2048x2048 pixels, and 300 packets of 1,200 B
    TaskOutcome big = s.accept(new FrameTask("big", 42, 0, 2048, 2048, 5, Duration.ofMillis(50)), p0).answer().orElseThrow();
    assertEquals(TaskFailure.TOO_LARGE, ((TaskOutcome.Refused) big).reason());
    assertTrue(((TaskOutcome.Refused) big).detail().contains("2048x2048 = 4194304 pixels"), big.toString());
    TaskOutcome many = s.accept(task("many", 300), p0).answer().orElseThrow();
    assertTrue(((TaskOutcome.Refused) many).detail().contains("packet_count 300 x 1200 B = 360000 B"), many.toString());
    // unknown band order
    TaskOutcome order = s.accept(new FrameTask("order", 42, 7, 512, 512, 5, Duration.ofMillis(50)), p0).answer().orElseThrow();
    assertEquals(TaskFailure.UNKNOWN_ORDER, ((TaskOutcome.Refused) order).reason());
    // queue of 2: the third open task is refused, and answered only once
    assertTrue(s.accept(task("a", 50), p0).opened());
    assertTrue(s.accept(task("b", 50), p0).opened());
    TaskOutcome full = s.accept(task("c", 50), p0).answer().orElseThrow();
    assertEquals(TaskFailure.QUEUE_FULL, ((TaskOutcome.Refused) full).reason());
    assertTrue(s.accept(task("c", 50), p0).answer().isEmpty());
    // corrupt packets only: nothing decoded by the deadline
    s.expire("a");
    byte[] corrupt = p0.clone();
    corrupt[30] ^= 0x55;
    s.accept(task("bad", 50), corrupt);
    s.accept(task("bad", 50), new byte[] {1, 2, 3});
    TaskOutcome nothing = s.expire("bad").orElseThrow();
    assertEquals(TaskFailure.NOTHING_DECODED, ((TaskOutcome.Refused) nothing).reason());
    // a packet whose task fields disagree with the task's first packet is dropped
    s.accept(task("b", 51), p0);
    assertEquals(Map.of(TaskFailure.EXPIRED, 0L, TaskFailure.QUEUE_FULL, 1L, TaskFailure.TOO_LARGE, 2L, TaskFailure.UNKNOWN_ORDER, 1L,
        TaskFailure.NOTHING_DECODED, 1L, TaskFailure.FRAME_MISMATCH, 0L, TaskFailure.DETECTOR_FAILED, 0L), s.refused());
    assertEquals(Map.of("bad_crc", 1L, "too_short", 1L, "refused_task", 4L, "late_or_refused_task", 1L,
        "inconsistent_task", 1L), s.packetDrops());
    assertEquals(List.of("b"), s.openTasks());
  }

  @Test
  void aTaskWhoseFirstPacketWaitedPastItsDeadlineIsRefusedAndWaitingCountsInTheLatency() {
    OffloadServer s = server();
    byte[] p0 = frame.packets().get(0);
    // deadline 500 ms: a first packet that waited 600 ms in the node's inbox is too late to serve
    TaskOutcome late = s.accept(task("late", 50), p0, 600_000_000L).answer().orElseThrow();
    assertEquals(TaskFailure.EXPIRED, ((TaskOutcome.Refused) late).reason());
    assertTrue(((TaskOutcome.Refused) late).detail().contains("waited 600 ms"), late.toString());
    // one that waited 300 ms is opened, and its latency counts from its arrival
    assertTrue(s.accept(task("waited", frame.packets().size()), p0, 300_000_000L).opened());
    TaskOutcome.Served served = (TaskOutcome.Served) s.expire("waited").orElseThrow();
    assertTrue(served.latencyMs() >= 300, "latency " + served.latencyMs());
  }

  @Test
  void aFrameOfAnotherSizeThanDeclaredIsAMismatch() {
    OffloadServer s = server();
    FrameTask lying = new FrameTask("lie", 42, 0, 100, 100, frame.packets().size(), Duration.ofMillis(50));
    TaskOutcome out = s.serve(lying, new ArrayList<>(frame.packets()));
    assertEquals(TaskFailure.FRAME_MISMATCH, ((TaskOutcome.Refused) out).reason());
    assertTrue(((TaskOutcome.Refused) out).detail().contains("declared 100x100"), out.toString());
  }
}
