package org.swarmsense.agents.mission;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.swarmsense.epos.sensing.energy.EnergyModel;
import org.swarmsense.epos.sensing.flight.FlightTimeline;
import org.swarmsense.epos.sensing.plans.CandidatePlan;

/**
 * The part of a candidate plan still ahead from a slot on, for re-planning the remaining slots: the
 * sorties taking off at or after the slot's start, the rest of a sortie that took off before it and
 * still has hover ahead (an {@link CandidatePlan.Sortie#airborne airborne} sortie: its stops from the
 * slot on, the first one cut at the slot's start, its path from that stop on, its energy what is
 * still to be flown from there), their hover entries (slots before it dropped), their energy, and
 * the cost scaled by the energy kept. A sortie whose stops all end by the slot's start (landed, or
 * only flying home) is dropped; and which of those rests a re-plan offers a drone ({@link
 * #optionsFromSlot}). Stateless, thread-safe.
 */
public final class RemainingPlans {
  private RemainingPlans() {}

  /**
   * {@code plan} from slot {@code fromSlot} on (of {@code slots} slots of {@code slotS} s); {@code
   * energy} prices the rest of a sortie already in the air.
   */
  public static CandidatePlan fromSlot(CandidatePlan plan, int fromSlot, int slots, double slotS,
      EnergyModel energy) {
    if (fromSlot < 0 || fromSlot > slots) {
      throw new IllegalArgumentException("fromSlot must be in 0.." + slots + ", got: " + fromSlot);
    }
    if (!(slotS > 0)) {
      throw new IllegalArgumentException("slotS must be > 0, got: " + slotS);
    }
    if (energy == null) {
      throw new IllegalArgumentException("energy must not be null");
    }
    double startS = fromSlot * slotS;
    List<CandidatePlan.Sortie> kept = new ArrayList<>();
    double energyJ = 0;
    for (CandidatePlan.Sortie s : plan.sorties()) {
      CandidatePlan.Sortie rest = s.takeOffS() >= startS ? s : restInTheAir(plan, s, startS, energy);
      if (rest != null) {
        kept.add(rest);
        energyJ += rest.energyJ();
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
    double cost = plan.energyJ() > 0 ? plan.cost() * energyJ / plan.energyJ() : 0;
    return new CandidatePlan(plan.drone(), plan.index(), plan.base(), Arrays.copyOf(idx, n),
        Arrays.copyOf(hover, n), energyJ, cost, kept);
  }

  /**
   * What is still ahead at {@code startS} of sortie {@code s} (taken off before it): null when no
   * stop ends after {@code startS}.
   */
  private static CandidatePlan.Sortie restInTheAir(CandidatePlan plan, CandidatePlan.Sortie s, double startS,
      EnergyModel energy) {
    List<CandidatePlan.Stop> stops = s.stops();
    int first = 0;
    while (first < stops.size() && stops.get(first).startS() + stops.get(first).durationS() <= startS) {
      first++;
    }
    if (first == stops.size()) {
      return null;
    }
    // the path vertex where the first kept stop is held: stops matched to vertices in order, as flown
    List<double[]> path = s.path();
    int vertex = -1;
    int stop = 0;
    for (int v = 0; v < path.size() && vertex < 0; v++) {
      while (stop < stops.size() && Math.hypot(stops.get(stop).xM() - path.get(v)[0],
          stops.get(stop).yM() - path.get(v)[1]) <= FlightTimeline.SAME_POINT_M) {
        if (stop++ == first) {
          vertex = v;
          break;
        }
      }
    }
    if (vertex < 0) {
      CandidatePlan.Stop missing = stops.get(first);
      throw new IllegalArgumentException("plan " + plan.index() + " of drone " + plan.drone() + ": hover stop "
          + first + " (cell " + missing.cell() + " at " + missing.xM() + ", " + missing.yM()
          + ") is not on its sortie's path");
    }
    List<CandidatePlan.Stop> rest = new ArrayList<>(stops.subList(first, stops.size()));
    CandidatePlan.Stop cut = rest.get(0);
    if (cut.startS() < startS) {
      rest.set(0, new CandidatePlan.Stop(cut.cell(), cut.xM(), cut.yM(), startS,
          cut.startS() + cut.durationS() - startS));
    }
    double lengthM = 0;
    for (int v = vertex + 1; v < path.size(); v++) {
      lengthM += Math.hypot(path.get(v)[0] - path.get(v - 1)[0], path.get(v)[1] - path.get(v - 1)[1]);
    }
    double hoverS = 0;
    for (CandidatePlan.Stop r : rest) {
      hoverS += r.durationS();
    }
    return new CandidatePlan.Sortie(path.subList(vertex, path.size()), rest, s.takeOffS(),
        energy.flightEnergyJ(lengthM) + energy.hoverEnergyJ(hoverS), true);
  }

  /**
   * What a re-plan from slot {@code fromSlot} on can give a drone that flies its candidate {@code
   * flying} (-1: none yet): the rest of that plan; the rests of its other candidates that start on the
   * ground (no {@link CandidatePlan.Sortie#airborne airborne} sortie: it can fly home, swap the battery
   * and take off on another plan); and, when it is in the air at the slot's start, the rests of other
   * candidates in the air that it can reach in time on the battery it has, priced with the flight there.
   * Reaching one: from its own plan's first stop still ahead (where it is at the slot's start, or is
   * heading) straight to that rest's first stop, arriving by the stop's start (a stop cut at the slot's
   * start is reached only from the same point), with the flight there and the rest's energy within what
   * its own sortie has left (the battery less what the sortie has flown up to that stop and its
   * descent, kept in reserve). The flight there is added to the option's first sortie, energy and cost
   * (scaled like its energy); the drone's route flies it anyway (an airborne sortie is flown from
   * wherever the drone is). In candidate order, each keeping its {@link CandidatePlan#index()}.
   */
  public static List<CandidatePlan> optionsFromSlot(List<CandidatePlan> plans, int flying, int fromSlot, int slots,
      double slotS, EnergyModel energy) {
    double startS = fromSlot * slotS;
    List<CandidatePlan> rests = new ArrayList<>(plans.size());
    CandidatePlan.Sortie inAir = null;
    double leftJ = 0;
    for (CandidatePlan p : plans) {
      CandidatePlan rest = fromSlot(p, fromSlot, slots, slotS, energy);
      rests.add(rest);
      if (p.index() == flying && !rest.sorties().isEmpty() && rest.sorties().get(0).airborne()) {
        inAir = rest.sorties().get(0);
        double takeOffS = inAir.takeOffS();
        CandidatePlan.Sortie whole = p.sorties().stream().filter(x -> x.takeOffS() == takeOffS).findFirst()
            .orElseThrow();
        leftJ = energy.drone().batteryCapacityJ() - whole.energyJ() + inAir.energyJ();
      }
    }
    List<CandidatePlan> out = new ArrayList<>(plans.size());
    for (CandidatePlan rest : rests) {
      if (rest.index() == flying || rest.sorties().stream().noneMatch(CandidatePlan.Sortie::airborne)) {
        out.add(rest);
      } else if (inAir != null) {
        CandidatePlan.Sortie there = rest.sorties().get(0);
        double[] from = inAir.path().get(0);
        double[] to = there.path().get(0);
        double lengthM = Math.hypot(to[0] - from[0], to[1] - from[1]);
        lengthM = lengthM <= FlightTimeline.SAME_POINT_M ? 0 : lengthM;
        double transferJ = energy.flightEnergyJ(lengthM);
        if (startS + energy.flightTimeS(lengthM) <= there.stops().get(0).startS()
            && transferJ + there.energyJ() <= leftJ) {
          out.add(withTransfer(rest, transferJ));
        }
      }
    }
    return List.copyOf(out);
  }

  /** {@code rest} with {@code transferJ} more on its first sortie, its energy and, in proportion, its cost. */
  private static CandidatePlan withTransfer(CandidatePlan rest, double transferJ) {
    if (transferJ == 0) {
      return rest;
    }
    List<CandidatePlan.Sortie> sorties = new ArrayList<>(rest.sorties());
    CandidatePlan.Sortie first = sorties.get(0);
    sorties.set(0, new CandidatePlan.Sortie(first.path(), first.stops(), first.takeOffS(), first.energyJ() + transferJ,
        first.airborne()));
    double energyJ = rest.energyJ() + transferJ;
    return new CandidatePlan(rest.drone(), rest.index(), rest.base(), rest.indices(), rest.hoverS(), energyJ,
        rest.cost() * energyJ / rest.energyJ(), sorties);
  }

  /**
   * {@link #optionsFromSlot} for every drone: {@code flying[i]} is the candidate drone {@code i} flies
   * (-1: none).
   */
  public static List<List<CandidatePlan>> allOptionsFromSlot(List<List<CandidatePlan>> plans, int[] flying,
      int fromSlot, int slots, double slotS, EnergyModel energy) {
    if (flying.length != plans.size()) {
      throw new IllegalArgumentException("flying names " + flying.length + " drones, plans " + plans.size());
    }
    List<List<CandidatePlan>> out = new ArrayList<>(plans.size());
    for (int i = 0; i < plans.size(); i++) {
      out.add(optionsFromSlot(plans.get(i), flying[i], fromSlot, slots, slotS, energy));
    }
    return List.copyOf(out);
  }
}
