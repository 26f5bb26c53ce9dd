package org.swarmsense.agents.mission;

import java.util.ArrayList;
import java.util.List;
import org.swarmsense.epos.sensing.plans.CandidatePlan;

/**
 * The part of a candidate plan still ahead from a slot on, for re-planning the remaining slots: the
 * sorties taking off at or after the slot's start, their hover entries (slots before it dropped),
 * their energy, and the cost scaled by the energy kept. Stateless, thread-safe.
 */
public final class RemainingPlans {
  private RemainingPlans() {}

  /** {@code plan} from slot {@code fromSlot} on (of {@code slots} slots of {@code slotS} s). */
  public static CandidatePlan fromSlot(CandidatePlan plan, int fromSlot, int slots, double slotS) {
    if (fromSlot < 0 || fromSlot > slots) {
      throw new IllegalArgumentException("fromSlot must be in 0.." + slots + ", got: " + fromSlot);
    }
    if (!(slotS > 0)) {
      throw new IllegalArgumentException("slotS must be > 0, got: " + slotS);
    }
    double startS = fromSlot * slotS;
    List<CandidatePlan.Sortie> kept = new ArrayList<>();
    double energy = 0;
    for (CandidatePlan.Sortie s : plan.sorties()) {
      if (s.takeOffS() >= startS) {
        kept.add(s);
        energy += s.energyJ();
      }
    }
    int n = 0;
    int[] idx = new int[plan.nonZeros()];
    double[] hover = new double[plan.nonZeros()];
    for (int i = 0; i < plan.nonZeros(); i++) {
      int slot = plan.indexAt(i) % slots;
      if (slot >= fromSlot) {
        idx[n] = plan.indexAt(i);
        hover[n++] = plan.hoverAt(i);
      }
    }
    double cost = plan.energyJ() > 0 ? plan.cost() * energy / plan.energyJ() : 0;
    return new CandidatePlan(plan.drone(), plan.index(), plan.base(), java.util.Arrays.copyOf(idx, n),
        java.util.Arrays.copyOf(hover, n), energy, cost, kept);
  }

  /** Every plan of every drone from slot {@code fromSlot} on. */
  public static List<List<CandidatePlan>> allFromSlot(List<List<CandidatePlan>> plans, int fromSlot, int slots,
      double slotS) {
    List<List<CandidatePlan>> out = new ArrayList<>(plans.size());
    for (List<CandidatePlan> ps : plans) {
      List<CandidatePlan> o = new ArrayList<>(ps.size());
      for (CandidatePlan p : ps) {
        o.add(fromSlot(p, fromSlot, slots, slotS));
      }
      out.add(List.copyOf(o));
    }
    return List.copyOf(out);
  }
}
