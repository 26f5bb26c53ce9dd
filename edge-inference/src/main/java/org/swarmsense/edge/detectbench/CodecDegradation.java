package org.swarmsense.edge.detectbench;

import java.time.Duration;
import java.util.List;
import org.swarmsense.semantic.channel.GilbertElliottChannel;
import org.swarmsense.semantic.codec.BandOrder;
import org.swarmsense.semantic.codec.DecodedFrame;
import org.swarmsense.semantic.codec.PixelImage;
import org.swarmsense.semantic.codec.PixelImages;
import org.swarmsense.semantic.codec.RateControl;
import org.swarmsense.semantic.codec.SemanticDecoder;
import org.swarmsense.semantic.codec.SemanticEncoder;

/**
 * A frame as an edge node sees it after the drone's codec and a bursty radio link: semantic-comm's
 * {@link RateControl} picks the quality for the byte budget ({@code bpp x pixels / 8}) and cuts the
 * packets after the bands that fit (band truncation), the Gilbert-Elliott channel
 * ({@link GilbertElliottChannel#bursty}: mean burst 4 packets) drops packets at the given mean loss,
 * and the decoder repairs what is missing as the edge node's receiver does ({@link Receiver#CONFIGURED}:
 * {@code SemanticDecoder.finishAsConfigured}), zero-fills it ({@link Receiver#ZERO_FILL}) or conceals missing DC
 * and deblocks ({@link Receiver#REPAIRED}); the last two let a run compare receivers on the same packets. The
 * same procedure as {@code bench semcomm}'s "ours",
 * at a channel rate of 1 MB/s with the deadline set so the budget just fits. A frame of which
 * nothing decodes becomes mid-gray. Deterministic for a seed. Stateless and thread-safe. {@link #encode}
 * and {@link #transmit} are the sender's and the channel-and-receiver's halves, for callers that send
 * one encoding through several channels.
 */
public final class CodecDegradation {

  /** Channel rate, bytes per second (only the ratio budget / rate, the deadline, matters). */
  static final double RATE_BYTES_PER_S = 1_000_000;

  private CodecDegradation() {}

  /** How the receiver decodes what arrived. */
  public enum Receiver {
    /** As the edge node: {@code codec.conceal-missing-dc} and {@code codec.deblock} of semantic-comm's settings. */
    CONFIGURED,
    /** Missing coefficients zero, no concealment, no deblocking. */
    ZERO_FILL,
    /** Missing DC concealed from arrived neighbours, then deblocked. */
    REPAIRED
  }

  /**
   * A degraded frame and what arrived of it.
   *
   * @param image the decoded frame (mid-gray when nothing decodable arrived)
   * @param quality the quality the rate control chose
   * @param sentBytes bytes of the packets sent
   * @param energyShare share of the coefficient energy that arrived, 0..1
   */
  public record Degraded(PixelImage image, int quality, long sentBytes, double energyShare) {}

  /**
   * A frame encoded for the budget: the packets in send order, before any channel. Sending the same
   * {@code Encoded} through several channels ({@link #transmit}) encodes it once.
   *
   * @param packets the packets the rate control kept, in send order
   * @param order the band order they were encoded in
   * @param quality the quality the rate control chose
   * @param budgetBytes the byte budget ({@code bpp x pixels / 8}, floored)
   * @param width frame width, pixels
   * @param height frame height, pixels
   * @param channels colour channels of the frame
   */
  public record Encoded(List<byte[]> packets, BandOrder order, int quality, long budgetBytes, int width, int height,
      int channels) {
    /** Copies the packet list; checks the sizes. */
    public Encoded {
      if (packets == null || order == null) {
        throw new IllegalArgumentException("packets and order must not be null");
      }
      packets = List.copyOf(packets);
      if (budgetBytes < 0 || width < 1 || height < 1 || channels < 1) {
        throw new IllegalArgumentException("budgetBytes must be >= 0 and width, height, channels >= 1, got: "
            + budgetBytes + ", " + width + "x" + height + "x" + channels);
      }
    }

    /** Bytes of all packets. */
    public long sentBytes() {
      return packets.stream().mapToLong(p -> p.length).sum();
    }
  }

  /**
   * {@code image} through the codec at {@code bitsPerPixel} and the bursty channel at {@code meanLoss}:
   * {@link #transmit}({@link #encode}(...)).
   *
   * @param order the band order the sender uses
   * @param bitsPerPixel budget, bits per pixel, > 0
   * @param meanLoss mean packet loss of the Gilbert channel, in [0, 1)
   * @param seed seed of the channel's loss pattern
   */
  public static Degraded degrade(PixelImage image, BandOrder order, double bitsPerPixel, double meanLoss, long seed) {
    checkLoss(meanLoss); // before the encoding's work
    return transmit(encode(image, order, bitsPerPixel), meanLoss, seed);
  }

  /**
   * The sender's half: transform, rate control for the budget of {@code bitsPerPixel}, band truncation.
   *
   * @param order the band order the sender uses
   * @param bitsPerPixel budget, bits per pixel, > 0
   */
  public static Encoded encode(PixelImage image, BandOrder order, double bitsPerPixel) {
    return encode(image, order, bitsPerPixel, null);
  }

  /**
   * As {@link #encode(PixelImage, BandOrder, double)} with road-first coding: the MCUs that no pixel of
   * {@code regionPixels} meets keep only their first {@value SemanticEncoder#OUTSIDE_REGION_RANKS} ranking
   * position(s) ({@link SemanticEncoder#restrict}), so the budget goes to the region.
   *
   * @param regionPixels the region, row-major width x height, y down; null for none (the whole frame)
   */
  public static Encoded encode(PixelImage image, BandOrder order, double bitsPerPixel, boolean[] regionPixels) {
    if (image == null || order == null) {
      throw new IllegalArgumentException("image and order must not be null");
    }
    if (!(bitsPerPixel > 0) || Double.isInfinite(bitsPerPixel)) {
      throw new IllegalArgumentException("bitsPerPixel must be > 0, got: " + bitsPerPixel);
    }
    long budget = (long) Math.floor(bitsPerPixel * image.pixelCount() / 8);
    SemanticEncoder.Transformed t = SemanticEncoder.transform(image);
    if (regionPixels != null) {
      t = SemanticEncoder.restrict(t, t.layout().mcusMeeting(regionPixels), order,
          SemanticEncoder.OUTSIDE_REGION_RANKS);
    }
    RateControl.Choice choice = new RateControl(t, order, 1).choose(budget);
    return new Encoded(choice.packets(), order, choice.quality(), budget, image.width(), image.height(),
        image.channels());
  }

  /**
   * The channel's and the receiver's half: {@code encoded}'s packets over the bursty channel at
   * {@code meanLoss} with the deadline at which the budget just fits, decoded from what arrived by the
   * {@link Receiver#CONFIGURED} receiver.
   *
   * @param meanLoss mean packet loss of the Gilbert channel, in [0, 1)
   * @param seed seed of the channel's loss pattern
   */
  public static Degraded transmit(Encoded encoded, double meanLoss, long seed) {
    return transmit(encoded, meanLoss, seed, Receiver.CONFIGURED);
  }

  /** As {@link #transmit(Encoded, double, long)}, decoded by {@code receiver}. */
  public static Degraded transmit(Encoded encoded, double meanLoss, long seed, Receiver receiver) {
    if (encoded == null || receiver == null) {
      throw new IllegalArgumentException("encoded and receiver must not be null");
    }
    checkLoss(meanLoss);
    List<byte[]> packets = encoded.packets();
    Duration deadline = Duration.ofNanos((long) (encoded.budgetBytes() / RATE_BYTES_PER_S * 1e9) + 1);
    List<Integer> arrived = GilbertElliottChannel.bursty(RATE_BYTES_PER_S, meanLoss).transmit(packets, deadline, seed)
        .arrived();
    SemanticDecoder decoder = new SemanticDecoder(List.of(encoded.order()));
    for (int i : arrived) {
      decoder.accept(packets.get(i));
    }
    DecodedFrame f = (switch (receiver) {
      case CONFIGURED -> decoder.finishAsConfigured();
      case ZERO_FILL -> decoder.finish(false, false);
      case REPAIRED -> decoder.finish(true, true);
    }).orElse(null);
    PixelImage shown = f == null ? PixelImages.midGray(encoded.width(), encoded.height(), encoded.channels())
        : f.image();
    return new Degraded(shown, encoded.quality(), encoded.sentBytes(), f == null ? 0 : f.energyShare());
  }

  private static void checkLoss(double meanLoss) {
    if (!(meanLoss >= 0 && meanLoss < 1)) {
      throw new IllegalArgumentException("meanLoss must be in [0, 1), got: " + meanLoss);
    }
  }
}
