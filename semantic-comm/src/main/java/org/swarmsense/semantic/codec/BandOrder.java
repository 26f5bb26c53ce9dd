package org.swarmsense.semantic.codec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The order in which the 64 frequency bands are sent: {@code ranking[i]} is the zig-zag index of
 * the band sent i-th. Id 0 is zig-zag; a learned order carries the id under which it is stored next
 * to its task model. Immutable and thread-safe.
 *
 * <p>Packets carry a range of ranking positions; {@link #GROUP_ENDS} is the fixed split of the 64
 * positions into the ranges the encoder uses (finer at the front, where every band counts).
 *
 * @param id 0..65535, carried in every packet header
 * @param name what the order is for (a task model), free text without line breaks
 * @param ranking a permutation of 0..63
 */
public record BandOrder(int id, String name, int[] ranking) {

  /** Exclusive ends of the ranking-position groups that packets carry: [0,1), [1,3), [3,6)... */
  public static final int[] GROUP_ENDS = {1, 3, 6, 10, 15, 21, 28, 36, 45, 64};

  /** Validates that the ranking is a permutation of 0..63. */
  public BandOrder {
    if (id < 0 || id > 65535) {
      throw new IllegalArgumentException("id must be 0..65535, got: " + id);
    }
    if (name == null || name.isBlank() || name.contains("\n")) {
      throw new IllegalArgumentException("name must be one non-blank line, got: " + name);
    }
    if (ranking == null || ranking.length != 64) {
      throw new IllegalArgumentException("ranking must hold 64 bands, got: "
          + (ranking == null ? "null" : ranking.length));
    }
    boolean[] seen = new boolean[64];
    for (int b : ranking) {
      if (b < 0 || b > 63 || seen[b]) {
        throw new IllegalArgumentException("ranking must be a permutation of 0..63, got: " + Arrays.toString(ranking));
      }
      seen[b] = true;
    }
    ranking = ranking.clone();
  }

  /** The zig-zag order of JPEG (id 0). */
  public static BandOrder zigZag() {
    int[] r = new int[64];
    for (int i = 0; i < 64; i++) {
      r[i] = i;
    }
    return new BandOrder(0, "zig-zag", r);
  }

  /** The ranking (a copy). */
  @Override
  public int[] ranking() {
    return ranking.clone();
  }

  /** Zig-zag index of the band at ranking position {@code position}. */
  public int bandAt(int position) {
    return ranking[position];
  }

  /** Writes this order as text: {@code id=}, {@code name=}, {@code ranking=} lines, plus comments. */
  public void write(Path file, List<String> comments) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String c : comments) {
      lines.add("# " + c.replace('\n', ' '));
    }
    lines.add("id=" + id);
    lines.add("name=" + name);
    StringBuilder sb = new StringBuilder("ranking=");
    for (int i = 0; i < 64; i++) {
      sb.append(i == 0 ? "" : ",").append(ranking[i]);
    }
    lines.add(sb.toString());
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /** Reads an order written by {@link #write}; errors name the file, line and value. */
  public static BandOrder read(Path file) throws IOException {
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * Parses the lines of an order written by {@link #write} (e.g. a classpath resource); errors name
   * {@code source}, the line and the value.
   */
  public static BandOrder parse(List<String> lines, String source) {
    Integer id = null;
    String name = null;
    int[] ranking = null;
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      String where = source + ":" + (n + 1);
      if (eq < 0) {
        throw new IllegalArgumentException(where + ": expected key=value, got: " + line);
      }
      String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(eq + 1).strip();
      try {
        switch (key) {
          case "id" -> id = Integer.parseInt(value);
          case "name" -> name = value;
          case "ranking" -> ranking = Arrays.stream(value.split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
          default -> throw new IllegalArgumentException(where + ": unknown key " + key + " (known: id, name, ranking)");
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(where + ": " + key + " must be integers, got: " + value, e);
      }
    }
    if (id == null || name == null || ranking == null) {
      throw new IllegalArgumentException(source + ": needs id, name and ranking lines");
    }
    try {
      return new BandOrder(id, name, ranking);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BandOrder b && b.id == id && b.name.equals(name) && Arrays.equals(b.ranking, ranking);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * id + name.hashCode()) + Arrays.hashCode(ranking);
  }

  @Override
  public String toString() {
    return "BandOrder[id=" + id + ", name=" + name + ", ranking=" + Arrays.toString(ranking) + "]";
  }
}
