package org.swarmsense.semantic.codec;

/**
 * Binary arithmetic (range) encoder, 32-bit range with carry propagation through a cached byte
 * (the scheme of LZMA's range coder), probabilities from an {@link AdaptiveModel}. The first output
 * byte of this scheme is always 0 and is not written. Supports a snapshot of its state so a packet
 * builder can take back the last macroblock. Not thread-safe.
 */
final class RangeEncoder {

  private final byte[] out;
  private final AdaptiveModel model;
  /** The model's state array (never replaced), read and written once per decision. */
  private final int[] state;
  /** Whether the model's undo log is on (between {@link #mark} and {@link #unmark}). */
  private boolean logging;
  private long low;
  private int range;
  private int cache;
  private long cacheSize;
  private int pos;
  private boolean skipFirst;
  private final long[] snapshot = new long[6];

  RangeEncoder(int capacity, AdaptiveModel model) {
    this.out = new byte[capacity];
    this.model = model;
    this.state = model.state;
    reset();
  }

  void reset() {
    low = 0;
    range = -1;
    cache = 0;
    cacheSize = 1;
    pos = 0;
    skipFirst = true;
    logging = false;
  }

  void encode(int ctx, int bit) {
    int[] state = this.state;
    int s = state[ctx];
    if (logging) {
      model.log(ctx);
    }
    int bound = (range >>> 16) * AdaptiveModel.probability(s);
    // Branch-free: a 0 keeps [low, low + bound), a 1 the rest.
    int one = -bit;
    low += bound & 0xFFFFFFFFL & one;
    range = (bound & ~one) | ((range - bound) & one);
    state[ctx] = AdaptiveModel.next(s, bit);
    while ((range & 0xFF000000) == 0) {
      range <<= 8;
      shiftLow();
    }
  }

  private void shiftLow() {
    if (low < 0xFF000000L || low > 0xFFFFFFFFL) {
      int carry = (int) (low >>> 32);
      int temp = cache;
      do {
        emit((temp + carry) & 0xFF);
        temp = 0xFF;
      } while (--cacheSize != 0);
      cache = (int) (low >>> 24) & 0xFF;
    }
    cacheSize++;
    low = (low & 0x00FFFFFFL) << 8;
  }

  private void emit(int b) {
    if (skipFirst) {
      skipFirst = false;
      return;
    }
    if (pos < out.length) {
      out[pos] = (byte) b;
    }
    pos++;
  }

  /** Upper bound of the size {@link #finish} would produce now, bytes. */
  int sizeBound() {
    return (int) (pos + cacheSize + 4);
  }

  /** Snapshots the coder and starts the model's undo log, so that {@link #rollback} can return here. */
  void mark() {
    snapshot[0] = low;
    snapshot[1] = range;
    snapshot[2] = cache;
    snapshot[3] = cacheSize;
    snapshot[4] = pos;
    snapshot[5] = skipFirst ? 1 : 0;
    model.mark();
    logging = true;
  }

  /** Stops the model's undo log: no {@link #rollback} until the next {@link #mark}. */
  void unmark() {
    model.unmark();
    logging = false;
  }

  /** Returns to the last {@link #mark}, model included. */
  void rollback() {
    low = snapshot[0];
    range = (int) snapshot[1];
    cache = (int) snapshot[2];
    cacheSize = snapshot[3];
    pos = (int) snapshot[4];
    skipFirst = snapshot[5] == 1;
    model.rollback();
  }

  /** Flushes and copies the coded bytes (trailing zeros dropped: the decoder reads zeros past the end). */
  int finish(byte[] dest, int offset) {
    for (int i = 0; i < 5; i++) {
      shiftLow();
    }
    int n = Math.min(pos, out.length);
    while (n > 0 && out[n - 1] == 0) {
      n--;
    }
    System.arraycopy(out, 0, dest, offset, n);
    return n;
  }
}
