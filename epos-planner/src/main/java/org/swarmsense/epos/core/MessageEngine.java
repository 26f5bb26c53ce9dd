package org.swarmsense.epos.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs I-EPOS by delivering real {@link UpMessage}s and {@link DownMessage}s between {@link
 * AgentStep}s, one agent at a time in tree order (leaves first, then root first), counting every
 * message. Single-threaded; the reference for the fast {@link LevelEngine} and what the actor
 * version reproduces. Not thread-safe; one instance per run.
 */
final class MessageEngine {
  private final List<AgentPlans> agents;
  private final EposConfig config;
  private final EposProgress progress;

  MessageEngine(List<AgentPlans> agents, EposConfig config, EposProgress progress) {
    this.agents = agents;
    this.config = config;
    this.progress = progress;
  }

  EposResult run() {
    int n = agents.size();
    int d = agents.get(0).dimension();
    StepArithmetic objective = new StepArithmetic(config);
    EposResult result = new EposResult(n, d, config.repetitions(), config.iterations());
    AgentStep[] steps = new AgentStep[n];
    for (int i = 0; i < n; i++) {
      steps[i] = new AgentStep(agents.get(i), config);
    }
    for (int r = 0; r < config.repetitions(); r++) {
      Tree tree = Tree.forRepetition(n, config.children(), r, config.seed());
      AgentState[] states = new AgentState[n];
      for (int p = 0; p < n; p++) {
        int a = tree.agentAt(p);
        states[a] = steps[a].initial(tree.childCount(p), r, config.seed());
      }
      double[] history = new double[config.iterations()];
      int sinceReorg = 0;
      int reorgs = 0;
      for (int t = 0; t < config.iterations(); t++) {
        long messages = 0;
        UpMessage[] up = new UpMessage[n];
        for (int level = tree.levels() - 1; level >= 0; level--) {
          for (int p = tree.levelStart(level); p < tree.levelEnd(level); p++) {
            int a = tree.agentAt(p);
            AgentStep.Up res = steps[a].up(states[a], childMessages(tree, p, up));
            states[a] = res.state();
            up[p] = res.toParent();
            if (p > 0) {
              messages++;
            }
          }
        }
        messages += downPass(tree, steps, states, up[0]);
        int[] sel = new int[n];
        for (int a = 0; a < n; a++) {
          sel[a] = states[a].selected();
        }
        AgentState root = states[tree.agentAt(0)];
        result.record(r, t, objective, config.globalCost(), root.global(), root.globalLocalCost(),
            root.globalSquaredLocalCost(), sel, messages);
        progress.iterationDone(r, t, result.globalCost(r, t));
        history[sinceReorg++] = result.globalCost(r, t);
        if (t < config.iterations() - 1 && config.reorg().shouldReorganise(history, sinceReorg)) {
          reorgs++;
          tree = tree.reshuffled(ReorganisationStrategy.reorganisationSeed(config.seed(), r, reorgs));
          UpMessage[] re = new UpMessage[n];
          for (int level = tree.levels() - 1; level >= 0; level--) {
            for (int p = tree.levelStart(level); p < tree.levelEnd(level); p++) {
              int a = tree.agentAt(p);
              AgentStep.Up res = steps[a].regroup(states[a], childMessages(tree, p, re));
              states[a] = res.state();
              re[p] = res.toParent();
            }
          }
          downPass(tree, steps, states, re[0]);
          result.markReorganised(r, t);
          sinceReorg = 0;
        }
      }
    }
    return result;
  }

  private static List<UpMessage> childMessages(Tree tree, int p, UpMessage[] up) {
    int nc = tree.childCount(p);
    List<UpMessage> kids = new ArrayList<>(nc);
    for (int c = 0; c < nc; c++) {
      kids.add(up[tree.firstChild(p) + c]);
    }
    return kids;
  }

  private static long downPass(Tree tree, AgentStep[] steps, AgentState[] states, UpMessage rootUp) {
    int n = tree.size();
    long messages = 0;
    DownMessage[] down = new DownMessage[n];
    down[0] = DownMessage.fromRoot(rootUp);
    for (int level = 0; level < tree.levels(); level++) {
      for (int p = tree.levelStart(level); p < tree.levelEnd(level); p++) {
        int a = tree.agentAt(p);
        AgentStep.Down res = steps[a].down(states[a], down[p]);
        states[a] = res.state();
        for (int c = 0; c < res.toChildren().size(); c++) {
          down[tree.firstChild(p) + c] = res.toChildren().get(c);
          messages++;
        }
      }
    }
    return messages;
  }
}
