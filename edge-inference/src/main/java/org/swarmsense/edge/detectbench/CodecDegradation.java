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
 * and the decoder zero-fills what is missing. The same procedure as {@code bench semcomm}'s "ours",
 * at a channel rate of 1 MB/s with the deadline set so the budget just fits. A frame of which
 * nothing decodes becomes mid-gray. Deterministic for a seed. Stateless and thread-safe.
 */
public final class CodecDegradation {

  /** Channel rate, bytes per second (only the ratio budget / rate, the deadline, matters). */
  static final double RATE_BYTES_PER_S = 1_000_000;

  private CodecDegradation() {}

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
   * {@code image} through the codec at {@code bitsPerPixel} and the bursty channel at {@code meanLoss}.
   *
   * @param order the band order the sender uses
   * @param bitsPerPixel budget, bits per pixel, > 0
   * @param meanLoss mean packet loss of the Gilbert channel, in [0, 1)
   * @param seed seed of the channel's loss pattern
   */
  public static Degraded degrade(PixelImage image, BandOrder order, double bitsPerPixel, double meanLoss, long seed) {
    if (image == null || order == null) {
      throw new IllegalArgumentException("image and order must not be null");
    }
    if (!(bitsPerPixel > 0) || Double.isInfinite(bitsPerPixel)) {
      throw new IllegalArgumentException("bitsPerPixel must be > 0, got: " + bitsPerPixel);
    }
    if (!(meanLoss >= 0 && meanLoss < 1)) {
      throw new IllegalArgumentException("meanLoss must be in [0, 1), got: " + meanLoss);
    }
    long budget = (long) Math.floor(bitsPerPixel * image.pixelCount() / 8);
    RateControl.Choice choice = new RateControl(SemanticEncoder.transform(image), order, 1).choose(budget);
    List<byte[]> packets = choice.packets();
    long sent = packets.stream().mapToLong(p -> p.length).sum();
    Duration deadline = Duration.ofNanos((long) (budget / RATE_BYTES_PER_S * 1e9) + 1);
    List<Integer> arrived = GilbertElliottChannel.bursty(RATE_BYTES_PER_S, meanLoss).transmit(packets, deadline, seed)
        .arrived();
    SemanticDecoder decoder = new SemanticDecoder(List.of(order));
    for (int i : arrived) {
      decoder.accept(packets.get(i));
    }
    DecodedFrame f = decoder.finish().orElse(null);
    PixelImage shown = f == null ? PixelImages.midGray(image.width(), image.height(), image.channels()) : f.image();
    return new Degraded(shown, choice.quality(), sent, f == null ? 0 : f.energyShare());
  }
}
