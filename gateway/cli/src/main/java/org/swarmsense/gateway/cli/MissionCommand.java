package org.swarmsense.gateway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.swarmsense.epos.sensing.MissionPlanner;
import org.swarmsense.epos.sensing.SensingBench;
import org.swarmsense.epos.sensing.evaluation.SensingMetrics;
import org.swarmsense.epos.sensing.mission.Mission;
import org.swarmsense.epos.sensing.mission.MissionReader;
import org.swarmsense.epos.sensing.report.ReportWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code swarmsense mission plan MISSION.yaml --out DIR}: plans a traffic-sensing mission with
 * I-EPOS and the baselines (library: {@link MissionPlanner}) and writes report.json,
 * plans.geojson, map.svg and report.html. Progress goes to stderr, the summary table to stdout.
 */
@Command(
    name = "mission",
    description = "Energy-aware drone sensing missions.",
    subcommands = {MissionCommand.Plan.class, MissionCommand.Bench.class,
        CommandLine.HelpCommand.class})
final class MissionCommand implements Callable<Integer> {

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** {@code mission plan}. */
  @Command(
      name = "plan",
      description = "Plan a mission (YAML or JSON) and write report.json, plans.geojson, map.svg,"
          + " report.html to --out.")
  static final class Plan implements Callable<Integer> {

    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    @CommandLine.Parameters(index = "0", paramLabel = "MISSION", description = "mission file")
    private Path mission;

    @CommandLine.Option(names = "--out", required = true, paramLabel = "DIR",
        description = "output folder (created if missing)")
    private Path out;

    @CommandLine.Option(names = "--detect", description = "also fly every strategy's plans with cameras:"
        + " capture, encode, offload and detect in simulated time (needs the mission's demand.map)")
    private boolean detect;

    @CommandLine.Mixin private DetectOptions detectOptions = new DetectOptions();

    @Override
    public Integer call() throws Exception {
      PrintWriter err = spec.commandLine().getErr();
      PrintWriter outW = spec.commandLine().getOut();
      detectOptions.requireDetect(spec.commandLine(), detect);
      Mission m = MissionReader.read(mission);
      long t0 = System.nanoTime();
      java.util.function.Consumer<String> progress = line -> {
        err.println(line);
        err.flush();
      };
      MissionPlanner.Result result;
      java.util.Optional<org.swarmsense.epos.sensing.evaluation.DetectionReport> detection = java.util.Optional.empty();
      if (detect) {
        var d = org.swarmsense.agents.detect.DetectedMission.planAndDetect(m, detectOptions.detector(),
            detectOptions.quick(), progress);
        result = d.result();
        detection = java.util.Optional.of(d.detection());
      } else {
        result = MissionPlanner.plan(m, progress);
      }
      var files = ReportWriter.write(result, detection, out);
      detection.ifPresent(d -> org.swarmsense.agents.detect.DetectBench.table(m.name(), result, d, outW));
      for (MissionPlanner.Run run : result.runs()) {
        outW.printf(Locale.ROOT, "%n%d drones, coverage target %.2f%n", run.drones(),
            run.coverageTarget());
        outW.printf(Locale.ROOT, "%-13s %10s %10s %12s %10s %10s%n", "strategy", "mismatch%",
            "observed%", "energy kJ", "obs/kJ", "coverage");
        run.results().forEach((name, r) -> {
          SensingMetrics x = r.metrics();
          outW.printf(Locale.ROOT, "%-13s %10.2f %10.2f %12.0f %10.4g %10.3f%n", name,
              x.mismatchPercent(), 100 * x.vehicleObservationShare(), x.energyKj(),
              x.observationsPerKj(), x.coverage());
        });
      }
      err.printf(Locale.ROOT, "done in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, files);
      outW.flush();
      return 0;
    }
  }

  /** {@code mission bench}: the sensing benchmark table (library: {@link SensingBench}). */
  @Command(
      name = "bench",
      description = "Time mission planning: cells x slots, drones x plans (default: 422 x 12,"
          + " 100 drones x 32 plans, 40 iterations).")
  static class Bench implements Callable<Integer> {

    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--cells-file", paramLabel = "CSV",
        description = "a cells file (type,id,x,y,z,value); default: a synthetic grid")
    private Path cellsFile;

    @CommandLine.Option(names = "--cells", defaultValue = "422",
        description = "cells of the synthetic grid (default ${DEFAULT-VALUE})")
    private int cells;

    @CommandLine.Option(names = "--slots", defaultValue = "12",
        description = "slots of 300 s (default ${DEFAULT-VALUE})")
    private int slots;

    @CommandLine.Option(names = "--drones", split = ",", defaultValue = "100",
        description = "fleet sizes, comma separated (default ${DEFAULT-VALUE})")
    private int[] drones;

    @CommandLine.Option(names = "--plans", defaultValue = "32",
        description = "plans per drone (default ${DEFAULT-VALUE})")
    private int plans;

    @CommandLine.Option(names = "--iterations", defaultValue = "40",
        description = "I-EPOS iterations (default ${DEFAULT-VALUE})")
    private int iterations;

    @CommandLine.Option(names = "--missions", split = ",", paramLabel = "FILE",
        description = "instead: plan these mission files and print each strategy's mismatch"
            + " against the fleet's capacity bound")
    private java.util.List<Path> missions;

    @CommandLine.Option(names = "--detect", description = "with --missions: fly every strategy's plans with"
        + " cameras and print detected vehicles, energy and I-EPOS's ratio to the best uncoordinated baseline")
    private boolean detect;

    @CommandLine.Option(names = "--energy-budget", paramLabel = "RULE", description = "with --detect: the fleet"
        + " energy I-EPOS may use: best-by-detection (default: at most the energy of the best uncoordinated"
        + " baseline by detected vehicles, issue 14's comparison), least-uncoordinated (at most the least energy"
        + " of the uncoordinated baselines, stricter) or none")
    private String energyBudget;

    @CommandLine.Option(names = "--diagnose", description = "with --detect: under each run, where each strategy"
        + " hovers, the vehicles under the drones by the forecast, the trace and the camera, the matches, and the"
        + " sampling noise on I-EPOS's ratio (issue 14's diagnosis)")
    private boolean diagnose;

    @CommandLine.Option(names = "--ceiling", description = "with --detect: under each run, fly every candidate"
        + " plan and print the most vehicle-seconds any selection within the best baseline's energy detects"
        + " (exact search), so whether x1.46 is within reach of the plans at all; and I-EPOS's objective against"
        + " its exact optimum within the budget")
    private boolean ceiling;

    @CommandLine.Mixin private DetectOptions detectOptions = new DetectOptions();

    @Override
    public Integer call() throws Exception {
      detectOptions.requireDetect(spec.commandLine(), detect);
      if (diagnose && !detect) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--diagnose needs --detect");
      }
      if (ceiling && !detect) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--ceiling needs --detect");
      }
      MissionPlanner.EnergyBudget budget = energyBudget();
      if (detect) {
        org.swarmsense.agents.detect.DetectBench.run(new org.swarmsense.agents.detect.DetectBench.Options(
            missions == null ? java.util.List.of() : missions, detectOptions.detector(), detectOptions.quick(),
            budget, diagnose, ceiling), spec.commandLine().getOut());
        return 0;
      }
      if (missions != null && !missions.isEmpty()) {
        SensingBench.boundTable(missions, System.out);
        return 0;
      }
      SensingBench.run(java.util.Optional.ofNullable(cellsFile), cells, slots, drones, plans,
          iterations, System.out);
      return 0;
    }

    /** The rule of {@code --energy-budget} (default best-by-detection); it needs {@code --detect}. */
    private MissionPlanner.EnergyBudget energyBudget() {
      if (energyBudget != null && !detect) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--energy-budget needs --detect");
      }
      try {
        return energyBudget == null ? MissionPlanner.EnergyBudget.BEST_UNCOORDINATED_BY_DETECTION
            : MissionPlanner.EnergyBudget.ofOption("--energy-budget", energyBudget);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }
  }

  /** {@code bench sensing}: the same table as {@code mission bench}, listed beside the other benches. */
  @Command(
      name = "sensing",
      description = "Time mission planning (same as 'mission bench'): 422 cells x 12 slots,"
          + " 100 drones x 32 plans by default.")
  static final class BenchSensing extends Bench {}
}
