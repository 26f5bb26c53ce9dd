package org.swarmsense.semantic.control;

import java.util.ArrayList;
import java.util.List;

/**
 * The one copy of the slot's formulas (delays, accuracy, queues, virtual queues, reward) for a
 * {@link ControlModel}; module README, choices 2-4. Per device n of service m with sampled bits
 * zeta_n = lambda_n(t) * bits_m * k_n / K:
 *
 * <ul>
 *   <li>local: delay (Q_n + zeta_n) eta_c / f_n;
 *   <li>edge: zeta_n / R_n + eta_u (Q_m + zeta_n + omega_n) / (c_m f_b), omega_n = half the other
 *       new offloaded bits of service m; L_m sums eta_u (Q_m + zeta_n + omega_n) over them.
 * </ul>
 *
 * Local tasks pay no edge queueing or waiting delay. Only devices with tasks in the slot (arrivals
 * &gt; 0) count: D(t) is the mean over them, an edge load L_m sums only them, and a service's
 * accuracy A_m is the mean of g * h over its devices with tasks; a service none of whose devices
 * has tasks is not measured that slot: A_m is NaN and its virtual queue and reward term do not move
 * (a drone in transit captures nothing). In the paper's model every device has tasks every slot
 * (arrivals &gt;= 0.1), so there these are the paper's means over all devices. The edge drains its queues work-conservingly:
 * each service gets c_m of the CPU and cycles a service cannot use go to the others. Stateless
 * apart from cached constants; thread-safe.
 */
public final class SlotDynamics {

  private final ControlModel model;
  private final int[] serviceOf;
  private final double[] rateByState;
  private final int devices;
  private final int services;

  public SlotDynamics(ControlModel model) {
    this.model = model;
    this.serviceOf = model.serviceOfDevice();
    this.devices = serviceOf.length;
    this.services = model.serviceCount();
    this.rateByState = new double[model.channel().states()];
    for (int s = 0; s < rateByState.length; s++) {
      rateByState[s] = model.uplinkRateBps(s);
    }
  }

  public ControlModel model() {
    return model;
  }

  /**
   * The next queues after a slot, with the outcome: what a caller that plays its own arrivals and
   * channels (the fleet's detect run, agents) needs to build the next {@link SlotState}.
   */
  public record Transition(SlotOutcome outcome, double[] localQueueBits, double[] edgeQueueBits,
      double[] virtualQueues) {

    /** The next slot's state: these queues with the next slot's channels and arrivals. */
    public SlotState next(int[] channelStates, double[] arrivalsTasks) {
      return new SlotState(localQueueBits, channelStates, arrivalsTasks, edgeQueueBits, virtualQueues);
    }
  }

  /** Outcome of {@code decision} in {@code state} with the edge split {@code split}. */
  public SlotOutcome outcome(SlotState state, SlotDecision decision, EdgeSplit split) {
    return step(state, decision, split).outcome();
  }

  /** L_m of every service for {@code decision} in {@code state}, cycles. */
  public double[] edgeLoadCycles(SlotState state, SlotDecision decision) {
    check(state, decision);
    double[] zeta = sampledBits(state, decision);
    return loads(state, decision, zeta, offloadedBits(decision, zeta));
  }

  /** Plays {@code decision} in {@code state} with the edge split {@code split}: outcome and next queues. */
  public Transition step(SlotState state, SlotDecision decision, EdgeSplit split) {
    check(state, decision);
    double[] zeta = sampledBits(state, decision);
    double[] offloaded = offloadedBits(decision, zeta);
    double[] load = loads(state, decision, zeta, offloaded);
    double[] c = split.shares(load);
    double edgeDelaySum = EdgeSplit.edgeDelaySumS(load, c, model.edgeCpuHz());
    double delaySum = edgeDelaySum;
    double uploadDelaySum = 0;
    double[] accuracySum = new double[services];
    int[] measured = new int[services];
    double[] nextLocal = new double[devices];
    int overflows = 0;
    double uploaded = 0;
    for (int n = 0; n < devices; n++) {
      ServiceProfile p = model.services().get(serviceOf[n]);
      double g = model.samplingAccuracy().get(decision.level(n) - 1);
      double localRateBps = model.deviceCpuHz() / p.localCyclesPerBit();
      double q = state.localQueueBits(n);
      boolean hasTasks = state.arrivalsTasks(n) > 0;
      measured[serviceOf[n]] += hasTasks ? 1 : 0;
      if (!hasTasks) {
        // no new work: no delay to count, nothing sent; the backlog still drains below
      } else if (decision.atEdge(n)) {
        double upload = zeta[n] / rateByState[state.channelState(n)];
        delaySum += upload;
        uploadDelaySum += upload;
        accuracySum[serviceOf[n]] += g * model.edgeModelAccuracy();
        uploaded += zeta[n];
      } else {
        delaySum += (q + zeta[n]) / localRateBps;
        accuracySum[serviceOf[n]] += g * model.deviceModelAccuracy();
        q += zeta[n];
      }
      q = Math.max(q - localRateBps * model.slotS(), 0);
      if (q > model.localQueueCapBits()) {
        q = model.localQueueCapBits();
        overflows++;
      }
      nextLocal[n] = q;
    }
    double[] nextEdge = drainEdge(state, offloaded, c);
    for (int m = 0; m < services; m++) {
      if (nextEdge[m] > model.edgeQueueCapBits()) {
        nextEdge[m] = model.edgeQueueCapBits();
        overflows++;
      }
    }
    int withTasks = 0;
    for (int m : measured) {
      withTasks += m;
    }
    double meanDelay = withTasks == 0 ? 0 : delaySum / withTasks;
    double reward = -model.lyapunovWeight() * (meanDelay + model.overflowPenaltyS() * overflows);
    List<Double> accuracy = new ArrayList<>(services);
    double[] nextZ = new double[services];
    for (int m = 0; m < services; m++) {
      ServiceProfile p = model.services().get(m);
      double a = measured[m] > 0 ? accuracySum[m] / measured[m] : Double.NaN;
      accuracy.add(a);
      double gap = measured[m] > 0 ? p.accuracyTarget() - a : 0;
      reward -= state.virtualQueue(m) * gap;
      nextZ[m] = Math.max(state.virtualQueue(m) + gap, 0);
    }
    List<Double> shares = new ArrayList<>(services);
    for (double s : c) {
      shares.add(s);
    }
    return new Transition(new SlotOutcome(meanDelay, accuracy, overflows, reward, shares, uploaded,
        withTasks == 0 ? 0 : edgeDelaySum / withTasks, withTasks == 0 ? 0 : uploadDelaySum / withTasks), nextLocal,
        nextEdge, nextZ);
  }

  private double[] drainEdge(SlotState state, double[] offloaded, double[] c) {
    double[] needCycles = new double[services];
    double[] servedCycles = new double[services];
    double capacity = model.edgeCpuHz() * model.slotS();
    double surplus = capacity;
    for (int m = 0; m < services; m++) {
      needCycles[m] = (state.edgeQueueBits(m) + offloaded[m]) * model.services().get(m).edgeCyclesPerBit();
      servedCycles[m] = Math.min(needCycles[m], c[m] * capacity);
      surplus -= servedCycles[m];
    }
    for (int round = 0; round < services && surplus > 1e-9 * capacity; round++) {
      int hungry = 0;
      for (int m = 0; m < services; m++) {
        hungry += needCycles[m] > servedCycles[m] ? 1 : 0;
      }
      if (hungry == 0) {
        break;
      }
      double each = surplus / hungry;
      for (int m = 0; m < services; m++) {
        if (needCycles[m] > servedCycles[m]) {
          double extra = Math.min(each, needCycles[m] - servedCycles[m]);
          servedCycles[m] += extra;
          surplus -= extra;
        }
      }
    }
    double[] next = new double[services];
    for (int m = 0; m < services; m++) {
      next[m] = Math.max(needCycles[m] - servedCycles[m], 0) / model.services().get(m).edgeCyclesPerBit();
    }
    return next;
  }

  private double[] sampledBits(SlotState state, SlotDecision decision) {
    double[] zeta = new double[devices];
    int k = model.levels();
    for (int n = 0; n < devices; n++) {
      zeta[n] = state.arrivalsTasks(n) * model.services().get(serviceOf[n]).taskBits() * decision.level(n) / k;
    }
    return zeta;
  }

  private double[] offloadedBits(SlotDecision decision, double[] zeta) {
    double[] off = new double[services];
    for (int n = 0; n < devices; n++) {
      if (decision.atEdge(n)) {
        off[serviceOf[n]] += zeta[n];
      }
    }
    return off;
  }

  private double[] loads(SlotState state, SlotDecision decision, double[] zeta, double[] offloaded) {
    double[] load = new double[services];
    for (int n = 0; n < devices; n++) {
      if (decision.atEdge(n) && zeta[n] > 0) {
        int m = serviceOf[n];
        double omega = (offloaded[m] - zeta[n]) / 2;
        load[m] += model.services().get(m).edgeCyclesPerBit() * (state.edgeQueueBits(m) + zeta[n] + omega);
      }
    }
    return load;
  }

  private void check(SlotState state, SlotDecision decision) {
    if (state.deviceCount() != devices || decision.deviceCount() != devices || state.serviceCount() != services) {
      throw new IllegalArgumentException("state/decision sizes (" + state.deviceCount() + " devices, "
          + decision.deviceCount() + " decisions, " + state.serviceCount() + " services) do not match the model ("
          + devices + " devices, " + services + " services)");
    }
    for (int n = 0; n < devices; n++) {
      if (decision.level(n) > model.levels()) {
        throw new IllegalArgumentException("decision level of device " + n + " must be <= " + model.levels()
            + ", got: " + decision.level(n));
      }
      if (state.channelState(n) >= rateByState.length) {
        throw new IllegalArgumentException("channel state of device " + n + " must be < " + rateByState.length
            + ", got: " + state.channelState(n));
      }
    }
  }
}
