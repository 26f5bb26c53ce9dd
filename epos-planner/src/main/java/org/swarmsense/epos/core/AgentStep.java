package org.swarmsense.epos.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The I-EPOS steps of ONE agent as pure functions of its {@link AgentState} and the messages it
 * receives: {@link #up} when all children's {@link UpMessage}s of an iteration are in, {@link #down}
 * when the parent's {@link DownMessage} arrives, and {@link #regroup} after a tree reorganisation.
 * An actor holds one instance and its latest state; the in-process engines call the same arithmetic,
 * so the actor version gives identical answers. Immutable and thread-safe.
 *
 * <p>Protocol per iteration: leaves call {@code up} with no messages; every inner agent calls
 * {@code up} with its children's up messages in child order; the root turns its up message into
 * {@link DownMessage#fromRoot} and calls {@code down}; every agent forwards the down messages it
 * returns to its children in child order. That is 2(N-1) messages per iteration.
 */
public final class AgentStep {
  private final AgentPlans plans;
  private final StepArithmetic objective;
  private final int d;

  /** The step functions of the agent owning {@code plans} under {@code config}. */
  public AgentStep(AgentPlans plans, EposConfig config) {
    if (plans == null || config == null) {
      throw new IllegalArgumentException("plans and config must not be null");
    }
    this.plans = plans;
    this.objective = new StepArithmetic(config);
    this.d = plans.dimension();
    objective.checkDimension(d);
  }

  /** The state before the first iteration of repetition {@code repetition}, seeded from {@code config.seed()}. */
  public AgentState initial(int childCount, int repetition, long seed) {
    double[] zeros = new double[d];
    return new AgentState(plans.agentId(), childCount, 0, -1, -1,
        new double[childCount * d], new double[childCount], new double[childCount],
        new double[childCount * d], new double[childCount], new double[childCount],
        0, 0, zeros, 0, 0, zeros, 0, 0, zeros, 0, 0, 0,
        TieBreak.initialState(seed, repetition, plans.agentId()));
  }

  /** The result of an up step: the new state and the message for the parent. */
  public record Up(AgentState state, UpMessage toParent) {}

  /** The result of a down step: the new state and the messages for the children, in child order. */
  public record Down(AgentState state, List<DownMessage> toChildren) {}

  /**
   * Bottom-up step: approve a subset of the children's proposals (all of them in the first
   * iteration), select a plan, and propose the subtree response to the parent.
   *
   * @param fromChildren the children's up messages of this iteration, in child order
   */
  public Up up(AgentState state, List<UpMessage> fromChildren) {
    int nc = state.childCount();
    checkMessages(state, fromChildren);
    AgentState s = state;
    boolean first = s.upSteps() == 0;
    // rollover: s' <- s, r' <- r, a' + s' <- a + s, previous sums <- current sums
    int prevSelected = first ? -1 : s.selected();
    double[] prevChild = first ? s.prevChildResponses() : s.childResponses();
    double[] prevChildL = first ? s.prevChildLocalCost() : s.childLocalCost();
    double[] prevChildL2 = first ? s.prevChildSquaredLocalCost() : s.childSquaredLocalCost();
    double[] prevResponse = first ? s.prevResponse() : s.response();
    double prevRespL = first ? 0 : s.responseLocalCost();
    double prevRespL2 = first ? 0 : s.responseSquaredLocalCost();

    double[] prop = new double[nc * d];
    double[] propL = new double[nc];
    double[] propL2 = new double[nc];
    int size = 1;
    for (int c = 0; c < nc; c++) {
      UpMessage m = fromChildren.get(c);
      System.arraycopy(m.response(), 0, prop, c * d, d);
      propL[c] = m.sumLocalCost();
      propL2[c] = m.sumSquaredLocalCost();
      size += m.subtreeSize();
    }
    long[] rng = {s.rngState()};
    double[] g = s.global();
    int n = first ? size : s.numAgents();
    int mask;
    if (first) {
      mask = (1 << nc) - 1;
    } else {
      mask = objective.chooseChildren(d, nc, g, s.globalLocalCost(), s.globalSquaredLocalCost(), n,
          prop, 0, propL, propL2, 0, prevChild, 0, prevChildL, prevChildL2, 0,
          new double[d], new double[d], rng, 0);
    }
    double[] child = new double[nc * d];
    double[] childL = new double[nc];
    double[] childL2 = new double[nc];
    for (int c = 0; c < nc; c++) {
      boolean in = ((mask >> c) & 1) != 0;
      System.arraycopy(in ? prop : prevChild, c * d, child, c * d, d);
      childL[c] = in ? propL[c] : prevChildL[c];
      childL2[c] = in ? propL2[c] : prevChildL2[c];
    }
    double[] a = new double[d];
    double aL = 0;
    double aL2 = 0;
    for (int c = 0; c < nc; c++) {
      for (int j = 0; j < d; j++) {
        a[j] += child[c * d + j];
      }
      aL += childL[c];
      aL2 += childL2[c];
    }
    double[] other = new double[d];
    for (int j = 0; j < d; j++) {
      other[j] = (g[j] - prevResponse[j]) + a[j];
    }
    double otherL = (s.globalLocalCost() - prevRespL) + aL;
    double otherL2 = (s.globalSquaredLocalCost() - prevRespL2) + aL2;
    int selected = objective.choosePlan(d, plans, other, otherL, otherL2, n, new double[d], rng, 0);
    double[] response = new double[d];
    for (int j = 0; j < d; j++) {
      response[j] = a[j] + plans.value(selected, j);
    }
    double l = objective.localCost(plans, selected);
    double respL = aL + l;
    double respL2 = aL2 + l * l;
    AgentState next = new AgentState(s.agentId(), nc, s.upSteps() + 1, selected, prevSelected,
        child, childL, childL2, prevChild, prevChildL, prevChildL2, mask, size,
        response, respL, respL2, prevResponse, prevRespL, prevRespL2,
        g, s.globalLocalCost(), s.globalSquaredLocalCost(), s.numAgents(), rng[0]);
    return new Up(next, new UpMessage(response, respL, respL2, size));
  }

  /**
   * Top-down step: store the global response; if the parent did not approve this agent, revert to
   * the previous selection and responses and disapprove every child.
   */
  public Down down(AgentState state, DownMessage fromParent) {
    AgentState s = state;
    if (!fromParent.approved()) {
      s = new AgentState(s.agentId(), s.childCount(), s.upSteps(), s.prevSelected(), s.prevSelected(),
          s.prevChildResponses(), s.prevChildLocalCost(), s.prevChildSquaredLocalCost(),
          s.prevChildResponses(), s.prevChildLocalCost(), s.prevChildSquaredLocalCost(),
          0, s.subtreeSize(), s.prevResponse(), s.prevResponseLocalCost(), s.prevResponseSquaredLocalCost(),
          s.prevResponse(), s.prevResponseLocalCost(), s.prevResponseSquaredLocalCost(),
          s.global(), s.globalLocalCost(), s.globalSquaredLocalCost(), s.numAgents(), s.rngState());
    }
    AgentState next = new AgentState(s.agentId(), s.childCount(), s.upSteps(), s.selected(), s.prevSelected(),
        s.childResponses(), s.childLocalCost(), s.childSquaredLocalCost(),
        s.prevChildResponses(), s.prevChildLocalCost(), s.prevChildSquaredLocalCost(),
        s.approvedMask(), s.subtreeSize(), s.response(), s.responseLocalCost(), s.responseSquaredLocalCost(),
        s.prevResponse(), s.prevResponseLocalCost(), s.prevResponseSquaredLocalCost(),
        fromParent.global(), fromParent.globalLocalCost(), fromParent.globalSquaredLocalCost(),
        fromParent.numAgents(), s.rngState());
    List<DownMessage> out = new ArrayList<>(s.childCount());
    for (int c = 0; c < s.childCount(); c++) {
      out.add(new DownMessage(fromParent.global(), fromParent.globalLocalCost(),
          fromParent.globalSquaredLocalCost(), fromParent.numAgents(), ((s.approvedMask() >> c) & 1) != 0));
    }
    return new Down(next, List.copyOf(out));
  }

  /**
   * After a tree reorganisation: keep the selected plan, adopt the new children (their messages, in
   * child order, carry their current subtree responses) and send the recomputed subtree response
   * up. Follow with a {@link #down} pass (everyone approved) to spread the recomputed global
   * response; the next {@link #up} then proceeds as any iteration t > 0.
   */
  public Up regroup(AgentState state, List<UpMessage> fromNewChildren) {
    if (state.selected() < 0) {
      throw new IllegalArgumentException("agent " + state.agentId() + " cannot regroup before its first iteration");
    }
    int nc = fromNewChildren.size();
    double[] child = new double[nc * d];
    double[] childL = new double[nc];
    double[] childL2 = new double[nc];
    int size = 1;
    for (int c = 0; c < nc; c++) {
      UpMessage m = fromNewChildren.get(c);
      if (m.response().length != d) {
        throw new IllegalArgumentException("child " + c + " response has dimension " + m.response().length + ", expected " + d);
      }
      System.arraycopy(m.response(), 0, child, c * d, d);
      childL[c] = m.sumLocalCost();
      childL2[c] = m.sumSquaredLocalCost();
      size += m.subtreeSize();
    }
    double[] a = new double[d];
    double aL = 0;
    double aL2 = 0;
    for (int c = 0; c < nc; c++) {
      for (int j = 0; j < d; j++) {
        a[j] += child[c * d + j];
      }
      aL += childL[c];
      aL2 += childL2[c];
    }
    int sel = state.selected();
    double[] response = new double[d];
    for (int j = 0; j < d; j++) {
      response[j] = a[j] + plans.value(sel, j);
    }
    double l = objective.localCost(plans, sel);
    double respL = aL + l;
    double respL2 = aL2 + l * l;
    AgentState s = state;
    AgentState next = new AgentState(s.agentId(), nc, s.upSteps(), sel, s.prevSelected(),
        child, childL, childL2, child, childL, childL2, (1 << nc) - 1, size,
        response, respL, respL2, response, respL, respL2,
        s.global(), s.globalLocalCost(), s.globalSquaredLocalCost(), s.numAgents(), s.rngState());
    return new Up(next, new UpMessage(response, respL, respL2, size));
  }

  private void checkMessages(AgentState state, List<UpMessage> msgs) {
    if (msgs.size() != state.childCount()) {
      throw new IllegalArgumentException("agent " + state.agentId() + " expects " + state.childCount()
          + " child messages, got " + msgs.size());
    }
    for (int c = 0; c < msgs.size(); c++) {
      if (msgs.get(c).response().length != d) {
        throw new IllegalArgumentException("agent " + state.agentId() + ": child " + c + " response has dimension "
            + msgs.get(c).response().length + ", expected " + d);
      }
    }
  }
}
