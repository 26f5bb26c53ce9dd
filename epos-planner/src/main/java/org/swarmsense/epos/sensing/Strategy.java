package org.swarmsense.epos.sensing;

import java.util.List;

/**
 * How a mission's plans are selected: {@link #I_EPOS} (collective learning) and the four simpler
 * strategies it is compared with, in report order. {@link #label()} is the name reports, the HTTP
 * API and the dashboard show (e.g. {@code I-EPOS}, {@code even-coverage}).
 */
public enum Strategy {
  /** Decentralized collective learning (I-EPOS). */
  I_EPOS("I-EPOS"),
  /** A uniformly random plan per drone (seeded). */
  RANDOM("random"),
  /** Uncoordinated: each drone alone matches its share of the goal. */
  GREEDY("greedy"),
  /** Static even coverage of a flat goal with the same total. */
  EVEN_COVERAGE("even-coverage"),
  /** Centralised best-response local search. */
  LOCAL_SEARCH("local-search");

  /**
   * The "uncoordinated baselines" I-EPOS is compared with: random and greedy, in which no drone's choice
   * depends on another's, and even coverage, the spec's static sweep, which uses no demand but is planned
   * centrally (in drone order, each drone's plan fills what the drones before it left of a flat goal;
   * agents README, "COVER", on what that means under a cost that saturates). The local search is
   * coordination.
   */
  public static final List<Strategy> UNCOORDINATED = List.of(RANDOM, GREEDY, EVEN_COVERAGE);

  private final String label;

  Strategy(String label) {
    this.label = label;
  }

  /** The name shown in reports and over the API. */
  public String label() {
    return label;
  }

  @Override
  public String toString() {
    return label;
  }
}
