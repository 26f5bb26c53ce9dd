package org.swarmsense.semantic.codec;

/**
 * Adaptive binary probabilities of one packet's contexts (every packet starts from the same fresh
 * model, so it decodes on its own). A context's probability of a 0 is a 16-bit fixed-point number
 * that moves toward each coded bit by 1/(n+2) after n observations, down to 1/40: fast learning at
 * the start of a packet, stable estimates later. Optional undo log so the encoder can take back the
 * last macroblock when a packet overflows. Not thread-safe: one per packet coder.
 */
final class AdaptiveModel {

  private static final int ONE = 1 << 16;
  private static final int MIN_P = 48;
  private static final int MAX_P = ONE - 48;
  private static final int RATE_STEPS = 39;
  private static final int[] RECIPROCAL = new int[RATE_STEPS];

  static {
    for (int c = 0; c < RATE_STEPS; c++) {
      RECIPROCAL[c] = (int) Math.round(65536.0 / (c + 2));
    }
  }

  private final int[] probabilityOfZero;
  private final int[] count;
  private int[] undo = new int[0];
  private int undoSize = -1;

  AdaptiveModel(int contexts) {
    probabilityOfZero = new int[contexts];
    count = new int[contexts];
    reset();
  }

  void reset() {
    java.util.Arrays.fill(probabilityOfZero, ONE / 2);
    java.util.Arrays.fill(count, 0);
    undoSize = -1;
  }

  int probability(int ctx) {
    return probabilityOfZero[ctx];
  }

  void update(int ctx, int bit) {
    int p = probabilityOfZero[ctx];
    int n = count[ctx];
    if (undoSize >= 0) {
      if (undoSize + 3 > undo.length) {
        undo = java.util.Arrays.copyOf(undo, Math.max(1024, undo.length * 2));
      }
      undo[undoSize++] = ctx;
      undo[undoSize++] = p;
      undo[undoSize++] = n;
    }
    int target = bit == 0 ? ONE : 0;
    p += (int) (((long) (target - p) * RECIPROCAL[n]) >> 16);
    probabilityOfZero[ctx] = Math.max(MIN_P, Math.min(MAX_P, p));
    if (n < RATE_STEPS - 1) {
      count[ctx] = n + 1;
    }
  }

  /** Starts recording updates so that {@link #rollback} can take them back. */
  void mark() {
    undoSize = 0;
  }

  /** Takes back every update since {@link #mark}. */
  void rollback() {
    for (int i = undoSize - 3; i >= 0; i -= 3) {
      probabilityOfZero[undo[i]] = undo[i + 1];
      count[undo[i]] = undo[i + 2];
    }
    undoSize = 0;
  }
}
