package org.swarmsense.epos.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An EPOS dataset in the reference layout: a folder of {@code agent_<i>.plans} files (i = 0..N-1,
 * one plan per line {@code <cost>:<v1>,...,<vd>}, US number format, CRLF or LF, blank lines
 * ignored) and optionally a goal {@code *.target} file (one line of comma-separated values).
 * Immutable, thread-safe.
 */
public final class Dataset {
  private static final Pattern AGENT_FILE = Pattern.compile("agent_(\\d+)\\.plans");

  private final List<AgentPlans> agents;
  private final double[] goal;
  private final List<Path> goalFiles;

  private Dataset(List<AgentPlans> agents, double[] goal, List<Path> goalFiles) {
    this.agents = List.copyOf(agents);
    this.goal = goal;
    this.goalFiles = List.copyOf(goalFiles);
  }

  /**
   * Reads the first {@code maxPlans} plans of every agent in {@code dir}. The goal is the folder's
   * {@code *.target} file when there is exactly one; with several, no goal is chosen (pick one with
   * {@link #read(Path, int, Path)}), unlike the reference which takes whichever it finds first.
   *
   * @throws IllegalArgumentException naming the file, line and field of any malformed input
   * @throws UncheckedIOException when a file cannot be read
   */
  public static Dataset read(Path dir, int maxPlans) {
    return read(dir, maxPlans, null);
  }

  /** As {@link #read(Path, int)} with an explicit goal file (null = the rule above). */
  public static Dataset read(Path dir, int maxPlans, Path goalFile) {
    if (maxPlans < 1) {
      throw new IllegalArgumentException("maxPlans must be >= 1, got: " + maxPlans);
    }
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("dataset folder does not exist: " + dir);
    }
    TreeMap<Integer, Path> files = new TreeMap<>();
    List<Path> targets = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s.sorted()::iterator) {
        String name = p.getFileName().toString();
        Matcher m = AGENT_FILE.matcher(name);
        if (m.matches()) {
          int id;
          try {
            id = Integer.parseInt(m.group(1));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(p + ": agent number too large");
          }
          Path old = files.put(id, p);
          if (old != null) {
            throw new IllegalArgumentException("two files for agent " + id + ": " + old + " and " + p);
          }
        } else if (name.endsWith(".target")) {
          targets.add(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list dataset folder " + dir, e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no agent_<i>.plans files in dataset folder " + dir);
    }
    int expected = 0;
    for (int id : files.keySet()) {
      if (id != expected) {
        throw new IllegalArgumentException("dataset " + dir + ": agent_" + expected + ".plans is missing (agents must be numbered 0..N-1, found agent_" + id + ")");
      }
      expected++;
    }
    // Files are parsed in parallel; errors are reported for the lowest agent number, as before.
    List<Path> paths = new ArrayList<>(files.values());
    AgentPlans[] read = new AgentPlans[paths.size()];
    RuntimeException[] failed = new RuntimeException[paths.size()];
    java.util.stream.IntStream.range(0, paths.size()).parallel().forEach(i -> {
      try {
        read[i] = readPlans(paths.get(i), i, maxPlans);
      } catch (RuntimeException ex) {
        failed[i] = ex;
      }
    });
    List<AgentPlans> agents = new ArrayList<>(files.size());
    int d = -1;
    Path first = null;
    for (var e : files.entrySet()) {
      if (failed[e.getKey()] != null) {
        throw failed[e.getKey()];
      }
      AgentPlans a = read[e.getKey()];
      if (d < 0) {
        d = a.dimension();
        first = e.getValue();
      } else if (a.dimension() != d) {
        throw new IllegalArgumentException(e.getValue() + ": plans have dimension " + a.dimension() + " but " + first + " has " + d);
      }
      agents.add(a);
    }
    double[] goal = null;
    if (goalFile != null) {
      goal = readGoal(goalFile);
    } else if (targets.size() == 1) {
      goal = readGoal(targets.get(0));
    }
    if (goal != null && goal.length != d) {
      throw new IllegalArgumentException((goalFile != null ? goalFile : targets.get(0)) + ": goal has " + goal.length + " values but the plans have dimension " + d);
    }
    return new Dataset(agents, goal, targets);
  }

  /**
   * Reads the plans of agent {@code agentId} from one {@code .plans} file (first {@code maxPlans}
   * non-blank lines).
   */
  public static AgentPlans readPlans(Path file, int agentId, int maxPlans) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("file does not exist: " + file);
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    for (byte x : bytes) {
      if (x < 0) {
        return readPlans(file, agentId, maxPlans, decodeLines(file, bytes)); // non-ASCII: text path
      }
    }
    return PlanBytes.parse(file, agentId, maxPlans, bytes);
  }

  private static List<String> decodeLines(Path file, byte[] bytes) {
    try {
      return new java.io.BufferedReader(new java.io.InputStreamReader(
          new java.io.ByteArrayInputStream(bytes),
          StandardCharsets.UTF_8.newDecoder()
              .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
              .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)))
          .lines().toList();
    } catch (java.io.UncheckedIOException e) {
      throw new UncheckedIOException("cannot read " + file, e.getCause());
    }
  }

  /** The text path of {@link #readPlans(Path, int, int)} (any UTF-8 content). */
  private static AgentPlans readPlans(Path file, int agentId, int maxPlans, List<String> lines) {
    List<Double> costs = new ArrayList<>();
    double[] values = null;
    int d = -1;
    int count = 0;
    for (int i = 0; i < lines.size() && count < maxPlans; i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      int lineNo = i + 1;
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(file + ":" + lineNo + ": expected <cost>:<v1>,...,<vd>, no ':' found");
      }
      double cost = number(file, lineNo, "cost", line.substring(0, colon));
      String[] parts = line.substring(colon + 1).split(",", -1);
      if (d < 0) {
        d = parts.length;
        values = new double[maxPlans * d];
      } else if (parts.length != d) {
        throw new IllegalArgumentException(file + ":" + lineNo + ": plan has " + parts.length + " values, earlier plans have " + d);
      }
      for (int j = 0; j < d; j++) {
        values[count * d + j] = number(file, lineNo, "value " + (j + 1), parts[j]);
      }
      costs.add(cost);
      count++;
    }
    if (count == 0) {
      throw new IllegalArgumentException(file + ": no plans");
    }
    double[] c = new double[count];
    for (int k = 0; k < count; k++) {
      c[k] = costs.get(k);
    }
    double[] v = count * d == values.length ? values : java.util.Arrays.copyOf(values, count * d);
    return AgentPlans.ofFlat(agentId, d, c, v);
  }

  /** Reads a goal file: one line (the first non-blank one) of comma-separated finite values. */
  public static double[] readGoal(Path file) {
    for (var entry : indexed(readLines(file))) {
      String line = entry.text.strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split(",", -1);
      double[] h = new double[parts.length];
      for (int j = 0; j < parts.length; j++) {
        h[j] = number(file, entry.lineNo, "value " + (j + 1), parts[j]);
      }
      return h;
    }
    throw new IllegalArgumentException(file + ": goal file is empty");
  }

  private record Line(int lineNo, String text) {}

  private static List<Line> indexed(List<String> lines) {
    List<Line> out = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      out.add(new Line(i + 1, lines.get(i)));
    }
    return out;
  }

  private static List<String> readLines(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("file does not exist: " + file);
    }
    try {
      // readAllLines splits on \n, \r\n and \r
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static double number(Path file, int lineNo, String field, String text) {
    String t = text.strip();
    double v;
    try {
      v = Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + ":" + lineNo + ": " + field + " is not a number: '" + t + "'");
    }
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(file + ":" + lineNo + ": " + field + " must be finite, got: '" + t + "'");
    }
    return v;
  }

  /** The agents, agent i at index i. */
  public List<AgentPlans> agents() {
    return agents;
  }

  /** The goal signal, if one was chosen (see {@link #read(Path, int)}). */
  public Optional<double[]> goal() {
    return goal == null ? Optional.empty() : Optional.of(goal.clone());
  }

  /** Every {@code *.target} file found in the folder, sorted by name. */
  public List<Path> goalFiles() {
    return goalFiles;
  }

  /** Plan dimension d. */
  public int dimension() {
    return agents.get(0).dimension();
  }
}
