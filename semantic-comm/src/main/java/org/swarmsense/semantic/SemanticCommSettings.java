package org.swarmsense.semantic;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed settings of the semantic-comm module, read once from {@code swarmsense.semantic-comm}
 * (defaults and their meaning in {@code reference.conf}). Immutable and thread-safe.
 *
 * @param maxPacketBytes largest packet, bytes, header and CRC included (the header is fixed by the
 *     packet format, see {@code codec.PacketHeader})
 * @param maxFramePixels largest frame a receiver accepts, pixels
 * @param candidateQualities qualities (1..100, increasing) the rate control tries
 * @param burstyMeanLoss long-run share of packets the bursty channel loses, [0, 1)
 * @param burstyMeanBurstPackets mean loss burst of the bursty channel, packets, >= 1
 */
public record SemanticCommSettings(int maxPacketBytes, long maxFramePixels, int[] candidateQualities,
    double burstyMeanLoss, double burstyMeanBurstPackets) {

  private static final Map<String, Set<String>> KNOWN_KEYS = Map.of(
      "codec", Set.of("max-packet-bytes", "max-frame-pixels", "candidate-qualities"),
      "channel", Set.of("bursty"));
  private static final Set<String> KNOWN_BURSTY_KEYS = Set.of("mean-loss", "mean-burst-packets");

  /** Validates every field; the message names the field and the bad value. */
  public SemanticCommSettings {
    if (maxPacketBytes < 64 || maxPacketBytes > 65_507) {
      throw new IllegalArgumentException("maxPacketBytes must be 64..65507, got: " + maxPacketBytes);
    }
    if (maxFramePixels < 1 || maxFramePixels > 65_535L * 65_535L) {
      throw new IllegalArgumentException("maxFramePixels must be 1..65535 x 65535, got: " + maxFramePixels);
    }
    if (candidateQualities == null || candidateQualities.length == 0) {
      throw new IllegalArgumentException("candidateQualities must not be empty, got: "
          + Arrays.toString(candidateQualities));
    }
    candidateQualities = candidateQualities.clone();
    for (int i = 0; i < candidateQualities.length; i++) {
      int q = candidateQualities[i];
      if (q < 1 || q > 100 || (i > 0 && q <= candidateQualities[i - 1])) {
        throw new IllegalArgumentException("candidateQualities must increase within 1..100, got: "
            + Arrays.toString(candidateQualities));
      }
    }
    if (!(burstyMeanLoss >= 0 && burstyMeanLoss < 1)) {
      throw new IllegalArgumentException("burstyMeanLoss must be in [0, 1), got: " + burstyMeanLoss);
    }
    if (!(burstyMeanBurstPackets >= 1) || Double.isInfinite(burstyMeanBurstPackets)) {
      throw new IllegalArgumentException("burstyMeanBurstPackets must be >= 1 and finite, got: "
          + burstyMeanBurstPackets);
    }
  }

  /** The candidate qualities (a copy). */
  @Override
  public int[] candidateQualities() {
    return candidateQualities.clone();
  }

  /** Settings from {@code ConfigFactory.load()} (reference.conf plus application.conf). */
  public static SemanticCommSettings load() {
    return create(ConfigFactory.load());
  }

  /**
   * The settings of this process, read from {@code ConfigFactory.load()} on first use and kept: the
   * codec's packet limits and the rate control's qualities come from here.
   */
  public static SemanticCommSettings current() {
    return Holder.CURRENT;
  }

  /**
   * Settings from the {@code swarmsense.semantic-comm} section of {@code config}; unknown keys are
   * refused so that a typo does not silently fall back to a default.
   */
  public static SemanticCommSettings create(Config config) {
    Config c = config.getConfig("swarmsense.semantic-comm");
    for (String section : c.root().keySet()) {
      Set<String> known = KNOWN_KEYS.get(section);
      if (known == null) {
        throw unknown(section, KNOWN_KEYS.keySet());
      }
      for (String key : c.getConfig(section).root().keySet()) {
        if (!known.contains(key)) {
          throw unknown(section + "." + key, known);
        }
      }
    }
    Config bursty = c.getConfig("channel.bursty");
    for (String key : bursty.root().keySet()) {
      if (!KNOWN_BURSTY_KEYS.contains(key)) {
        throw unknown("channel.bursty." + key, KNOWN_BURSTY_KEYS);
      }
    }
    List<Integer> qualities = c.getIntList("codec.candidate-qualities");
    return new SemanticCommSettings(c.getInt("codec.max-packet-bytes"), c.getLong("codec.max-frame-pixels"),
        qualities.stream().mapToInt(Integer::intValue).toArray(), bursty.getDouble("mean-loss"),
        bursty.getDouble("mean-burst-packets"));
  }

  private static IllegalArgumentException unknown(String key, Set<String> known) {
    return new IllegalArgumentException("unknown key swarmsense.semantic-comm." + key + " (known there: " + known
        + ", see semantic-comm reference.conf)");
  }

  @Override
  public String toString() {
    return "SemanticCommSettings[maxPacketBytes=" + maxPacketBytes + ", maxFramePixels=" + maxFramePixels
        + ", candidateQualities=" + Arrays.toString(candidateQualities) + ", burstyMeanLoss=" + burstyMeanLoss
        + ", burstyMeanBurstPackets=" + burstyMeanBurstPackets + "]";
  }

  private static final class Holder {
    static final SemanticCommSettings CURRENT = load();
  }
}
