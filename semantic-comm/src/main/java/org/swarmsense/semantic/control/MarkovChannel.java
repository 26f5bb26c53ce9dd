package org.swarmsense.semantic.control;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A finite-state Markov channel: each device's link is in one of S states, each with a fixed power
 * gain, and moves between them every slot with the transition matrix. Immutable and thread-safe.
 *
 * @param transitions S x S row-stochastic matrix, row = current state
 * @param gains linear power gain of each state (10^(-path loss/10)), in (0, 1]
 */
public record MarkovChannel(List<List<Double>> transitions, List<Double> gains) {

  /** Validates the matrix (square, rows summing to 1 within 1e-9) and the gains. */
  public MarkovChannel {
    transitions = transitions.stream().map(List::copyOf).toList();
    gains = List.copyOf(gains);
    int s = gains.size();
    if (s < 1 || transitions.size() != s) {
      throw new IllegalArgumentException("transitions must be " + s + " x " + s + ", got " + transitions.size() + " rows");
    }
    for (int i = 0; i < s; i++) {
      List<Double> row = transitions.get(i);
      if (row.size() != s) {
        throw new IllegalArgumentException("transitions row " + i + " must have " + s + " entries, got: " + row);
      }
      double sum = 0;
      for (double p : row) {
        if (!(p >= 0 && p <= 1)) {
          throw new IllegalArgumentException("transitions row " + i + " has a probability outside [0,1]: " + row);
        }
        sum += p;
      }
      if (Math.abs(sum - 1) > 1e-9) {
        throw new IllegalArgumentException("transitions row " + i + " must sum to 1, got " + sum + ": " + row);
      }
      double g = gains.get(i);
      if (!(g > 0 && g <= 1)) {
        throw new IllegalArgumentException("gains[" + i + "] must be in (0, 1], got: " + g);
      }
    }
  }

  /**
   * A chain whose state gains come from {@link UrbanPathLoss} (3GPP TR 38.901 UMi street canyon) at
   * one ground distance per state (README choice 1; the values live in semantic-comm's
   * reference.conf, {@code control.model.channel}).
   *
   * @param transitions S x S row-stochastic matrix
   * @param carrierHz carrier frequency
   * @param baseStationHeightM h_BS
   * @param deviceHeightM h_UT
   * @param distancesM ground distance of each state, m
   * @param lineOfSight whether each state is LOS
   */
  public static MarkovChannel fromPathLoss(List<List<Double>> transitions, double carrierHz,
      double baseStationHeightM, double deviceHeightM, List<Double> distancesM, List<Boolean> lineOfSight) {
    if (distancesM.size() != lineOfSight.size()) {
      throw new IllegalArgumentException("distancesM and lineOfSight must have one length, got "
          + distancesM.size() + ", " + lineOfSight.size());
    }
    List<Double> gains = new java.util.ArrayList<>();
    for (int i = 0; i < distancesM.size(); i++) {
      double db = UrbanPathLoss.umiStreetCanyonDb(distancesM.get(i), carrierHz, baseStationHeightM, deviceHeightM,
          lineOfSight.get(i));
      gains.add(Math.pow(10, -db / 10));
    }
    return new MarkovChannel(transitions, gains);
  }

  /** Number of states S. */
  public int states() {
    return gains.size();
  }

  /** The next state drawn from row {@code state}. */
  public int next(int state, SplittableRandom random) {
    double u = random.nextDouble();
    List<Double> row = transitions.get(state);
    for (int j = 0; j < row.size(); j++) {
      u -= row.get(j);
      if (u < 0) {
        return j;
      }
    }
    return row.size() - 1;
  }

  /** The stationary distribution (power iteration, 10,000 steps). */
  public double[] stationary() {
    int s = states();
    double[] p = new double[s];
    Arrays.fill(p, 1.0 / s);
    for (int it = 0; it < 10_000; it++) {
      double[] q = new double[s];
      for (int i = 0; i < s; i++) {
        for (int j = 0; j < s; j++) {
          q[j] += p[i] * transitions.get(i).get(j);
        }
      }
      p = q;
    }
    return p;
  }

  /** A state drawn from the stationary distribution. */
  public int draw(SplittableRandom random) {
    double[] p = stationary();
    double u = random.nextDouble();
    for (int j = 0; j < p.length; j++) {
      u -= p[j];
      if (u < 0) {
        return j;
      }
    }
    return p.length - 1;
  }
}
