package org.swarmsense.gateway.mission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.swarmsense.epos.sensing.MissionPlanner.Result;
import org.swarmsense.epos.sensing.MissionPlanner.Run;
import org.swarmsense.epos.sensing.Strategy;
import org.swarmsense.epos.sensing.mission.Mission;
import org.swarmsense.epos.sensing.plans.CandidatePlan;
import org.swarmsense.gateway.wire.Command;
import org.swarmsense.gateway.wire.CommandReply;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.Waypoint;
import org.swarmsense.maps.geo.LocalProjection;

/**
 * Flies a planned mission with a fleet's drones: drone i of the plan (in the order of the fleet's
 * drone ids) gets its selected plan as a QoS 1 {@code plan} command of waypoints with holds
 * ({@link PlanWaypoints}), and the runner waits for every drone's reply. A drone whose selection is
 * {@link #NO_PLAN} (the decentralized planners' mark for a drone that did not propose) gets no
 * command and is reported as left out. Thread-safe.
 */
public final class FleetMissionRunner {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The selection of a drone that has no plan (left out of the planning): it gets no command. */
  public static final int NO_PLAN = -1;

  /** How the runner reaches a drone: its entity (which sends through the fleet link), or the link itself. */
  @FunctionalInterface
  public interface Sender {
    /** Sends {@code command} to {@code device} on behalf of {@code fleet}; completes with its answer. */
    CompletableFuture<CommandReply> send(String fleet, DeviceId device, Command command, Duration timeout);
  }

  private final Sender sender;
  private final Function<String, List<DeviceId>> devicesOfFleet;
  private final Duration replyTimeout;

  /**
   * @param devicesOfFleet the devices currently registered in a fleet
   */
  public FleetMissionRunner(
      Sender link, Function<String, List<DeviceId>> devicesOfFleet, Duration replyTimeout) {
    this.sender = link;
    this.devicesOfFleet = devicesOfFleet;
    this.replyTimeout = replyTimeout;
  }

  /**
   * Dispatches the selected plans of the mission's first run.
   *
   * @param selection plan index per drone ({@link #NO_PLAN} for a drone left out), or null for the
   *     planner's I-EPOS selection
   * @return {@code {"drones": n, "accepted": k, "refused": [...], "left_out": [...]}}
   * @throws IllegalArgumentException when the selection does not have one entry per drone, or an
   *     entry is neither {@link #NO_PLAN} nor one of that drone's plans
   * @throws MissionConflictException when the fleet has fewer drones than the plan, or the mission
   *     is not geographic
   */
  public ObjectNode dispatch(String fleet, String missionId, Result result, int[] selection) {
    Run run = result.runs().get(0);
    int[] chosen = selection != null ? selection : run.results().get(Strategy.I_EPOS).selection();
    checkSelection(chosen, run);
    List<DeviceId> drones = new ArrayList<>();
    for (DeviceId d : devicesOfFleet.apply(fleet)) {
      if (d.kind() == DeviceKind.DRONE) {
        drones.add(d);
      }
    }
    drones.sort(Comparator.comparing(DeviceId::id));
    if (drones.size() < chosen.length) {
      throw new MissionConflictException(
          "mission '" + missionId + "' needs " + chosen.length + " drones, fleet '" + fleet + "' has "
              + drones.size() + " connected");
    }
    LocalProjection projection =
        result.projection().orElseThrow(() -> new MissionConflictException("only geographic missions can be flown"));
    Mission.Fleet f = result.mission().fleet();
    List<CompletableFuture<CommandReply>> replies = new ArrayList<>();
    var leftOut = JSON.createArrayNode();
    for (int d = 0; d < chosen.length; d++) {
      if (chosen[d] == NO_PLAN) {
        leftOut.add(drones.get(d).id());
        replies.add(null);
        continue;
      }
      CandidatePlan plan = run.plans().get(d).get(chosen[d]);
      List<Waypoint> waypoints =
          PlanWaypoints.of(plan, projection, f.altitudeM(), f.batterySwapS(), result.energy());
      if (waypoints.isEmpty()) {
        replies.add(CompletableFuture.completedFuture(null));
        continue;
      }
      Command command = Command.plan(System.currentTimeMillis(), missionId + "-d" + d, waypoints);
      replies.add(sender.send(fleet, drones.get(d), command, replyTimeout));
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("drones", chosen.length);
    int accepted = 0;
    var refused = out.putArray("refused");
    for (int d = 0; d < replies.size(); d++) {
      if (replies.get(d) == null) {
        continue; // left out: nothing was sent
      }
      try {
        CommandReply r = replies.get(d).get(replyTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        if (r == null || r.ok()) {
          accepted++;
        } else {
          refused.addObject().put("drone", drones.get(d).id()).put("reason", String.valueOf(r.reason()));
        }
      } catch (Exception e) {
        refused.addObject().put("drone", drones.get(d).id()).put("reason", "no reply: " + e.getMessage());
      }
    }
    out.put("accepted", accepted);
    out.set("left_out", leftOut);
    return out;
  }

  private static void checkSelection(int[] chosen, Run run) {
    if (chosen.length != run.plans().size()) {
      throw new IllegalArgumentException(
          "selection must have one entry per drone (" + run.plans().size() + "), had " + chosen.length);
    }
    for (int d = 0; d < chosen.length; d++) {
      int plans = run.plans().get(d).size();
      if (chosen[d] != NO_PLAN && (chosen[d] < 0 || chosen[d] >= plans)) {
        throw new IllegalArgumentException(
            "selection[" + d + "] must be -1 (no plan) or 0.." + (plans - 1) + ", was " + chosen[d]);
      }
    }
  }
}
