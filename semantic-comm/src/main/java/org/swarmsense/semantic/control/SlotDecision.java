package org.swarmsense.semantic.control;

import java.util.Arrays;

/**
 * What a controller decides for one slot: every device's sampling level k (1..K, rate k/K) and
 * whether its tasks run at the edge (o_n = 0 in the paper) or on the device (o_n = 1). The edge CPU
 * split follows from it in closed form ({@link EdgeSplit}). Immutable and thread-safe.
 */
public final class SlotDecision {

  private final int[] levels;
  private final boolean[] atEdge;

  /**
   * @param levels sampling level of each device, >= 1 (the model checks <= K)
   * @param atEdge true where the device offloads to the edge
   */
  public SlotDecision(int[] levels, boolean[] atEdge) {
    if (levels.length != atEdge.length) {
      throw new IllegalArgumentException("levels and atEdge must have one length, got " + levels.length + ", "
          + atEdge.length);
    }
    for (int i = 0; i < levels.length; i++) {
      if (levels[i] < 1) {
        throw new IllegalArgumentException("levels[" + i + "] must be >= 1, got: " + levels[i]);
      }
    }
    this.levels = levels.clone();
    this.atEdge = atEdge.clone();
  }

  /** Every device at {@code level}, all at the edge or all local. */
  public static SlotDecision uniform(int devices, int level, boolean atEdge) {
    int[] l = new int[devices];
    boolean[] e = new boolean[devices];
    Arrays.fill(l, level);
    Arrays.fill(e, atEdge);
    return new SlotDecision(l, e);
  }

  /** This decision with device {@code n} changed. */
  public SlotDecision with(int n, int level, boolean edge) {
    int[] l = levels.clone();
    boolean[] e = atEdge.clone();
    l[n] = level;
    e[n] = edge;
    return new SlotDecision(l, e);
  }

  public int deviceCount() {
    return levels.length;
  }

  public int level(int device) {
    return levels[device];
  }

  public boolean atEdge(int device) {
    return atEdge[device];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SlotDecision d && Arrays.equals(levels, d.levels) && Arrays.equals(atEdge, d.atEdge);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(levels) + Arrays.hashCode(atEdge);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("SlotDecision[");
    for (int i = 0; i < levels.length; i++) {
      b.append(i == 0 ? "" : " ").append(levels[i]).append(atEdge[i] ? 'E' : 'L');
    }
    return b.append(']').toString();
  }
}
