package org.swarmsense.epos.core;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The fast path of {@link Dataset#readPlans}: one ASCII {@code .plans} file parsed from its bytes,
 * without a String per line or per value ({@link DecimalParser} for the numbers). Same rules and
 * error messages as the text path: lines end at LF, CRLF or CR, blank lines are skipped, only the
 * first K plans are read, and every value must be a finite number. Stateless and thread-safe.
 */
final class PlanBytes {

  private PlanBytes() {}

  static AgentPlans parse(Path file, int agentId, int maxPlans, byte[] b) {
    double[] costs = new double[maxPlans];
    double[] values = null;
    int d = -1;
    int count = 0;
    int lineNo = 0;
    int pos = 0;
    int n = b.length;
    while (pos < n && count < maxPlans) {
      int end = pos;
      while (end < n && b[end] != '\n' && b[end] != '\r') {
        end++;
      }
      int next = end < n && b[end] == '\r' && end + 1 < n && b[end + 1] == '\n' ? end + 2 : end + 1;
      lineNo++;
      int from = pos;
      int to = end;
      pos = next;
      while (from < to && blank(b[from])) {
        from++;
      }
      while (to > from && blank(b[to - 1])) {
        to--;
      }
      if (from == to) {
        continue;
      }
      int colon = from;
      while (colon < to && b[colon] != ':') {
        colon++;
      }
      if (colon == to) {
        throw new IllegalArgumentException(
            file + ":" + lineNo + ": expected <cost>:<v1>,...,<vd>, no ':' found");
      }
      double cost = number(file, lineNo, "cost", b, from, colon);
      if (d < 0) {
        d = 1;
        for (int i = colon + 1; i < to; i++) {
          if (b[i] == ',') {
            d++;
          }
        }
        values = new double[maxPlans * d];
      }
      int j = 0;
      int t = colon + 1;
      while (true) {
        int e = t;
        while (e < to && b[e] != ',') {
          e++;
        }
        if (j >= d) {
          throw new IllegalArgumentException(file + ":" + lineNo + ": plan has " + countValues(b,
              colon + 1, to) + " values, earlier plans have " + d);
        }
        values[count * d + j] = number(file, lineNo, "value " + (j + 1), b, t, e);
        j++;
        if (e >= to) {
          break;
        }
        t = e + 1;
      }
      if (j != d) {
        throw new IllegalArgumentException(
            file + ":" + lineNo + ": plan has " + j + " values, earlier plans have " + d);
      }
      costs[count] = cost;
      count++;
    }
    if (count == 0) {
      throw new IllegalArgumentException(file + ": no plans");
    }
    double[] c = count == maxPlans ? costs : Arrays.copyOf(costs, count);
    double[] v = count * d == values.length ? values : Arrays.copyOf(values, count * d);
    return AgentPlans.ofFlat(agentId, d, c, v);
  }

  private static int countValues(byte[] b, int from, int to) {
    int k = 1;
    for (int i = from; i < to; i++) {
      if (b[i] == ',') {
        k++;
      }
    }
    return k;
  }

  /** As String.strip() on ASCII: Character.isWhitespace. */
  private static boolean blank(byte x) {
    return Character.isWhitespace((char) x);
  }

  private static double number(Path file, int lineNo, String field, byte[] b, int from, int to) {
    int f = from;
    int t = to;
    while (f < t && blank(b[f])) {
      f++;
    }
    while (t > f && blank(b[t - 1])) {
      t--;
    }
    double v;
    try {
      v = DecimalParser.parse(b, f, t);
    } catch (NumberFormatException e) {
      return Dataset.number(file, lineNo, field, new String(b, from, to - from,
          StandardCharsets.US_ASCII)); // throws with the text path's message
    }
    if (!Double.isFinite(v)) {
      return Dataset.number(file, lineNo, field, new String(b, from, to - from,
          StandardCharsets.US_ASCII));
    }
    return v;
  }
}
