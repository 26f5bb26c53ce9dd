package org.swarmsense.gateway.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.swarmsense.semantic.control.bench.ControlBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code swarmsense bench control}: the sampling-rate and offloading controller reproduced (Wu et
 * al., IEEE TII 2021). A thin shell over {@link ControlBench}, which holds all the logic.
 */
@Command(name = "control", sortOptions = false,
    description = "Trains DDPG (and TD3 + critic-neighbour mapping), saves and reloads the policies, evaluates them"
        + " against the delay-myopic and static baselines at W = 5, 20, 25 MHz and prints them next to the paper's"
        + " figures (library: org.swarmsense.semantic.control.bench.ControlBench).")
final class BenchControlCommand implements Callable<Integer> {

  @Option(names = "--quick", description = "a test-sized run (2 x 50 training, 2 x 50 evaluation), well under a minute")
  private boolean quick;

  @Option(names = "--episodes", paramLabel = "N", description = "training episodes (default 100; the spec's schedule is 1000)")
  private int episodes = 100;

  @Option(names = "--slots", paramLabel = "N", description = "slots per episode (default 200)")
  private int slots = 200;

  @Option(names = "--eval-episodes", paramLabel = "N", description = "evaluation episodes (default 10)")
  private int evalEpisodes = 10;

  @Option(names = "--bandwidths", split = ",", paramLabel = "MHZ,...", description = "W sweep in MHz (default 5,20,25)")
  private List<Double> bandwidths = List.of(5.0, 20.0, 25.0);

  @Option(names = "--no-improved", description = "skip the improved learner (TD3 + critic-neighbour mapping)")
  private boolean noImproved;

  @Option(names = "--ablation", description = "also train TD3 alone and the neighbour mapping alone at 20 MHz")
  private boolean ablation;

  @Option(names = "--policy-dir", paramLabel = "DIR", description = "where trained policies are written"
      + " (default ./control-policies)")
  private Path policyDir = Path.of("control-policies");

  @Option(names = "--seeds", paramLabel = "N", description = "multi-seed study: the bench N times (environment"
      + " seed 1+i, learner seed 7+i), then the ratios' mean, std-dev and range over the seeds (default 1: one run)")
  private int seeds = 1;

  @Override
  public Integer call() {
    ControlBench.Options options = quick
        ? ControlBench.Options.quick(policyDir)
        : new ControlBench.Options(episodes, slots, evalEpisodes, bandwidths, !noImproved, ablation, policyDir);
    if (seeds == 1) {
      ControlBench.run(options, System.out);
    } else {
      ControlBench.runSeeds(options, seeds, System.out);
    }
    return 0;
  }
}
