package org.swarmsense.agents.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.swarmsense.agents.testing.TestConfig;
import org.swarmsense.edge.detect.CocoDetector;
import org.swarmsense.edge.offload.FrameDetector;
import org.swarmsense.edge.offload.FrameTask;
import org.swarmsense.edge.offload.OffloadServer;
import org.swarmsense.edge.offload.TaskFailure;
import org.swarmsense.edge.offload.TaskOutcome;
import org.swarmsense.edge.serving.Clock;
import org.swarmsense.maps.SharedData;
import org.swarmsense.semantic.codec.BandOrder;
import org.swarmsense.semantic.codec.EncodedFrame;
import org.swarmsense.semantic.codec.PixelImages;
import org.swarmsense.semantic.codec.SemanticEncoder;

class EdgeNodeTest {
  static final ActorTestKit testKit = ActorTestKit.create(TestConfig.fast());
  static final OffloadServer.Limits LIMITS = new OffloadServer.Limits(2, 256 * 1024, 1 << 20);
  static CocoDetector coco;
  static EncodedFrame frame;

  @BeforeAll
  static void open() throws Exception {
    coco = new CocoDetector(SharedData.file("models/mb3_centernet_coco.onnx"), 2);
    frame = SemanticEncoder.encode(PixelImages.read(SharedData.file("images/dog.jpg")), 75, BandOrder.zigZag(), 9);
  }

  @AfterAll
  static void cleanup() throws Exception {
    testKit.shutdownTestKit();
    coco.close();
  }

  static OffloadServer server() {
    return new OffloadServer(FrameDetector.coco(coco, 0.3), List.of(BandOrder.zigZag()), LIMITS, Clock.system());
  }

  static FrameTask task(String id, Duration deadline) {
    return new FrameTask(id, 9, 0, frame.layout().width(), frame.layout().height(), frame.packets().size(), deadline);
  }

  static ActorRef<EdgeNode.Command> spawn(String id) {
    return testKit.spawn(EdgeNode.create(id, server()), id, DispatcherSelector.blocking());
  }

  @Test
  void theActorAnswersWhatThePlainLibraryAnswersOnTheSameFrame() {
    FrameTask t = task("same", Duration.ofSeconds(30));
    TaskOutcome.Served library = (TaskOutcome.Served) server().serve(t, frame.packets());
    ActorRef<EdgeNode.Command> node = spawn("e-same");
    TestProbe<TaskOutcome> answers = testKit.createTestProbe();
    frame.packets().forEach(p -> node.tell(new EdgeNode.SubmitPacket(t, p, answers.getRef())));
    TaskOutcome.Served actor = assertInstanceOf(TaskOutcome.Served.class, answers.receiveMessage(Duration.ofSeconds(30)));
    assertTrue(library.detections().size() >= 4, "dog.jpg has car, bicycle, dog, truck: " + library.detections());
    assertEquals(library.detections(), actor.detections());
    assertEquals(library.energyShare(), actor.energyShare());
    assertEquals(library.packetsAccepted(), actor.packetsAccepted());
    answers.expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void theDeadlineAnswersFromWhatArrivedAndLoadCountsEverything() {
    ActorRef<EdgeNode.Command> node = spawn("e-deadline");
    TestProbe<TaskOutcome> answers = testKit.createTestProbe();
    FrameTask t = task("half", Duration.ofMillis(300));
    frame.packets().subList(0, frame.packets().size() / 2)
        .forEach(p -> node.tell(new EdgeNode.SubmitPacket(t, p, answers.getRef())));
    TaskOutcome.Served partial = assertInstanceOf(TaskOutcome.Served.class,
        answers.receiveMessage(Duration.ofSeconds(30)));
    System.out.printf("half the packets by the deadline: energy share %.4f, latency %.1f ms%n",
        partial.energyShare(), partial.latencyMs());
    assertTrue(partial.energyShare() < 1, "share " + partial.energyShare());
    assertTrue(partial.latencyMs() >= 300, "answered at the deadline, not before: " + partial.latencyMs());
    // a queue of 2: two open tasks, the third refused at once
    node.tell(new EdgeNode.SubmitPacket(task("a", Duration.ofSeconds(20)), frame.packets().get(0), answers.getRef()));
    node.tell(new EdgeNode.SubmitPacket(task("b", Duration.ofSeconds(20)), frame.packets().get(0), answers.getRef()));
    node.tell(new EdgeNode.SubmitPacket(task("c", Duration.ofSeconds(20)), frame.packets().get(0), answers.getRef()));
    TaskOutcome.Refused refused = assertInstanceOf(TaskOutcome.Refused.class, answers.receiveMessage());
    assertEquals("c", refused.taskId());
    assertEquals(TaskFailure.QUEUE_FULL, refused.reason());
    TestProbe<EdgeNode.Load> load = testKit.createTestProbe();
    node.tell(new EdgeNode.GetLoad(load.getRef()));
    EdgeNode.Load l = load.receiveMessage();
    assertEquals(2, l.queueLength());
    assertEquals(2, l.queueCapacity());
    assertEquals(1, l.served());
    assertEquals(1, l.rejected());
    assertEquals(1L, l.rejectedByReason().get(TaskFailure.QUEUE_FULL));
    assertTrue(l.load() > 0 && l.load() <= 1, "load " + l.load());
  }
}
