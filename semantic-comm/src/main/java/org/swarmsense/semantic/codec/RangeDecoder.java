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
    int bound = (range >>> 16) * model.probability(ctx);
    int bit;
    if (Integer.compareUnsigned(code, bound) < 0) {
      range = bound;
      bit = 0;
    } else {
      code -= bound;
      range -= bound;
      bit = 1;
    }
    model.update(ctx, bit);
    while (Integer.compareUnsigned(range, 1 << 24) < 0) {
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
