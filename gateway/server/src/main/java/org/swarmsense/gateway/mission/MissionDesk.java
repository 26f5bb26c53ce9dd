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
  private volatile MissionFlight flight;
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
    /** The coordinator's last status of a flying mission (null before it flies). */
    volatile org.swarmsense.agents.mission.MissionCoordinator.MissionStatus flown;

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

  /**
   * Lets this desk fly missions with the fleets' drones through the mission coordinator (none by
   * default: run is refused).
   */
  public void flyWith(MissionFlight flight) {
    this.flight = flight;
  }

  /**
   * Flies a planned mission through the mission coordinator: it plans again among the fleet's
   * drones' own agents (its account under {@code planning} in the answer), sends the plans
   * ({@code dispatch}: drones, accepted, refused, left out), then keeps the mission's progress up to
   * date from the drones' telemetry until it is {@link MissionState#DONE}.
   */
  public JsonNode run(String fleet, String missionId) {
    MissionFlight f = flight;
    if (f == null) {
      throw new MissionConflictException("this gateway has no fleet link to fly missions with");
    }
    Entry e = find(fleet, missionId);
    PlanningService.PlannedMission p = planned(e);
    synchronized (e) {
      if (e.state == MissionState.RUNNING || e.state == MissionState.DONE) {
        throw new MissionConflictException("mission '" + missionId + "' is already " + e.state.wireName());
      }
      e.state = MissionState.RUNNING;
      e.progress = "planning among the fleet's drones";
    }
    publish(e);
    try {
      MissionFlight.Flight flown = f.fly(fleet, missionId, p.result(), s -> onFlight(e, s));
      synchronized (e) {
        if (e.state == MissionState.RUNNING && e.flown != null) {
          e.progress = progressLine(e.flown);
        }
      }
      publish(e);
      ObjectNode status = status(e).toJson();
      status.set("dispatch", flown.dispatch());
      status.set("planning", flown.planning());
      return status;
    } catch (RuntimeException ex) {
      synchronized (e) {
        e.state = MissionState.PLANNED;
        e.progress = "";
      }
      publish(e);
      throw ex;
    }
  }

  /** The coordinator's news of a flying mission: the progress line, and done once every drone is. */
  private void onFlight(Entry e, org.swarmsense.agents.mission.MissionCoordinator.MissionStatus s) {
    synchronized (e) {
      e.flown = s;
      if (e.state != MissionState.RUNNING) {
        return; // cancelled: the drones keep what they fly, the mission stays cancelled
      }
      e.progress = progressLine(s);
      if (s.phase() == org.swarmsense.agents.mission.MissionCoordinator.Phase.COMPLETED) {
        e.state = MissionState.DONE;
      }
    }
    publish(e);
  }

  /**
   * A flying mission's progress line, e.g. {@code "2 of 2 drones accepted their plan; 1 flying, 1
   * done"} (plus lost and refused drones and re-plans when there are any).
   */
  static String progressLine(org.swarmsense.agents.mission.MissionCoordinator.MissionStatus s) {
    int n = s.drones().size();
    int acked = 0;
    int flying = 0;
    int done = 0;
    int lost = 0;
    int refused = 0;
    for (var d : s.drones()) {
      switch (d.stage()) {
        case FLYING -> flying++;
        case DONE -> done++;
        case LOST -> lost++;
        case REFUSED -> refused++;
        default -> { }
      }
      if (d.stage().acknowledged() || d.stage() == org.swarmsense.agents.mission.FlightStage.LOST) {
        acked++;
      }
    }
    StringBuilder b = new StringBuilder();
    b.append(acked).append(" of ").append(n).append(" drones accepted their plan; ")
        .append(flying).append(" flying, ").append(done).append(" done");
    if (lost > 0) {
      b.append(", ").append(lost).append(" lost");
    }
    if (refused > 0) {
      b.append(", ").append(refused).append(" refused");
    }
    if (s.plannings() > 1) {
      b.append(", re-planned ").append(s.plannings() - 1).append(s.plannings() == 2 ? " time" : " times");
    }
    return b.toString();
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
