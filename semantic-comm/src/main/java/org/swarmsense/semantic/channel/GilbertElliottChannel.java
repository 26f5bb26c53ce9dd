package org.swarmsense.semantic.channel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.swarmsense.semantic.SemanticCommSettings;

/**
 * A constant-rate channel with bursty packet erasure: a two-state Markov chain (Good, Bad) steps
 * once per packet; a packet is lost with probability {@code lossGood} in Good and {@code lossBad} in
 * Bad. The chain starts in its stationary distribution. Mean loss =
 * {@code (pBad * lossBad + pGood * lossGood)} with {@code pBad = goodToBad / (goodToBad + badToGood)};
 * mean time in Bad = {@code 1 / badToGood} packets. Immutable and thread-safe.
 *
 * @param rateBytesPerS bytes per second, > 0
 * @param goodToBad probability of Good -> Bad per packet, 0..1
 * @param badToGood probability of Bad -> Good per packet, (0..1]
 * @param lossGood loss probability in Good, 0..1
 * @param lossBad loss probability in Bad, 0..1
 */
public record GilbertElliottChannel(double rateBytesPerS, double goodToBad, double badToGood, double lossGood,
    double lossBad) implements Channel {

  /** Validates every field; the message names the field and the bad value. */
  public GilbertElliottChannel {
    if (!(rateBytesPerS > 0) || Double.isInfinite(rateBytesPerS)) {
      throw new IllegalArgumentException("rateBytesPerS must be > 0 and finite, got: " + rateBytesPerS);
    }
    requireProbability("goodToBad", goodToBad);
    requireProbability("badToGood", badToGood);
    if (badToGood == 0) {
      throw new IllegalArgumentException("badToGood must be > 0 (else Bad never ends), got: 0");
    }
    requireProbability("lossGood", lossGood);
    requireProbability("lossBad", lossBad);
  }

  private static void requireProbability(String name, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], got: " + p);
    }
  }

  /**
   * The Gilbert channel used by the benchmarks, with the mean loss and mean burst of
   * {@code channel.bursty} in {@link SemanticCommSettings} (5%, 4 packets; chosen before any
   * measurement).
   */
  public static GilbertElliottChannel bursty(double rateBytesPerS, SemanticCommSettings settings) {
    return bursty(rateBytesPerS, settings.burstyMeanLoss(), settings.burstyMeanBurstPackets());
  }

  /**
   * A Gilbert channel with the given mean loss and the mean burst of {@code channel.bursty} in
   * {@link SemanticCommSettings} (4 packets).
   */
  public static GilbertElliottChannel bursty(double rateBytesPerS, double meanLoss) {
    return bursty(rateBytesPerS, meanLoss, SemanticCommSettings.current().burstyMeanBurstPackets());
  }

  /**
   * A Gilbert channel: no loss in Good, every packet lost in Bad, {@code badToGood = 1 /
   * meanBurstPackets}, and {@code goodToBad} set so that the mean loss is {@code meanLoss}.
   */
  public static GilbertElliottChannel bursty(double rateBytesPerS, double meanLoss, double meanBurstPackets) {
    if (!(meanLoss >= 0 && meanLoss < 1)) {
      throw new IllegalArgumentException("meanLoss must be in [0, 1), got: " + meanLoss);
    }
    if (!(meanBurstPackets >= 1) || Double.isInfinite(meanBurstPackets)) {
      throw new IllegalArgumentException("meanBurstPackets must be >= 1 and finite, got: " + meanBurstPackets);
    }
    double badToGood = 1 / meanBurstPackets;
    return new GilbertElliottChannel(rateBytesPerS, badToGood * meanLoss / (1 - meanLoss), badToGood, 0.0, 1.0);
  }

  /** Long-run share of lost packets. */
  public double meanLoss() {
    double pBad = goodToBad + badToGood == 0 ? 0 : goodToBad / (goodToBad + badToGood);
    return pBad * lossBad + (1 - pBad) * lossGood;
  }

  @Override
  public Delivery transmit(List<byte[]> packets, Duration deadline, long seed) {
    long budget = budgetBytes(deadline);
    SplittableRandom rnd = new SplittableRandom(seed);
    double pBad = goodToBad / (goodToBad + badToGood);
    boolean bad = rnd.nextDouble() < pBad;
    long used = 0;
    int sent = 0;
    List<Integer> arrived = new ArrayList<>();
    for (int i = 0; i < packets.size() && used + packets.get(i).length <= budget; i++) {
      used += packets.get(i).length;
      sent++;
      if (rnd.nextDouble() >= (bad ? lossBad : lossGood)) {
        arrived.add(i);
      }
      bad = bad ? rnd.nextDouble() >= badToGood : rnd.nextDouble() < goodToBad;
    }
    return new Delivery(sent, arrived, used);
  }
}
