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

/**
 * The missions of every fleet: a submitted mission is completed with the deployment's defaults
 * (the map's traffic source, bases), validated by {@link MissionReader} before anything else
 * happens (an invalid mission is refused with the field named and never planned), then planned in
 * the background; every state change is published to its {@link MissionEvents} (the live hub). The HTTP API calls it
 * directly; failures are domain exceptions that {@code http.ApiErrors} alone maps to statuses.
 * Thread-safe.
 */
public final class MissionDesk {
  private static final Logger log = LoggerFactory.getLogger(MissionDesk.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MissionEvents hub;
  private final PlanningService planner;
  private final ExecutorService executor;
  private final UnaryOperator<ObjectNode> defaults;
  private final Path baseDir;
  private volatile FleetMissionRunner runner;
  private volatile DecentralizedPlanning decentralized;
  private final Map<String, Entry> missions = new ConcurrentHashMap<>();
  /** Mission numbers per fleet: a fleet's ids never reveal the others' activity. */
  private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();
  private final AtomicLong order = new AtomicLong();
  private final MissionLimits limits;
  private final DatasetCatalogue datasets;

  private static final class Entry {
    final String fleet;
    final String id;
    final long order;
    volatile MissionState state = MissionState.PLANNING;
    volatile String progress = "";
    volatile String error;
    volatile PlanningService.PlannedMission planned;
    volatile java.util.concurrent.Future<?> planning;

    Entry(String fleet, String id, long order) {
      this.fleet = fleet;
      this.id = id;
      this.order = order;
    }
  }

  /**
   * @param defaults completes a submitted mission object (e.g. adds the map's demand source)
   * @param baseDir the dataset folder: missions may name its files by file name, nothing else
   *     (null: no files); the other limits are reference.conf's
   */
  public MissionDesk(
      MissionEvents hub,
      PlanningService planner,
      ExecutorService executor,
      UnaryOperator<ObjectNode> defaults,
      Path baseDir) {
    this(hub, planner, executor, defaults, MissionLimits.defaults().withDatasetDir(baseDir));
  }

  /**
   * @param defaults completes a submitted mission object (e.g. adds the map's demand source)
   * @param limits the dataset folder and the cost budget a mission must fit
   */
  public MissionDesk(
      MissionEvents hub,
      PlanningService planner,
      ExecutorService executor,
      UnaryOperator<ObjectNode> defaults,
      MissionLimits limits) {
    this.hub = hub;
    this.planner = planner;
    this.executor = executor;
    this.defaults = defaults;
    this.limits = limits;
    this.datasets = new DatasetCatalogue(limits.datasetDir());
    this.baseDir = limits.datasetDir().orElse(Path.of("")).toAbsolutePath();
  }

  /** Lets this desk fly missions with the fleets' drones (none by default: run is refused). */
  public void flyWith(FleetMissionRunner runner) {
    this.runner = runner;
  }

  /**
   * Lets this desk choose the plans of a mission among the fleet's drones when it is run without a
   * given selection (none by default: the in-process I-EPOS selection is flown).
   */
  public void planAmongDrones(DecentralizedPlanning planning) {
    this.decentralized = planning;
  }

  /**
   * Flies a planned mission: with the fleet's drones' own choice when {@link #planAmongDrones} was
   * set (its account under {@code planning} in the answer), else with the in-process selection.
   */
  public JsonNode run(String fleet, String missionId) {
    DecentralizedPlanning d = decentralized;
    if (d == null || runner == null) {
      return run(fleet, missionId, null);
    }
    PlanningService.PlannedMission p = planned(find(fleet, missionId));
    DecentralizedPlanning.Choice choice = d.choose(fleet, missionId, p.result());
    ObjectNode status = (ObjectNode) run(fleet, missionId, choice.selection());
    status.set("planning", choice.detail());
    return status;
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
    ObjectNode given = object.deepCopy();
    datasets.resolve(given); // only the server's datasets, before the defaults add the server's own trace
    ObjectNode completed = defaults.apply(given);
    AtomicLong sequence = sequences.computeIfAbsent(fleet, f -> new AtomicLong());
    Mission mission = MissionReader.parse(completed, baseDir, "mission " + (sequence.get() + 1));
    MissionCost.of(mission).requireWithin(limits);
    Entry entry = new Entry(fleet, "m" + sequence.incrementAndGet(), order.incrementAndGet());
    missions.put(key(fleet, entry.id), entry);
    try {
      entry.planning = executor.submit(() -> plan(entry, mission));
    } catch (java.util.concurrent.RejectedExecutionException busy) {
      missions.remove(key(fleet, entry.id));
      throw new MissionBusyException("too many missions are being planned; try again later");
    }
    publish(entry);
    return status(entry).toJson();
  }

  /** The names of the datasets missions may name ({@code cells}, {@code demand.path}). */
  public List<String> datasets() {
    return datasets.names();
  }

  /**
   * Cancels a mission: planning is interrupted at its next step, a planned or running mission is
   * marked cancelled (drones already flying keep their plan until told otherwise).
   *
   * @return the mission's status, state {@code cancelled}
   */
  public JsonNode cancel(String fleet, String missionId) {
    Entry e = find(fleet, missionId);
    synchronized (e) {
      if (e.state != MissionState.CANCELLED && e.state != MissionState.FAILED) {
        e.progress = "";
        e.state = MissionState.CANCELLED;
        java.util.concurrent.Future<?> f = e.planning;
        if (f != null) {
          f.cancel(true);
        }
      }
    }
    publish(e);
    return status(e).toJson();
  }

  private void plan(Entry entry, Mission mission) {
    if (entry.state == MissionState.CANCELLED) {
      return;
    }
    try {
      PlanningService.PlannedMission p =
          planner.plan(
              mission,
              line -> {
                if (entry.state == MissionState.CANCELLED || Thread.currentThread().isInterrupted()) {
                  throw new java.util.concurrent.CancellationException("mission " + entry.id + " cancelled");
                }
                entry.progress = line;
                publish(entry);
              });
      synchronized (entry) {
        if (entry.state != MissionState.CANCELLED) {
          entry.planned = p;
          entry.progress = "";
          entry.state = MissionState.PLANNED;
        }
      }
    } catch (Throwable e) {
      // anything, OutOfMemoryError included: the mission says it failed, the thread lives on
      synchronized (entry) {
        if (entry.state != MissionState.CANCELLED) {
          entry.progress = "";
          entry.error = e instanceof IllegalArgumentException ? e.getMessage()
              : e instanceof OutOfMemoryError ? "planning failed: out of memory (" + e.getMessage() + ")"
              : "planning failed: " + e;
          entry.state = MissionState.FAILED;
        }
      }
      if (!(e instanceof IllegalArgumentException) && !(e instanceof java.util.concurrent.CancellationException)) {
        log.error("planning mission {} of fleet {} failed", entry.id, entry.fleet, e);
      }
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

  public JsonNode status(String fleet, String missionId) {
    return status(find(fleet, missionId)).toJson();
  }

  /** The typed status of a mission of a fleet. */
  public MissionStatus missionStatus(String fleet, String missionId) {
    return status(find(fleet, missionId));
  }

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

  public JsonNode report(String fleet, String missionId) {
    return planned(find(fleet, missionId)).report();
  }

  /** The planner's full result of a planned mission (for flying it). */
  public PlanningService.PlannedMission planned(String fleet, String missionId) {
    return planned(find(fleet, missionId));
  }

  public JsonNode plansGeoJson(String fleet, String missionId) {
    return planned(find(fleet, missionId)).plansGeoJson();
  }

  private static PlanningService.PlannedMission planned(Entry e) {
    PlanningService.PlannedMission p = e.planned;
    MissionState state = e.state;
    if (p == null || state == MissionState.CANCELLED) {
      throw new MissionConflictException("mission '" + e.id + "' is " + state.wireName() + ", not planned");
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
