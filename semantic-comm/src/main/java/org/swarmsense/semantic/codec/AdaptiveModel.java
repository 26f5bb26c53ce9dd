package org.swarmsense.semantic.codec;

/**
 * Adaptive binary probabilities of one packet's contexts (every packet starts from the same fresh
 * model, so it decodes on its own). A context's probability of a 0 is a 16-bit fixed-point number
 * that moves toward each coded bit by 1/(n+2) after n observations, down to 1/40: fast learning at
 * the start of a packet, stable estimates later. The update has no division: 1/(n+2) comes from a
 * table of 16-bit reciprocals, and probability and count share one int per context
 * ({@code p << 6 | n}) so that the coders read and write one array element per bit.
 *
 * <p>Optional undo log so the encoder can take back the last macroblock when a packet overflows; the
 * encoder turns it on only near the end of a packet ({@link #mark}), where an overflow can happen.
 * Not thread-safe: one per packet coder.
 */
final class AdaptiveModel {

  /** Fixed-point one of the probabilities. */
  static final int ONE = 1 << 16;
  private static final int MIN_P = 48;
  private static final int MAX_P = ONE - 48;
  private static final int RATE_STEPS = 39;
  /** Bits of the count in a packed state. */
  static final int COUNT_BITS = 6;
  private static final int COUNT_MASK = (1 << COUNT_BITS) - 1;
  private static final int[] RECIPROCAL = new int[RATE_STEPS];
  private static final int FRESH = (ONE / 2) << COUNT_BITS;

  static {
    for (int c = 0; c < RATE_STEPS; c++) {
      RECIPROCAL[c] = (int) Math.round(65536.0 / (c + 2));
    }
  }

  /** Per context: probability of a 0 (16-bit fixed point) shifted left by {@link #COUNT_BITS}, or the count. */
  final int[] state;
  private int[] undo = new int[1024];
  private int undoSize = -1;

  AdaptiveModel(int contexts) {
    state = new int[contexts];
    reset();
  }

  void reset() {
    java.util.Arrays.fill(state, FRESH);
    undoSize = -1;
  }

  /** Probability of a 0 in a packed state. */
  static int probability(int s) {
    return s >>> COUNT_BITS;
  }

  /**
   * The state after coding {@code bit} in state {@code s}: the probability moves toward the bit by
   * 1/(n+2) (products fit an int: |target - p| <= 65,488 and the reciprocal <= 32,768), clamped to
   * [48, 65,488]; the count grows up to 38.
   */
  static int next(int s, int bit) {
    int p = s >>> COUNT_BITS;
    int n = s & COUNT_MASK;
    // Branch-free (bits are unpredictable): target ONE for a 0, 0 for a 1.
    int target = ONE & (bit - 1);
    p += ((target - p) * RECIPROCAL[n]) >> 16;
    p = Math.max(MIN_P, Math.min(MAX_P, p));
    return (p << COUNT_BITS) | (n + ((n - (RATE_STEPS - 1)) >>> 31));
  }

  /** True while updates are being recorded for {@link #rollback}. */
  boolean logging() {
    return undoSize >= 0;
  }

  /** Records the state of {@code ctx} before an update (only while {@link #logging}). */
  void log(int ctx) {
    if (undoSize + 2 > undo.length) {
      undo = java.util.Arrays.copyOf(undo, undo.length * 2);
    }
    undo[undoSize++] = ctx;
    undo[undoSize++] = state[ctx];
  }

  /** Starts recording updates so that {@link #rollback} can take them back. */
  void mark() {
    undoSize = 0;
  }

  /** Stops recording (the updates since the last {@link #mark} can no longer be taken back). */
  void unmark() {
    undoSize = -1;
  }

  /** Takes back every update since {@link #mark}. */
  void rollback() {
    for (int i = undoSize - 2; i >= 0; i -= 2) {
      state[undo[i]] = undo[i + 1];
    }
    undoSize = 0;
  }
}
