package org.swarmsense.agents.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.edge.offload.FrameDetector;
import org.swarmsense.edge.offload.FrameTask;
import org.swarmsense.edge.offload.OffloadServer;
import org.swarmsense.edge.offload.TaskOutcome;
import org.swarmsense.edge.serving.Clock;
import org.swarmsense.maps.camera.CameraFrame;
import org.swarmsense.semantic.channel.Channel;
import org.swarmsense.semantic.channel.ConstantRateChannel;
import org.swarmsense.semantic.channel.GilbertElliottChannel;
import org.swarmsense.semantic.codec.BandOrder;
import org.swarmsense.semantic.codec.EncodedFrame;
import org.swarmsense.semantic.codec.PixelImage;
import org.swarmsense.semantic.codec.PixelImages;
import org.swarmsense.semantic.codec.SemanticEncoder;

/**
 * One frame's way from a drone's camera to an edge node's answer, in simulated time: the semantic
 * codec encodes it in the band order given (the shipped vehicle detector's learned order, as the live drones send), the
 * seeded uplink model decides which packets arrive by the deadline (at most rate x deadline bytes,
 * in band order, minus bursty losses), and an {@link OffloadServer}, the edge node's own engine,
 * decodes what arrived and runs the detector, whose detections are returned as they are.
 * Not thread-safe: one caller at a time (the server and the counters are mutable).
 */
public final class EdgeFrameLink implements FrameSender {

  private final OffloadServer server;
  private final BandOrder order;
  private final MissionDetectSettings settings;
  private final Channel uplink;
  private final String variant;
  private long frames;
  private long nothingArrived;
  private long refused;
  private double encodedBits;

  /**
   * A link to an edge node running {@code detector} within {@code limits} (the agents' edge-node
   * settings), frames encoded in band order {@code order}, with the codec and uplink of {@code settings}.
   */
  public EdgeFrameLink(FrameDetector detector, BandOrder order, OffloadServer.Limits limits,
      MissionDetectSettings settings) {
    if (detector == null || order == null || limits == null || settings == null) {
      throw new IllegalArgumentException("detector, order, limits and settings must not be null");
    }
    this.order = order;
    this.settings = settings;
    this.variant = detector.variant();
    this.server = new OffloadServer(detector, List.of(order), limits, Clock.system());
    this.uplink = settings.meanLoss() > 0
        ? GilbertElliottChannel.bursty(settings.uplinkRateBytesPerS(), settings.meanLoss())
        : new ConstantRateChannel(settings.uplinkRateBytesPerS());
  }

  @Override
  public String variant() {
    return variant;
  }

  /**
   * Sends one frame; the detections the edge node answers with, or empty when nothing of
   * the frame arrived by the deadline or the node refused it (counted).
   *
   * @param frame the captured frame
   * @param frameId the frame's id (0..2^32-1), unique within the run
   * @param channelSeed seed of this frame's losses
   */
  @Override
  public Optional<List<Detection>> send(CameraFrame frame, long frameId, long channelSeed) {
    frames++;
    PixelImage pixels = PixelImages.fromBuffered(frame.image());
    // as the drones send: road-first when the whole frame would not fit the deadline's bytes
    EncodedFrame encoded = SemanticEncoder.encodeWithin(pixels, settings.quality(), order, (int) frameId,
        frame.roads().inRegion(), uplink.budgetBytes(settings.deadline()));
    for (byte[] packet : encoded.packets()) {
      encodedBits += 8.0 * packet.length;
    }
    Channel.Delivery delivery = uplink.transmit(encoded.packets(), settings.deadline(), channelSeed);
    if (delivery.arrived().isEmpty()) {
      nothingArrived++;
      return Optional.empty();
    }
    FrameTask task = new FrameTask("f" + frameId, frameId & 0xFFFF_FFFFL, order.id(), pixels.width(),
        pixels.height(), encoded.packets().size(), settings.deadline());
    List<byte[]> arrived = new ArrayList<>();
    for (int i : delivery.arrived()) {
      arrived.add(encoded.packets().get(i));
    }
    TaskOutcome outcome = server.serve(task, arrived);
    if (!(outcome instanceof TaskOutcome.Served served)) {
      refused++;
      return Optional.empty();
    }
    return Optional.of(served.detections());
  }

  @Override
  public Optional<BandOrder> bandOrder() {
    return Optional.of(order);
  }

  @Override
  public java.util.OptionalDouble meanEncodedFrameBits() {
    return frames > 0 ? java.util.OptionalDouble.of(encodedBits / frames) : java.util.OptionalDouble.empty();
  }

  /** Frames sent. */
  public long frames() {
    return frames;
  }

  /** Frames of which no packet arrived by the deadline. */
  public long nothingArrived() {
    return nothingArrived;
  }

  /** Frames the edge node refused (a reason per frame in its counters). */
  public long refused() {
    return refused;
  }
}
