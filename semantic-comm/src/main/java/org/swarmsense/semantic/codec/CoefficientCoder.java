package org.swarmsense.semantic.codec;

/**
 * Context modelling of quantised coefficients for one packet (a range of ranking positions over a
 * run of blocks), in the manner of JPEG's arithmetic coding (T.81 annex F): per block, an
 * end-of-block decision before each non-zero run, zero/non-zero flags, a sign, and the magnitude as
 * "greater than 1", "greater than 2", then an adaptive Exp-Golomb code. Contexts are split by luma
 * or chroma and by zig-zag frequency; DC is coded as a difference to the previous block of the same
 * component inside the packet. Encoder and decoder share this class so the two sides cannot drift.
 * Not thread-safe: one per encoder or decoder.
 */
final class CoefficientCoder {

  /** Largest quantised magnitude a well-formed stream carries (8-bit samples, divisor >= 1). */
  static final int MAX_MAGNITUDE = 4095;

  private static final int EOB = 0;
  private static final int ZERO = 128;
  private static final int SIGN = 256;
  private static final int GT1 = 258;
  private static final int GT2 = 274;
  private static final int CAT = 290;
  private static final int MANT = 354;
  private static final int DC_ZERO = 418;
  private static final int DC_SIGN = 424;
  private static final int DC_GT1 = 430;
  private static final int DC_GT2 = 436;
  private static final int CONTEXTS = 442;
  private static final int MAX_CATEGORY = 15;
  private static final int[] BUCKET = new int[64];

  static {
    int[] ends = {1, 3, 6, 10, 15, 21, 36, 64};
    int b = 0;
    for (int k = 0; k < 64; k++) {
      if (k >= ends[b]) {
        b++;
      }
      BUCKET[k] = b;
    }
  }

  final AdaptiveModel model = new AdaptiveModel(CONTEXTS);
  private final int[] acBands = new int[64];
  private final int[] acRanks = new int[64];
  private long acRankBits;
  private int acCount;
  private boolean hasDc;
  final int[] dcPredictor = new int[3];
  final int[] dcPreviousClass = new int[3];

  /** Sets the packet's band range (ranking positions r0 inclusive to r1 exclusive) and resets the model. */
  void startPacket(BandOrder order, int r0, int r1) {
    acCount = 0;
    acRankBits = 0;
    hasDc = false;
    for (int r = r0; r < r1; r++) {
      int zz = order.bandAt(r);
      if (zz == 0) {
        hasDc = true;
      } else {
        acRanks[acCount] = r;
        acBands[acCount++] = zz;
        acRankBits |= 1L << r;
      }
    }
    model.reset();
    java.util.Arrays.fill(dcPredictor, 0);
    java.util.Arrays.fill(dcPreviousClass, 0);
  }

  private static int diffClass(int absDiff) {
    return absDiff == 0 ? 0 : absDiff <= 2 ? 1 : 2;
  }

  /**
   * Codes one block's coefficients of the packet's range; {@code rankMask} has bit r set
   * when the coefficient at ranking position r is not zero, which finds the end of block and the zero runs without reading zeros.
   */
  void encodeBlock(RangeEncoder enc, short[] coef, int base, int comp, long rankMask) {
    // Most blocks have nothing in the later groups: one end-of-block decision, kept small to inline.
    if (!hasDc && (rankMask & acRankBits) == 0) {
      enc.encode(EOB + (comp == 0 ? 0 : 64) + acBands[0], 1);
      return;
    }
    encodeNonEmptyBlock(enc, coef, base, comp, rankMask);
  }

  private void encodeNonEmptyBlock(RangeEncoder enc, short[] coef, int base, int comp, long rankMask) {
    int cc = comp == 0 ? 0 : 1;
    if (hasDc) {
      int diff = coef[base] - dcPredictor[comp];
      dcPredictor[comp] = coef[base];
      int pc = cc * 3 + dcPreviousClass[comp];
      if (diff == 0) {
        enc.encode(DC_ZERO + pc, 0);
      } else {
        enc.encode(DC_ZERO + pc, 1);
        enc.encode(DC_SIGN + pc, diff < 0 ? 1 : 0);
        encodeMagnitude(enc, Math.abs(diff), DC_GT1 + pc, DC_GT2 + pc, (cc * 2 + 1) * 16);
      }
      dcPreviousClass[comp] = diffClass(Math.abs(diff));
    }
    if (acCount == 0) {
      return;
    }
    long nonZero = rankMask & acRankBits;
    int ctxBase = cc * 64;
    int k = 0;
    while (k < acCount) {
      long rest = nonZero & (-1L << acRanks[k]);
      if (rest == 0) {
        enc.encode(EOB + ctxBase + acBands[k], 1);
        break;
      }
      enc.encode(EOB + ctxBase + acBands[k], 0);
      int nextRank = Long.numberOfTrailingZeros(rest);
      while (acRanks[k] != nextRank) {
        enc.encode(ZERO + ctxBase + acBands[k], 0);
        k++;
      }
      int v = coef[base + acBands[k]];
      enc.encode(ZERO + ctxBase + acBands[k], 1);
      enc.encode(SIGN + cc, v < 0 ? 1 : 0);
      int bucket = cc * 8 + BUCKET[acBands[k]];
      encodeMagnitude(enc, Math.abs(v), GT1 + bucket, GT2 + bucket, cc * 2 * 16);
      k++;
    }
  }

  private static void encodeMagnitude(RangeEncoder enc, int m, int gt1, int gt2, int catOffset) {
    if (m == 1) {
      enc.encode(gt1, 0);
      return;
    }
    enc.encode(gt1, 1);
    if (m == 2) {
      enc.encode(gt2, 0);
      return;
    }
    enc.encode(gt2, 1);
    int v = m - 2;
    int e = 31 - Integer.numberOfLeadingZeros(v);
    for (int j = 0; j < e; j++) {
      enc.encode(CAT + catOffset + j, 1);
    }
    if (e < MAX_CATEGORY) {
      enc.encode(CAT + catOffset + e, 0);
    }
    for (int b = e - 1; b >= 0; b--) {
      enc.encode(MANT + catOffset + e, (v >>> b) & 1);
    }
  }

  /**
   * Decodes one block's coefficients of the packet's range into {@code coef} (other bands are left
   * alone). Returns false if the data cannot be a well-formed stream (no exception).
   */
  boolean decodeBlock(RangeDecoder dec, short[] coef, int base, int comp) {
    int cc = comp == 0 ? 0 : 1;
    if (hasDc) {
      int pc = cc * 3 + dcPreviousClass[comp];
      int diff = 0;
      if (dec.decode(DC_ZERO + pc) == 1) {
        boolean negative = dec.decode(DC_SIGN + pc) == 1;
        int m = decodeMagnitude(dec, DC_GT1 + pc, DC_GT2 + pc, (cc * 2 + 1) * 16);
        diff = negative ? -m : m;
      }
      int dc = dcPredictor[comp] + diff;
      if (Math.abs(dc) > MAX_MAGNITUDE) {
        return false;
      }
      dcPredictor[comp] = dc;
      dcPreviousClass[comp] = diffClass(Math.abs(diff));
      coef[base] = (short) dc;
    }
    for (int k = 0; k < acCount; k++) {
      coef[base + acBands[k]] = 0;
    }
    int ctxBase = cc * 64;
    int k = 0;
    while (k < acCount) {
      if (dec.decode(EOB + ctxBase + acBands[k]) == 1) {
        break;
      }
      while (dec.decode(ZERO + ctxBase + acBands[k]) == 0) {
        k++;
        if (k >= acCount) {
          return false;
        }
      }
      boolean negative = dec.decode(SIGN + cc) == 1;
      int bucket = cc * 8 + BUCKET[acBands[k]];
      int m = decodeMagnitude(dec, GT1 + bucket, GT2 + bucket, cc * 2 * 16);
      if (m > MAX_MAGNITUDE) {
        return false;
      }
      coef[base + acBands[k]] = (short) (negative ? -m : m);
      k++;
    }
    return true;
  }

  private static int decodeMagnitude(RangeDecoder dec, int gt1, int gt2, int catOffset) {
    if (dec.decode(gt1) == 0) {
      return 1;
    }
    if (dec.decode(gt2) == 0) {
      return 2;
    }
    int e = 0;
    while (e < MAX_CATEGORY && dec.decode(CAT + catOffset + e) == 1) {
      e++;
    }
    int v = 1;
    for (int b = 0; b < e; b++) {
      v = (v << 1) | dec.decode(MANT + catOffset + e);
    }
    return v + 2;
  }
}
