package org.swarmsense.gateway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.swarmsense.epos.EposProperties;
import org.swarmsense.epos.EposSettings;
import org.swarmsense.epos.core.AgentPlans;
import org.swarmsense.epos.core.Constraint;
import org.swarmsense.epos.core.Dataset;
import org.swarmsense.epos.core.Epos;
import org.swarmsense.epos.core.EposConfig;
import org.swarmsense.epos.core.EposCsvWriter;
import org.swarmsense.epos.core.EposProgress;
import org.swarmsense.epos.core.EposResult;
import org.swarmsense.epos.core.LocalCost;
import org.swarmsense.epos.core.Scaling;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code swarmsense epos}: runs I-EPOS on a dataset in the reference layout and writes the
 * reference's CSV files (library: {@link Epos}, {@link EposCsvWriter}). Values come from the
 * epos-planner reference.conf, then {@code --config} (a reference epos.properties), then the
 * options given here. A progress line goes to stderr at most once a second; the final costs go to
 * stdout.
 */
@Command(name = "epos", sortOptions = false,
    description = "Run I-EPOS collective plan selection on a dataset (agent_<i>.plans files) and write"
        + " global-cost.csv, local-cost.csv, unfairness.csv, global-complex-cost.csv,"
        + " selected-plans.csv and global-response.csv to --out.")
final class EposCommand implements Callable<Integer> {

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Option(names = "--dataset", paramLabel = "DIR", description = "dataset folder (agent_<i>.plans, optional *.target)")
  private Path dataset;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (created if missing)")
  private Path out;

  @Option(names = "--config", paramLabel = "FILE", description = "reference epos.properties file (unsupported keys are refused)")
  private Path config;

  @Option(names = "--plans", paramLabel = "K", description = "plans read per agent (default 16)")
  private Integer plans;

  @Option(names = "--iterations", paramLabel = "T", description = "iterations per repetition (default 40)")
  private Integer iterations;

  @Option(names = "--repetitions", paramLabel = "S", description = "repetitions on differently shuffled trees (default 1)")
  private Integer repetitions;

  @Option(names = "--children", paramLabel = "k", description = "children per tree vertex (default 2)")
  private Integer children;

  @Option(names = "--cost", paramLabel = "NAME", description = "global cost: VAR, STD, SQR, RSS, RMSE, XCORR, DOT, L1, UNDER, OVER (default VAR)")
  private String cost;

  @Option(names = "--local-cost", paramLabel = "NAME", description = "local cost: INDEX, DISC, PREF (default INDEX)")
  private String localCost;

  @Option(names = "--alpha", paramLabel = "A", description = "unfairness weight (default 0)")
  private Double alpha;

  @Option(names = "--beta", paramLabel = "B", description = "local-cost weight (default 0)")
  private Double beta;

  @Option(names = "--goal", paramLabel = "FILE", description = "goal signal file (one line of comma-separated values)")
  private Path goal;

  @Option(names = "--scaling", paramLabel = "NAME", description = "RSS scaling: STD, MIN-MAX, UNIT-LENGTH (default STD)")
  private String scaling;

  @Option(names = "--seed", paramLabel = "N", description = "master seed (default 0)")
  private Long seed;

  @Option(names = "--threads", paramLabel = "N", description = "worker threads, 0 = all processors (default 0)")
  private Integer threads;

  @Option(names = "--reorg", paramLabel = "NAME", description = "tree reorganisation: never, periodically, convergence, globalCostReduction")
  private String reorg;

  @Option(names = "--reorg-period", paramLabel = "P", description = "reorganisation period in iterations (default 3)")
  private Integer reorgPeriod;

  @Option(names = "--constraint", paramLabel = "DIM<=X", description = "hard constraint on the global response: DIM<=X, DIM>=X or DIM=X; DIM may be * for every dimension; repeatable")
  private List<String> constraints = new ArrayList<>();

  @Option(names = "--engine", paramLabel = "NAME", description = "fast (level by level, parallel; default) or messages (one agent step and message at a time, as the actors do)")
  private String engine = "fast";

  @Option(names = "--verbose", description = "print where the time went: start-up (JVM, class loading, command line), settings, reading, planning, writing")
  private boolean verbose;

  @Override
  public Integer call() {
    long tCall = System.nanoTime();
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    if (!engine.equals("fast") && !engine.equals("messages")) {
      throw new IllegalArgumentException("--engine must be fast or messages, got: " + engine);
    }
    EposSettings settings = EposSettings.load();
    Path dir = dataset;
    Path goalFile = goal;
    Integer numAgents = null;
    Integer planDim = null;
    if (config != null) {
      EposProperties p = EposProperties.read(config, settings);
      settings = p.settings();
      dir = dir != null ? dir : p.dataset().orElse(null);
      goalFile = goalFile != null ? goalFile : p.goal().orElse(null);
      numAgents = p.numAgents().isPresent() ? p.numAgents().getAsInt() : null;
      planDim = p.planDim().isPresent() ? p.planDim().getAsInt() : null;
    }
    settings = settings.with(iterations, repetitions, children, plans, alpha, beta, cost,
        scaling == null ? null : Scaling.byName(scaling), localCost == null ? null : LocalCost.byName(localCost),
        seed, threads, reorg, reorgPeriod);
    if (dir == null) {
      throw new IllegalArgumentException("--dataset DIR is required (or a dataset key in --config)");
    }
    long t0 = System.nanoTime();
    Dataset ds = Dataset.read(dir, settings.maxPlans(), goalFile);
    long tRead = System.nanoTime();
    List<AgentPlans> agents = ds.agents();
    if (numAgents != null) {
      if (numAgents > agents.size()) {
        throw new IllegalArgumentException("numAgents = " + numAgents + " but dataset " + dir + " has " + agents.size() + " agents");
      }
      agents = agents.subList(0, numAgents);
    }
    if (planDim != null && planDim != ds.dimension()) {
      throw new IllegalArgumentException("planDim = " + planDim + " but dataset " + dir + " has plans of dimension " + ds.dimension());
    }
    if (settings.needsGoal() && ds.goal().isEmpty()) {
      throw new IllegalArgumentException("global cost " + settings.globalCost() + " needs a goal: pass --goal FILE"
          + (ds.goalFiles().isEmpty() ? "" : " (the dataset has several: " + ds.goalFiles() + ")"));
    }
    List<Constraint> cs = new ArrayList<>();
    for (String c : constraints) {
      cs.addAll(Constraint.parse(c, ds.dimension()));
    }
    EposConfig c = settings.toConfig(ds.goal().orElse(null)).withConstraints(cs);
    err.printf(Locale.ROOT, "epos: %d agents, %d plans max, d = %d, %s, %d iterations x %d repetitions, k = %d%n",
        agents.size(), settings.maxPlans(), ds.dimension(), c.globalCost(), c.iterations(), c.repetitions(), c.children());
    err.flush();
    EposProgress progress = new ProgressLine(err, c.iterations(), c.repetitions());
    long tPlan0 = System.nanoTime();
    EposResult result = engine.equals("fast") ? Epos.run(agents, c, progress) : Epos.runMessageByMessage(agents, c, progress);
    long tPlan1 = System.nanoTime();
    EposCsvWriter.write(result, out);
    long tWrite = System.nanoTime();
    for (int r = 0; r < result.repetitions(); r++) {
      stdout.printf(Locale.ROOT, "run %d: global cost %s -> %s, local cost %s, unfairness %s%n", r,
          result.globalCost(r, 0), result.globalCost(r, result.iterations() - 1),
          result.localCost(r, result.iterations() - 1), result.unfairness(r, result.iterations() - 1));
    }
    stdout.flush();
    err.printf(Locale.ROOT, "epos: done in %.2f s, wrote %s to %s%n", (System.nanoTime() - t0) / 1e9, EposCsvWriter.FILES, out);
    if (verbose) {
      // JVM start from the JVM's own clock (ms); the rest from System.nanoTime. Process CPU time
      // (all threads: main, workers, JIT, GC) tells on a busy machine what the wall time cannot.
      double sinceStartS = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
      double afterCallS = (System.nanoTime() - tCall) / 1e9;
      double cpuS = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
          instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() / 1e9 : Double.NaN;
      err.printf(Locale.ROOT, "epos: time split: start-up (JVM, classes, command line) %.3f s, settings %.3f s,"
              + " reading %.3f s, other checks %.3f s, planning %.3f s, writing %.3f s, total %.3f s"
              + " (process CPU %.3f s)%n",
          sinceStartS - afterCallS, (t0 - tCall) / 1e9, (tRead - t0) / 1e9, (tPlan0 - tRead) / 1e9,
          (tPlan1 - tPlan0) / 1e9, (tWrite - tPlan1) / 1e9, sinceStartS, cpuS);
    }
    err.flush();
    return 0;
  }

  /** Prints "epos: repetition r/S iteration t/T G=..." to stderr at most once a second, and at the end of each repetition. */
  private static final class ProgressLine implements EposProgress {
    private final PrintWriter err;
    private final int iterations;
    private final int repetitions;
    private long last = System.nanoTime();

    ProgressLine(PrintWriter err, int iterations, int repetitions) {
      this.err = err;
      this.iterations = iterations;
      this.repetitions = repetitions;
    }

    @Override
    public void iterationDone(int repetition, int iteration, double globalCost) {
      long now = System.nanoTime();
      if (now - last >= 1_000_000_000L || iteration == iterations - 1) {
        last = now;
        err.printf(Locale.ROOT, "epos: repetition %d/%d iteration %d/%d global cost %s%n",
            repetition + 1, repetitions, iteration + 1, iterations, globalCost);
        err.flush();
      }
    }
  }
}
