package org.swarmsense.gateway.mission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsense.epos.sensing.mission.Mission;
import org.swarmsense.epos.sensing.mission.MissionReader;
import org.swarmsense.gateway.http.LiveHub;
import org.swarmsense.gateway.http.MissionService;

/**
 * The missions of every fleet: a submitted mission is completed with the deployment's defaults
 * (the map's traffic source, bases), validated by {@link MissionReader} before anything else
 * happens (an invalid mission is refused with the field named and never planned), then planned in
 * the background; every state change is published to the {@link LiveHub}. Thread-safe.
 */
public final class MissionDesk implements MissionService {
  private static final Logger log = LoggerFactory.getLogger(MissionDesk.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LiveHub hub;
  private final PlanningService planner;
  private final ExecutorService executor;
  private final UnaryOperator<ObjectNode> defaults;
  private final Path baseDir;
  private volatile FleetMissionRunner runner;
  private final Map<String, Entry> missions = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();

  private static final class Entry {
    final String fleet;
    final String id;
    final long order;
    volatile MissionState state = MissionState.PLANNING;
    volatile String progress = "";
    volatile String error;
    volatile PlanningService.PlannedMission planned;

    Entry(String fleet, String id, long order) {
      this.fleet = fleet;
      this.id = id;
      this.order = order;
    }
  }

  /**
   * @param defaults completes a submitted mission object (e.g. adds the map's demand source)
   * @param baseDir folder that relative paths in missions resolve against
   */
  public MissionDesk(
      LiveHub hub,
      PlanningService planner,
      ExecutorService executor,
      UnaryOperator<ObjectNode> defaults,
      Path baseDir) {
    this.hub = hub;
    this.planner = planner;
    this.executor = executor;
    this.defaults = defaults;
    this.baseDir = baseDir;
  }

  /** Lets this desk fly missions with the fleets' drones (none by default: run is refused). */
  public void flyWith(FleetMissionRunner runner) {
    this.runner = runner;
  }

  @Override
  public JsonNode run(String fleet, String missionId) {
    return run(fleet, missionId, null);
  }

  /**
   * Flies a planned mission with a given selection (e.g. the decentralized planners' choice).
   *
   * @param selection plan index per drone, or null for the planned I-EPOS selection
   */
  public JsonNode run(String fleet, String missionId, int[] selection) {
    FleetMissionRunner r = runner;
    if (r == null) {
      throw new MissionConflictException("this gateway has no fleet link to fly missions with");
    }
    Entry e = find(fleet, missionId);
    PlanningService.PlannedMission p = planned(e);
    synchronized (e) {
      if (e.state == MissionState.RUNNING) {
        throw new MissionConflictException("mission '" + missionId + "' is already running");
      }
      e.state = MissionState.RUNNING;
    }
    try {
      JsonNode dispatch = r.dispatch(fleet, missionId, p.result(), selection);
      e.progress =
          dispatch.path("accepted").asInt() + " of " + dispatch.path("drones").asInt() + " drones accepted their plan";
      publish(e);
      ObjectNode status = status(e).toJson();
      status.set("dispatch", dispatch);
      return status;
    } catch (RuntimeException ex) {
      e.state = MissionState.PLANNED;
      throw ex;
    }
  }

  @Override
  public JsonNode submit(String fleet, String body) {
    JsonNode parsed;
    try {
      parsed = JSON.readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("mission: not valid JSON: " + e.getOriginalMessage());
    }
    if (!(parsed instanceof ObjectNode object)) {
      throw new IllegalArgumentException("mission: must be a JSON object");
    }
    ObjectNode completed = defaults.apply(object.deepCopy());
    Mission mission = MissionReader.parse(completed, baseDir, "mission " + (sequence.get() + 1));
    long order = sequence.incrementAndGet();
    Entry entry = new Entry(fleet, "m" + order, order);
    missions.put(key(fleet, entry.id), entry);
    publish(entry);
    executor.execute(() -> plan(entry, mission));
    return status(entry).toJson();
  }

  private void plan(Entry entry, Mission mission) {
    try {
      entry.planned =
          planner.plan(
              mission,
              line -> {
                entry.progress = line;
                publish(entry);
              });
      entry.progress = "";
      entry.state = MissionState.PLANNED;
    } catch (IllegalArgumentException e) {
      entry.error = e.getMessage();
      entry.state = MissionState.FAILED;
    } catch (RuntimeException e) {
      log.error("planning mission {} of fleet {} failed", entry.id, entry.fleet, e);
      entry.error = "planning failed: " + e;
      entry.state = MissionState.FAILED;
    }
    publish(entry);
  }

  private void publish(Entry e) {
    hub.publish(e.fleet, status(e).toJson());
  }

  private static MissionStatus status(Entry e) {
    MissionState state = e.state; // read first: the error is written before the state turns FAILED
    return new MissionStatus(e.id, state, e.progress, state == MissionState.FAILED ? e.error : null);
  }

  @Override
  public JsonNode status(String fleet, String missionId) {
    return status(find(fleet, missionId)).toJson();
  }

  /** The typed status of a mission of a fleet. */
  public MissionStatus missionStatus(String fleet, String missionId) {
    return status(find(fleet, missionId));
  }

  @Override
  public List<JsonNode> list(String fleet) {
    List<Entry> mine = new ArrayList<>();
    for (Entry e : missions.values()) {
      if (e.fleet.equals(fleet)) {
        mine.add(e);
      }
    }
    mine.sort(Comparator.comparingLong((Entry e) -> e.order).reversed());
    List<JsonNode> out = new ArrayList<>();
    mine.forEach(e -> out.add(status(e).toJson()));
    return out;
  }

  @Override
  public JsonNode report(String fleet, String missionId) {
    return planned(find(fleet, missionId)).report();
  }

  /** The planner's full result of a planned mission (for flying it). */
  public PlanningService.PlannedMission planned(String fleet, String missionId) {
    return planned(find(fleet, missionId));
  }

  @Override
  public JsonNode plansGeoJson(String fleet, String missionId) {
    return planned(find(fleet, missionId)).plansGeoJson();
  }

  private static PlanningService.PlannedMission planned(Entry e) {
    PlanningService.PlannedMission p = e.planned;
    if (p == null) {
      throw new MissionConflictException("mission '" + e.id + "' is " + e.state.wireName() + ", not planned");
    }
    return p;
  }

  private Entry find(String fleet, String id) {
    Entry e = missions.get(key(fleet, id));
    if (e == null) {
      throw new MissionNotFoundException(id);
    }
    return e;
  }

  private static String key(String fleet, String id) {
    return fleet + "/" + id;
  }
}
