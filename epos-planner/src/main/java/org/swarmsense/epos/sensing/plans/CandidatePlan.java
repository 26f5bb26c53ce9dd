package org.swarmsense.epos.sensing.plans;

import java.util.List;

/**
 * One feasible day of one drone: the sparse plan vector (hover seconds per (cell, slot), flat index
 * {@code cell * slots + slot}), the energy it uses, its sorties (routes and hover stops, for maps)
 * and its local cost (energy / battery capacity). Immutable (arrays copied) and thread-safe.
 *
 * @param drone drone index
 * @param index the plan's position k in the drone's list
 * @param base the drone's base index
 * @param indices nonzero entries of the plan vector, increasing
 * @param hoverS hover seconds at those entries
 * @param energyJ energy used over the day, J
 * @param cost local cost: energyJ / battery capacity (battery equivalents)
 * @param sorties the flights of the day
 */
public record CandidatePlan(
    int drone,
    int index,
    int base,
    int[] indices,
    double[] hoverS,
    double energyJ,
    double cost,
    List<Sortie> sorties) {

  /** A hover stop: cell index, position (m), start time (s from window start) and duration, s. */
  public record Stop(int cell, double xM, double yM, double startS, double durationS) {}

  /**
   * One flight from the base and back: the routed path ({x, y} metres), the stops, take-off time
   * and the energy used, J. An {@code airborne} sortie is the rest of a flight already in the air
   * (a re-planned plan's first sortie): its path starts at its first stop, not at the base, there
   * is no take-off, and {@code energyJ} is what is still to be flown from that stop on.
   */
  public record Sortie(List<double[]> path, List<Stop> stops, double takeOffS, double energyJ,
      boolean airborne) {
    public Sortie {
      path = List.copyOf(path);
      stops = List.copyOf(stops);
    }

    /** A sortie that takes off from its base at {@code takeOffS}. */
    public Sortie(List<double[]> path, List<Stop> stops, double takeOffS, double energyJ) {
      this(path, stops, takeOffS, energyJ, false);
    }
  }

  public CandidatePlan {
    indices = indices.clone();
    hoverS = hoverS.clone();
    sorties = List.copyOf(sorties);
    if (indices.length != hoverS.length) {
      throw new IllegalArgumentException("indices and hoverS differ in length");
    }
    for (int i = 1; i < indices.length; i++) {
      if (indices[i] <= indices[i - 1]) {
        throw new IllegalArgumentException("indices must be strictly increasing at " + i);
      }
    }
    if (!(energyJ >= 0) || !(cost >= 0)) {
      throw new IllegalArgumentException("energyJ and cost must be >= 0, got " + energyJ + ", "
          + cost);
    }
  }

  /** Number of flights (sorties). */
  public int flights() {
    return sorties.size();
  }

  /** Total hover seconds. */
  public double totalHoverS() {
    double s = 0;
    for (double h : hoverS) {
      s += h;
    }
    return s;
  }

  @Override
  public int[] indices() {
    return indices.clone();
  }

  @Override
  public double[] hoverS() {
    return hoverS.clone();
  }

  /** The dense plan vector of dimension {@code d}. */
  public double[] dense(int d) {
    double[] v = new double[d];
    for (int i = 0; i < indices.length; i++) {
      v[indices[i]] = hoverS[i];
    }
    return v;
  }

  /** Adds {@code sign} x this plan to {@code aggregate}. */
  public void addTo(double[] aggregate, double sign) {
    for (int i = 0; i < indices.length; i++) {
      aggregate[indices[i]] += sign * hoverS[i];
    }
  }

  /** Entry count of the sparse vector. */
  public int nonZeros() {
    return indices.length;
  }

  /** Flat index of the i-th nonzero entry. */
  public int indexAt(int i) {
    return indices[i];
  }

  /** Value of the i-th nonzero entry, s. */
  public double hoverAt(int i) {
    return hoverS[i];
  }
}
