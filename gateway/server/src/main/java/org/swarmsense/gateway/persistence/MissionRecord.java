package org.swarmsense.gateway.persistence;

import java.util.List;
import org.swarmsense.agents.cluster.CborSerializable;
import org.swarmsense.agents.mission.DroneProgress;

/**
 * One mission as the journal keeps it (kind {@code mission}, key {@code <fleet>/<id>}): what was
 * submitted, the planner's report and plans, and the flight's progress as the mission coordinator
 * last reported it. Event sourced with snapshots ({@link StateEntity}); the events, in the order a
 * mission meets them:
 *
 * <ul>
 *   <li>{@link Submitted}: the completed mission object (defaults applied, already validated), its id
 *       and list order; state {@code PLANNING}.
 *   <li>{@link Planned}: the report and plans GeoJSON the HTTP API serves; state {@code PLANNED}.
 *   <li>{@link Failed}: planning refused or broke, or a restart interrupted the drones' planning;
 *       state {@code FAILED} with the error.
 *   <li>{@link Cancelled}: by the operator; state {@code CANCELLED}.
 *   <li>{@link Flying}: run was called, the drones are planning; state {@code RUNNING}.
 *   <li>{@link FlightAborted}: the run call failed before any plan went out; back to {@code PLANNED}.
 *   <li>{@link Progressed}: the coordinator's news (each drone's stage and plan id, plannings, mission
 *       time, the progress line); state {@code RUNNING}, or {@code DONE} when every drone is finished.
 * </ul>
 *
 * The state is the gateway's {@code MissionState} by name (this package does not depend on the
 * mission package, which depends on it). Re-applied on recovery with the same {@link #apply}.
 *
 * @param fleet the mission's fleet ("" only in {@link #NONE})
 * @param id the mission id within its fleet, e.g. {@code m1} ("" only in {@link #NONE})
 * @param order the desk's listing order (newest first)
 * @param missionJson the submitted mission as completed by the desk
 * @param state the {@code MissionState} name, "" in {@link #NONE}
 * @param progress the last progress line
 * @param error why it failed ("" otherwise)
 * @param reportJson the report once planned ("" before)
 * @param plansJson the plans GeoJSON once planned ("" before)
 * @param droneIds the drones flying it, in mission order (empty before the first dispatch)
 * @param drones each drone's progress, in mission order
 * @param plannings plannings the coordinator did (first + re-plans)
 * @param missionTimeS mission time reached, s
 * @param updatedAtMs when the last event happened (epoch ms)
 */
public record MissionRecord(String fleet, String id, long order, String missionJson, String state, String progress,
    String error, String reportJson, String plansJson, List<String> droneIds, List<DroneProgress> drones,
    int plannings, double missionTimeS, long updatedAtMs) implements EntityState<MissionRecord, MissionRecord.Event> {

  /** No mission: the state before the first event. */
  public static final MissionRecord NONE =
      new MissionRecord("", "", 0, "", "", "", "", "", "", List.of(), List.of(), 0, 0, 0);

  /** Checks and copies; errors name the field and the value. */
  public MissionRecord {
    fleet = fleet == null ? "" : fleet;
    id = id == null ? "" : id;
    state = state == null ? "" : state;
    if (!state.isEmpty() && (fleet.isEmpty() || id.isEmpty())) {
      throw new IllegalArgumentException("mission record: fleet and id must be set, were '" + fleet + "' and '" + id
          + "'");
    }
    missionJson = missionJson == null ? "" : missionJson;
    progress = progress == null ? "" : progress;
    error = error == null ? "" : error;
    reportJson = reportJson == null ? "" : reportJson;
    plansJson = plansJson == null ? "" : plansJson;
    droneIds = droneIds == null ? List.of() : List.copyOf(droneIds);
    drones = drones == null ? List.of() : List.copyOf(drones);
    if (!drones.isEmpty() && drones.size() != droneIds.size()) {
      throw new IllegalArgumentException("mission record " + id + ": " + drones.size() + " drone progresses for "
          + droneIds.size() + " drone ids");
    }
    if (plannings < 0 || !(missionTimeS >= 0)) {
      throw new IllegalArgumentException("mission record " + id + ": plannings and missionTimeS must be >= 0, were "
          + plannings + " and " + missionTimeS);
    }
  }

  /** An event of a mission. */
  public sealed interface Event extends CborSerializable
      permits Submitted, Planned, Failed, Cancelled, Flying, FlightAborted, Progressed {
    /** When it happened (epoch ms). */
    long atMs();
  }

  /** The mission was accepted. */
  public record Submitted(String fleet, String id, long order, String missionJson, long atMs) implements Event {
    /** Validates the fields. */
    public Submitted {
      if (fleet == null || fleet.isEmpty() || id == null || id.isEmpty() || missionJson == null
          || missionJson.isEmpty()) {
        throw new IllegalArgumentException("mission submitted: fleet, id and missionJson must be set");
      }
    }
  }

  /** Planning finished. */
  public record Planned(String reportJson, String plansJson, long atMs) implements Event {
    /** Validates the fields. */
    public Planned {
      if (reportJson == null || reportJson.isEmpty() || plansJson == null || plansJson.isEmpty()) {
        throw new IllegalArgumentException("mission planned: reportJson and plansJson must be set");
      }
    }
  }

  /** The mission failed with {@code error}. */
  public record Failed(String error, long atMs) implements Event {
    /** Validates the field. */
    public Failed {
      if (error == null || error.isEmpty()) {
        throw new IllegalArgumentException("mission failed: error must be set");
      }
    }
  }

  /** The operator cancelled the mission. */
  public record Cancelled(long atMs) implements Event {}

  /** Run was called: the drones plan. */
  public record Flying(long atMs) implements Event {}

  /** The run call failed before any plan went out. */
  public record FlightAborted(long atMs) implements Event {}

  /** The coordinator reported progress. */
  public record Progressed(List<String> droneIds, List<DroneProgress> drones, int plannings, double missionTimeS,
      String progress, boolean done, long atMs) implements Event {
    /** Validates and copies. */
    public Progressed {
      droneIds = List.copyOf(droneIds);
      drones = List.copyOf(drones);
      if (drones.size() != droneIds.size()) {
        throw new IllegalArgumentException("mission progressed: " + drones.size() + " drones for " + droneIds.size()
            + " ids");
      }
    }
  }

  @Override
  public MissionRecord apply(Event e) {
    if (e instanceof Submitted s) {
      return new MissionRecord(s.fleet(), s.id(), s.order(), s.missionJson(), "PLANNING", "", "", "", "", List.of(),
          List.of(), 0, 0, s.atMs());
    }
    boolean cancelled = "CANCELLED".equals(state); // a planning that ends after a cancel leaves it cancelled
    if (e instanceof Planned p) {
      return new MissionRecord(fleet, id, order, missionJson, cancelled ? state : "PLANNED", "", "", p.reportJson(), p.plansJson(),
          droneIds, drones, plannings, missionTimeS, p.atMs());
    }
    if (e instanceof Failed f) {
      return new MissionRecord(fleet, id, order, missionJson, cancelled ? state : "FAILED", "",
          cancelled ? "" : f.error(), reportJson, plansJson,
          droneIds, drones, plannings, missionTimeS, f.atMs());
    }
    if (e instanceof Cancelled c) {
      return new MissionRecord(fleet, id, order, missionJson, "CANCELLED", "", "", reportJson, plansJson, droneIds,
          drones, plannings, missionTimeS, c.atMs());
    }
    if (e instanceof Flying f) {
      return new MissionRecord(fleet, id, order, missionJson, "RUNNING", "planning among the fleet's drones", "",
          reportJson, plansJson, List.of(), List.of(), 0, 0, f.atMs());
    }
    if (e instanceof FlightAborted a) {
      return new MissionRecord(fleet, id, order, missionJson, "PLANNED", "", "", reportJson, plansJson, List.of(),
          List.of(), 0, 0, a.atMs());
    }
    Progressed p = (Progressed) e;
    return new MissionRecord(fleet, id, order, missionJson, p.done() ? "DONE" : state, p.progress(), "", reportJson,
        plansJson, p.droneIds(), p.drones(), p.plannings(), p.missionTimeS(), p.atMs());
  }
}
