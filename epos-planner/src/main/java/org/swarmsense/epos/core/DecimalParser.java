package org.swarmsense.epos.core;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Parses decimal numbers ({@code [+-]digits[.digits][(e|E)[+-]digits]}) straight from bytes, with
 * the same result as {@link Double#parseDouble} (correctly rounded), about ten times faster: the
 * plans of a dataset are millions of 16-17 digit numbers, and parsing them dominated a short
 * {@code swarmsense epos} run. Method: up to 19 significant digits give an exact 64-bit integer w
 * and a power of ten q; w x 10^q is rounded with a 128-bit approximation of 10^q (the Eisel-Lemire
 * algorithm, D. Lemire, "Number Parsing at a Gigabyte per Second", Software: Practice and
 * Experience 51(8), 2021), which either gives the correctly rounded double or reports that it
 * cannot decide; then, as for every other form (more digits, subnormals, overflow, hexadecimal,
 * "NaN", "Infinity", ...), {@link Double#parseDouble} decides. Stateless and thread-safe.
 */
final class DecimalParser {

  private static final int MIN_EXP10 = -348;
  private static final int MAX_EXP10 = 347;
  /**
   * Rounded-down 128-bit mantissas of 10^q, q = MIN_EXP10..MAX_EXP10, as {high, low}; each
   * computed on first use (a dataset uses a few dozen exponents; building all 696 with BigInteger
   * took 50-120 ms of a short run).
   */
  private static final java.util.concurrent.atomic.AtomicReferenceArray<long[]> POW10 =
      new java.util.concurrent.atomic.AtomicReferenceArray<>(MAX_EXP10 - MIN_EXP10 + 1);

  private DecimalParser() {}

  private static long[] pow10(int q) {
    long[] e = POW10.get(q - MIN_EXP10);
    if (e == null) {
      e = mantissa(q);
      POW10.set(q - MIN_EXP10, e);
    }
    return e;
  }

  /** floor of 10^q scaled by a power of two to exactly 128 bits, as {high, low}. */
  static long[] mantissa(int q) {
    BigInteger m;
    if (q >= 0) {
      BigInteger p = BigInteger.TEN.pow(q);
      int shift = p.bitLength() - 128;
      m = shift > 0 ? p.shiftRight(shift) : p.shiftLeft(-shift);
    } else {
      BigInteger p = BigInteger.TEN.pow(-q);
      // 2^(L-1) <= 10^-q < 2^L, so floor(2^(L+127) / 10^-q) lies in [2^127, 2^128)
      m = BigInteger.ONE.shiftLeft(p.bitLength() + 127).divide(p);
    }
    return new long[] {m.shiftRight(64).longValue(), m.longValue()};
  }

  /**
   * The number in {@code b[from, to)} (no surrounding blanks), or throws NumberFormatException as
   * {@link Double#parseDouble} would.
   */
  static double parse(byte[] b, int from, int to) {
    int i = from;
    boolean neg = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      neg = b[i] == '-';
      i++;
    }
    long w = 0;
    int digits = 0; // significant digits taken into w
    int exp10 = 0;
    boolean anyDigit = false;
    int start = i;
    while (i < to && b[i] >= '0' && b[i] <= '9') {
      anyDigit = true;
      if (w != 0 || b[i] != '0') {
        if (digits >= 19) {
          return slow(b, from, to);
        }
        w = 10 * w + (b[i] - '0');
        digits++;
      }
      i++;
    }
    if (i < to && b[i] == '.') {
      i++;
      while (i < to && b[i] >= '0' && b[i] <= '9') {
        anyDigit = true;
        if (w != 0 || b[i] != '0') {
          if (digits >= 19) {
            return slow(b, from, to);
          }
          w = 10 * w + (b[i] - '0');
          digits++;
        }
        exp10--;
        i++;
      }
    }
    if (!anyDigit || i == start) {
      return slow(b, from, to);
    }
    if (i < to && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      boolean eneg = false;
      if (i < to && (b[i] == '-' || b[i] == '+')) {
        eneg = b[i] == '-';
        i++;
      }
      if (i == to) {
        return slow(b, from, to);
      }
      int e = 0;
      while (i < to && b[i] >= '0' && b[i] <= '9') {
        if (e < 100_000) {
          e = 10 * e + (b[i] - '0');
        }
        i++;
      }
      exp10 += eneg ? -e : e;
    }
    if (i != to) {
      return slow(b, from, to); // suffixes like 'd', 'f', or anything else: let the JDK decide
    }
    if (w == 0) {
      return neg ? -0.0 : 0.0;
    }
    double v = eiselLemire(w, exp10, neg);
    return Double.isNaN(v) ? slow(b, from, to) : v;
  }

  private static double slow(byte[] b, int from, int to) {
    return Double.parseDouble(new String(b, from, to - from, StandardCharsets.UTF_8));
  }

  /** w x 10^exp10 correctly rounded, or NaN when this method cannot decide. w != 0. */
  static double eiselLemire(long w, int exp10, boolean neg) {
    if (exp10 < MIN_EXP10 || exp10 > MAX_EXP10) {
      return Double.NaN;
    }
    int clz = Long.numberOfLeadingZeros(w);
    long man = w << clz;
    long retExp2 = ((217706L * exp10) >> 16) + 64 + 1023 - clz;
    long[] pow = pow10(exp10);
    long powHi = pow[0];
    long powLo = pow[1];
    long xHi = unsignedMultiplyHigh(man, powHi);
    long xLo = man * powHi;
    if ((xHi & 0x1FF) == 0x1FF && Long.compareUnsigned(xLo + man, man) < 0) {
      long yHi = unsignedMultiplyHigh(man, powLo);
      long yLo = man * powLo;
      long mergedHi = xHi;
      long mergedLo = xLo + yHi;
      if (Long.compareUnsigned(mergedLo, xLo) < 0) {
        mergedHi++;
      }
      if ((mergedHi & 0x1FF) == 0x1FF && mergedLo + 1 == 0
          && Long.compareUnsigned(yLo + man, man) < 0) {
        return Double.NaN;
      }
      xHi = mergedHi;
      xLo = mergedLo;
    }
    long msb = xHi >>> 63;
    long mantissa = xHi >>> (msb + 9);
    retExp2 -= 1 ^ msb;
    if (xLo == 0 && (xHi & 0x1FF) == 0 && (mantissa & 3) == 1) {
      return Double.NaN; // exactly half-way: cannot tell
    }
    mantissa += mantissa & 1;
    mantissa >>>= 1;
    if ((mantissa >>> 53) > 0) {
      mantissa >>>= 1;
      retExp2 += 1;
    }
    if (retExp2 - 1 < 0 || retExp2 - 1 >= 0x7FF - 1) {
      return Double.NaN; // subnormal, zero or infinite: the JDK decides
    }
    long bits = retExp2 << 52 | (mantissa & 0x000FFFFFFFFFFFFFL);
    if (neg) {
      bits |= 0x8000000000000000L;
    }
    return Double.longBitsToDouble(bits);
  }

  private static long unsignedMultiplyHigh(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }
}
