package org.swarmsense.epos.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** DecimalParser gives exactly Double.parseDouble's double (bit for bit) on every input form. */
class DecimalParserTest {

  private static void same(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    double expected = Double.parseDouble(s);
    double got = DecimalParser.parse(b, 0, b.length);
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(got),
        () -> "'" + s + "': expected " + expected + ", got " + got);
  }

  @Test
  void randomDoublesInEveryNotation() {
    long seed = 20261201L;
    System.out.println("DecimalParserTest seed " + seed);
    Random rng = new Random(seed);
    for (int i = 0; i < 100_000; i++) {
      double v = switch (i % 4) {
        case 0 -> rng.nextGaussian();
        case 1 -> Double.longBitsToDouble(rng.nextLong());
        case 2 -> rng.nextDouble() * Math.pow(10, rng.nextInt(40) - 20);
        default -> (rng.nextInt(2_000_001) - 1_000_000) / Math.pow(10, rng.nextInt(8));
      };
      if (!Double.isFinite(v)) {
        continue;
      }
      same(Double.toString(v));
      same(String.format(Locale.ROOT, "%.17g", v));
      same(String.format(Locale.ROOT, "%.6f", v));
      same(new BigDecimal(v).round(new java.math.MathContext(1 + rng.nextInt(19))).toString());
    }
  }

  @Test
  void everyPowerOfTenMantissaIsNormalised() {
    for (int q = -348; q <= 347; q++) {
      assertEquals(true, DecimalParser.mantissa(q)[0] < 0, "10^" + q + ": top bit set");
    }
    assertEquals(0x8000000000000000L, DecimalParser.mantissa(0)[0], "10^0 = 1 = 2^127 / 2^127");
    assertEquals(0xA000000000000000L, DecimalParser.mantissa(1)[0], "10 = 1010b");
  }

  @Test
  void edgeCases() {
    for (String s : new String[] {"0", "-0", "+0.0", "0.000", "1", "-1", "1e23", "8.41e21",
        "9007199254740993", "9007199254740992", "9007199254740991", "4.9e-324", "2.5e-324",
        "2.2250738585072011e-308", "2.2250738585072014e-308", "1.7976931348623157e308",
        "1.7976931348623158e308", "1e309", "-1e400", "1e-400", "123456789012345678901234567890",
        "0.1", "0.30000000000000004", "5e-1", "1E5", "1e+5", ".5", "5.", "-.5e-3",
        "7.2057594037927933e16", "1.00000000000000011102230246251565404236316680908203125",
        "1.00000000000000011102230246251565404236316680908203124", "NaN", "-Infinity", "1d",
        "0x1p3", "3f"}) {
      same(s);
    }
  }

  @Test
  void badNumbersThrowAsTheJdkDoes() {
    for (String s : new String[] {"", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "1,5", "abc",
        "--1", "1 2"}) {
      byte[] b = s.getBytes(StandardCharsets.US_ASCII);
      assertThrows(NumberFormatException.class, () -> Double.parseDouble(s), s);
      assertThrows(NumberFormatException.class, () -> DecimalParser.parse(b, 0, b.length), s);
    }
  }
}
