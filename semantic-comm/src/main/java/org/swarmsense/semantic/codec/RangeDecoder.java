package org.swarmsense.semantic.codec;

/**
 * Decoder of {@link RangeEncoder}'s output. Reads zeros past the end of its input and counts how far
 * past it went, so a malformed payload ends in a bounded amount of garbage, never an exception.
 * Not thread-safe.
 */
final class RangeDecoder {

  private final AdaptiveModel model;
  private byte[] in;
  private int pos;
  private int end;
  private int range;
  private int code;

  RangeDecoder(AdaptiveModel model) {
    this.model = model;
  }

  void start(byte[] input, int offset, int length) {
    in = input;
    pos = offset;
    end = offset + length;
    range = -1;
    code = 0;
    for (int i = 0; i < 4; i++) {
      code = (code << 8) | next();
    }
  }

  private int next() {
    int b = pos < end ? in[pos] & 0xFF : 0;
    pos++;
    return b;
  }

  int decode(int ctx) {
    int[] state = model.state;
    int s = state[ctx];
    int bound = (range >>> 16) * AdaptiveModel.probability(s);
    // Branch-free: bit 1 when code >= bound (unsigned); a 1 moves code and range past the 0 part.
    int bit = Integer.compareUnsigned(code, bound) >= 0 ? 1 : 0;
    int one = -bit;
    code -= bound & one;
    range = (bound & ~one) | ((range - bound) & one);
    state[ctx] = AdaptiveModel.next(s, bit);
    while ((range & 0xFF000000) == 0) {
      range <<= 8;
      code = (code << 8) | next();
    }
    return bit;
  }

  /** Bytes read past the end of the input. */
  int overrun() {
    return Math.max(0, pos - end);
  }
}
