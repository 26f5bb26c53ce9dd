package org.swarmsense.epos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.swarmsense.epos.core.LocalCost;
import org.swarmsense.epos.core.Scaling;

/**
 * A reference-style {@code epos.properties} file applied on top of {@link EposSettings}, so users
 * can bring their EPOS configuration. One {@code key = value} per line ({@code #} and {@code !}
 * start comments; no line continuations). Supported keys (names as in the reference's
 * {@code used_conf.txt}):
 *
 * <table>
 * <caption>Supported keys</caption>
 * <tr><th>key</th><th>meaning</th></tr>
 * <tr><td>dataset</td><td>dataset folder, relative to the properties file's folder</td></tr>
 * <tr><td>numSimulations</td><td>repetitions S</td></tr>
 * <tr><td>numIterations</td><td>iterations T</td></tr>
 * <tr><td>numChildren</td><td>children k</td></tr>
 * <tr><td>numPlans</td><td>plans read per agent K</td></tr>
 * <tr><td>numAgents</td><td>use agents 0..numAgents-1 of the dataset (must not exceed it)</td></tr>
 * <tr><td>planDim</td><td>checked against the dataset's dimension</td></tr>
 * <tr><td>alpha, beta</td><td>unfairness and local-cost weights</td></tr>
 * <tr><td>globalCostFunction</td><td>VAR, STD, SQR, RSS, RMSE, XCORR, DOT, L1, UNDER, OVER</td></tr>
 * <tr><td>scaling</td><td>STD, MIN-MAX, UNIT-LENGTH (RSS)</td></tr>
 * <tr><td>localCostFunction</td><td>INDEX, DISC, PREF</td></tr>
 * <tr><td>goalSignalPath</td><td>goal file, relative to the properties file's folder</td></tr>
 * <tr><td>permutationSeed</td><td>the master seed (tree shuffles use Random(seed + s))</td></tr>
 * <tr><td>reorganizationStrategy</td><td>never, periodically, convergence, globalCostReduction</td></tr>
 * <tr><td>reorganizationPeriod</td><td>P</td></tr>
 * <tr><td>permutationID, reorganizationSeed</td><td>accepted only at the reference default 0</td></tr>
 * <tr><td>permutationFile</td><td>accepted only empty or {@code null}</td></tr>
 * </table>
 *
 * Any other key (e.g. memorizationOffset, convergenceTolerance, loggingLevel, logger.*) is refused
 * with a message naming it, rather than silently ignored as the reference does. Immutable,
 * thread-safe.
 *
 * @param settings the settings with the file's values applied
 * @param dataset the dataset folder, if given
 * @param goal the goal file, if given
 * @param numAgents the number of agents to use, if given
 * @param planDim the expected plan dimension, if given
 */
public record EposProperties(EposSettings settings, Optional<Path> dataset, Optional<Path> goal,
    OptionalInt numAgents, OptionalInt planDim) {

  private static final List<String> SUPPORTED = List.of("dataset", "numSimulations", "numIterations",
      "numChildren", "numPlans", "numAgents", "planDim", "alpha", "beta", "globalCostFunction", "scaling",
      "localCostFunction", "goalSignalPath", "permutationSeed", "reorganizationStrategy",
      "reorganizationPeriod", "permutationID", "reorganizationSeed", "permutationFile");

  /**
   * Reads {@code file} and applies it to {@code base}.
   *
   * @throws IllegalArgumentException naming the file, line, key and value of any bad entry
   */
  public static EposProperties read(Path file, EposSettings base) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, Integer> lineOf = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.isEmpty() || l.startsWith("#") || l.startsWith("!")) {
        continue;
      }
      int eq = l.indexOf('=');
      int colon = l.indexOf(':');
      int at = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
      if (at <= 0) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected key = value, got: " + l);
      }
      String key = l.substring(0, at).strip();
      String value = l.substring(at + 1).strip();
      if (!SUPPORTED.contains(key)) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": key '" + key
            + "' is not supported by swarmsense epos (supported: " + SUPPORTED + ")");
      }
      if (values.put(key, value) != null) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": key '" + key + "' is given twice");
      }
      lineOf.put(key, i + 1);
    }
    Path dir = file.toAbsolutePath().getParent();
    Parser p = new Parser(file, values, lineOf);
    p.requireDefault("permutationID", "0");
    p.requireDefault("reorganizationSeed", "0");
    if (values.containsKey("permutationFile") && !values.get("permutationFile").isEmpty()
        && !values.get("permutationFile").equals("null")) {
      throw p.error("permutationFile", "is not supported (trees are shuffled with permutationSeed); remove it or set it to null");
    }
    EposSettings s;
    try {
      s = base.with(p.integer("numIterations"), p.integer("numSimulations"), p.integer("numChildren"),
          p.integer("numPlans"), p.decimal("alpha"), p.decimal("beta"), p.text("globalCostFunction"),
          p.scaling(), p.localCost(), p.longValue("permutationSeed"), null, p.text("reorganizationStrategy"),
          p.integer("reorganizationPeriod"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
    Integer agents = p.integer("numAgents");
    if (agents != null && agents < 1) {
      throw p.error("numAgents", "must be >= 1");
    }
    Integer dim = p.integer("planDim");
    if (dim != null && dim < 1) {
      throw p.error("planDim", "must be >= 1");
    }
    return new EposProperties(s,
        Optional.ofNullable(values.get("dataset")).map(dir::resolve),
        Optional.ofNullable(values.get("goalSignalPath")).filter(v -> !v.isEmpty() && !v.equals("null")).map(dir::resolve),
        agents == null ? OptionalInt.empty() : OptionalInt.of(agents),
        dim == null ? OptionalInt.empty() : OptionalInt.of(dim));
  }

  private record Parser(Path file, Map<String, String> values, Map<String, Integer> lineOf) {
    IllegalArgumentException error(String key, String why) {
      return new IllegalArgumentException(file + ":" + lineOf.get(key) + ": " + key + " = '" + values.get(key) + "' " + why);
    }

    void requireDefault(String key, String def) {
      if (values.containsKey(key) && !values.get(key).equals(def)) {
        throw error(key, "is not supported; only the reference default " + def + " is accepted");
      }
    }

    String text(String key) {
      return values.get(key);
    }

    Integer integer(String key) {
      String v = values.get(key);
      if (v == null) {
        return null;
      }
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw error(key, "is not an integer");
      }
    }

    Long longValue(String key) {
      String v = values.get(key);
      if (v == null) {
        return null;
      }
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw error(key, "is not an integer");
      }
    }

    Double decimal(String key) {
      String v = values.get(key);
      if (v == null) {
        return null;
      }
      try {
        return Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw error(key, "is not a number");
      }
    }

    Scaling scaling() {
      String v = values.get("scaling");
      try {
        return v == null ? null : Scaling.byName(v);
      } catch (IllegalArgumentException e) {
        throw error("scaling", "is not STD, MIN-MAX or UNIT-LENGTH");
      }
    }

    LocalCost localCost() {
      String v = values.get("localCostFunction");
      try {
        return v == null ? null : LocalCost.byName(v);
      } catch (IllegalArgumentException e) {
        throw error("localCostFunction", "is not INDEX, DISC or PREF");
      }
    }
  }
}
