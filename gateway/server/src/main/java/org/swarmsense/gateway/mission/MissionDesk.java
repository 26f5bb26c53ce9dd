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
import org.swarmsense.gateway.persistence.MissionRecord;

/**
 * The missions of every fleet: a submitted mission is completed with the deployment's defaults
 * (the map's traffic source, bases), validated by {@link MissionReader} before anything else
 * happens (an invalid mission is refused with the field named and never planned), then planned in
 * the background; every state change is published to its {@link MissionEvents} (the live hub). The HTTP API calls it
 * directly; failures are domain exceptions that {@code http.ApiErrors} alone maps to statuses.
 * Thread-safe.
 */
public final class MissionDesk implements Missions {
  private static final Logger log = LoggerFactory.getLogger(MissionDesk.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MissionEvents hub;
  private final PlanningService planner;
  private final ExecutorService executor;
  private final UnaryOperator<ObjectNode> defaults;
  private final Path baseDir;
  private volatile MissionFlight flight;
  private volatile org.swarmsense.gateway.persistence.MissionJournal journal;
  /** Closed: its fleet's home left this node; it writes nothing more (another node may). */
  private volatile boolean closed;
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
    /** Restored from the journal: the report and plans as served before the restart (null otherwise). */
    volatile JsonNode keptReport;
    volatile JsonNode keptPlans;
    /** Restored and its planner result not computed again yet: it cannot fly until then. */
    volatile boolean restoring;
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
  @Override
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
    try {
      write(e, new MissionRecord.Flying(now()));
    } catch (RuntimeException notKept) {
      synchronized (e) {
        e.state = MissionState.PLANNED;
        e.progress = "";
      }
      throw notKept;
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
      writeQuietly(e, new MissionRecord.FlightAborted(now()));
      publish(e);
      throw ex;
    }
  }

  /** The coordinator's news of a flying mission: the progress line, and done once every drone is. */
  private void onFlight(Entry e, org.swarmsense.agents.mission.MissionCoordinator.MissionStatus s) {
    boolean done = s.phase() == org.swarmsense.agents.mission.MissionCoordinator.Phase.COMPLETED;
    String line = progressLine(s);
    synchronized (e) {
      e.flown = s;
      if (e.state != MissionState.RUNNING) {
        return; // cancelled: the drones keep what they fly, the mission stays cancelled
      }
      e.progress = line;
      if (done) {
        e.state = MissionState.DONE;
      }
    }
    // written from the coordinator, one event at a time and in its order, before the next news
    writeQuietly(e, new MissionRecord.Progressed(s.drones().stream().map(d -> d.droneId()).toList(), s.drones(),
        s.plannings(), s.missionTimeS(), line, done, now()));
    publish(e);
  }

  /**
   * A flying mission's progress line, e.g. {@code "2 of 2 drones accepted their plan; 1 flying, 1
   * done"} (plus lost and refused drones and re-plans when there are any, with each re-plan's reason,
   * e.g. {@code "re-planned 1 time (demand 3.20 x the forecast in slot 0)"}).
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
      if (!s.replanReasons().isEmpty()) {
        b.append(" (").append(String.join("; ", s.replanReasons())).append(')');
      }
    }
    return b.toString();
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
    ObjectNode given = object.deepCopy();
    datasets.resolve(given); // only the server's datasets, before the defaults add the server's own trace
    ObjectNode completed = defaults.apply(given);
    AtomicLong sequence = sequences.computeIfAbsent(fleet, f -> new AtomicLong());
    Mission mission = MissionReader.parse(completed, baseDir, "mission " + (sequence.get() + 1));
    MissionCost.of(mission).requireWithin(limits);
    Entry entry = new Entry(fleet, "m" + sequence.incrementAndGet(), order.incrementAndGet());
    missions.put(key(fleet, entry.id), entry);
    try {
      write(entry, new MissionRecord.Submitted(fleet, entry.id, entry.order, completed.toString(), now()));
    } catch (RuntimeException notKept) {
      missions.remove(key(fleet, entry.id));
      throw notKept;
    }
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
  @Override
  public List<String> datasets() {
    return datasets.names();
  }

  /**
   * Cancels a mission: planning is interrupted at its next step, a planned or running mission is
   * marked cancelled (drones already flying keep their plan until told otherwise).
   *
   * @return the mission's status, state {@code cancelled}
   */
  @Override
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
        writeQuietly(e, new MissionRecord.Cancelled(now()));
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
      // kept before anyone sees it planned (and runs it): the journal has the events in their order
      if (entry.state != MissionState.CANCELLED) {
        writeQuietly(entry, new MissionRecord.Planned(p.report().toString(), p.plansGeoJson().toString(), now()));
      }
      synchronized (entry) {
        if (entry.state != MissionState.CANCELLED) {
          entry.planned = p;
          entry.progress = "";
          entry.state = MissionState.PLANNED;
        }
      }
    } catch (Throwable e) {
      // anything, OutOfMemoryError included: the mission says it failed, the thread lives on
      String error = e instanceof IllegalArgumentException ? e.getMessage()
          : e instanceof OutOfMemoryError ? "planning failed: out of memory (" + e.getMessage() + ")"
          : "planning failed: " + e;
      error = error == null || error.isEmpty() ? "planning failed: " + e.getClass().getSimpleName() : error;
      if (entry.state != MissionState.CANCELLED) {
        writeQuietly(entry, new MissionRecord.Failed(error, now()));
      }
      synchronized (entry) {
        if (entry.state != MissionState.CANCELLED) {
          entry.progress = "";
          entry.error = error;
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
    Entry e = find(fleet, missionId);
    JsonNode kept = e.keptReport;
    return kept != null && e.state != MissionState.CANCELLED ? kept : planned(e).report();
  }

  /** The planner's full result of a planned mission (for flying it). */
  public PlanningService.PlannedMission planned(String fleet, String missionId) {
    return planned(find(fleet, missionId));
  }

  @Override
  public JsonNode plansGeoJson(String fleet, String missionId) {
    Entry e = find(fleet, missionId);
    JsonNode kept = e.keptPlans;
    return kept != null && e.state != MissionState.CANCELLED ? kept : planned(e).plansGeoJson();
  }

  private static PlanningService.PlannedMission planned(Entry e) {
    PlanningService.PlannedMission p = e.planned;
    MissionState state = e.state;
    if (p == null && e.restoring) {
      throw new MissionConflictException("mission '" + e.id + "' is being restored after a restart; try again shortly");
    }
    if (p == null || state == MissionState.CANCELLED) {
      throw new MissionConflictException("mission '" + e.id + "' is " + state.wireName() + ", not planned");
    }
    return p;
  }

  private static long now() {
    return System.currentTimeMillis();
  }

  /** Writes a mission event to the journal (when kept); throws when it cannot be written. */
  private void write(Entry e, MissionRecord.Event event) {
    if (closed) {
      throw new MissionConflictException("mission '" + e.id + "' of fleet '" + e.fleet
          + "' moved to another gateway node; try again");
    }
    org.swarmsense.gateway.persistence.MissionJournal j = journal;
    if (j != null) {
      j.record(e.fleet, e.id, event);
    }
  }

  /** Writes a mission event where nobody waits for it (planning, the coordinator): a failure is logged. */
  private void writeQuietly(Entry e, MissionRecord.Event event) {
    try {
      write(e, event);
    } catch (RuntimeException notKept) {
      log.error("mission {} of fleet {}: cannot keep {} in the journal: {}", e.id, e.fleet,
          event.getClass().getSimpleName(), notKept.toString());
    }
  }

  /**
   * What {@link #keepIn} found in the journal.
   *
   * @param missions missions restored
   * @param replanning missions whose planning a restart interrupted: planned again from the kept mission
   * @param reattached running missions whose drones are re-attached to their plans
   * @param failed running missions a restart caught while their drones were planning: failed, with
   *     that reason (they can be run again)
   */
  public record Restored(int missions, int replanning, int reattached, int failed) {}

  /**
   * Keeps every mission in {@code journal} from now on, and restores the missions it holds: each
   * answers as before (status, report, plans); planning interrupted by the restart starts again; a
   * running mission's drones are re-attached to their plans through the {@link MissionFlight} (set
   * before) once the planner's result is computed again from the kept mission (seeded: the same
   * candidates); a mission caught while its drones were planning fails with that reason. The
   * recomputing runs on one background thread, oldest mission first.
   *
   * @throws org.swarmsense.gateway.persistence.StateUnavailableException when the journal cannot be
   *     read (nothing is reset)
   */
  public Restored keepIn(org.swarmsense.gateway.persistence.MissionJournal j) {
    return keepIn(j, null);
  }

  /**
   * {@link #keepIn(org.swarmsense.gateway.persistence.MissionJournal)} for the missions of one fleet
   * only (every fleet's when {@code fleet} is null): a fleet's home restores its own.
   */
  public Restored keepIn(org.swarmsense.gateway.persistence.MissionJournal j, String fleet) {
    List<MissionRecord> kept = j.restore(fleet);
    journal = j;
    int replanning = 0;
    int reattached = 0;
    int failed = 0;
    List<Runnable> later = new ArrayList<>();
    for (MissionRecord r : kept) {
      Entry e = new Entry(r.fleet(), r.id(), r.order());
      order.accumulateAndGet(r.order(), Math::max);
      sequences.computeIfAbsent(r.fleet(), f -> new AtomicLong()).accumulateAndGet(number(r.id()), Math::max);
      e.state = MissionState.valueOf(r.state());
      e.progress = r.progress();
      e.error = r.error().isEmpty() ? null : r.error();
      try {
        if (!r.reportJson().isEmpty()) {
          e.keptReport = JSON.readTree(r.reportJson());
          e.keptPlans = JSON.readTree(r.plansJson());
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException bad) {
        throw new org.swarmsense.gateway.persistence.StateUnavailableException(
            "mission " + r.id() + " of fleet " + r.fleet() + ": kept report is not JSON: " + bad.getOriginalMessage(),
            bad);
      }
      missions.put(key(e.fleet, e.id), e);
      if (e.state == MissionState.PLANNING) {
        replanning++;
        e.progress = "planning again after a restart";
        later.add(() -> replan(e, r));
      } else if (e.state == MissionState.RUNNING && r.drones().isEmpty()) {
        failed++;
        fail(e, "the gateway restarted while the fleet's drones were planning this mission; run it again");
        e.restoring = true;
        later.add(() -> recompute(e, r));
      } else if (e.state == MissionState.RUNNING) {
        reattached++;
        e.restoring = true;
        later.add(() -> reattach(e, r));
      } else if (e.keptReport != null && e.state != MissionState.CANCELLED && e.state != MissionState.DONE) {
        e.restoring = true;
        later.add(() -> recompute(e, r));
      }
    }
    if (!later.isEmpty()) {
      Thread t = new Thread(() -> later.forEach(Runnable::run), "mission-restore");
      t.setDaemon(true);
      t.start();
    }
    return new Restored(kept.size(), replanning, reattached, failed);
  }

  /**
   * Stops this desk: planning in progress is interrupted, nothing more is written, and the node
   * forgets its copies of the missions' journal entities (the next desk recovers them afresh). The
   * fleet's home calls it when it leaves this node (handed over, or the node stops).
   */
  public void close() {
    closed = true;
    org.swarmsense.gateway.persistence.MissionJournal j = journal;
    for (Entry e : missions.values()) {
      java.util.concurrent.Future<?> f = e.planning;
      if (f != null) {
        f.cancel(true);
      }
      if (j != null) {
        j.release(e.fleet, e.id);
      }
    }
  }

  private static long number(String id) {
    try {
      return Long.parseLong(id.substring(1));
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private Mission parseKept(MissionRecord r) {
    try {
      return MissionReader.parse((ObjectNode) JSON.readTree(r.missionJson()), baseDir, "mission " + r.id());
    } catch (com.fasterxml.jackson.core.JsonProcessingException | ClassCastException bad) {
      throw new IllegalArgumentException("the kept mission is not a JSON object: " + bad.getMessage());
    }
  }

  private void fail(Entry e, String error) {
    synchronized (e) {
      e.error = error;
      e.progress = "";
      e.state = MissionState.FAILED;
    }
    writeQuietly(e, new MissionRecord.Failed(error, now()));
    publish(e);
    log.warn("mission {} of fleet {}: {}", e.id, e.fleet, error);
  }

  /** Planning interrupted by a restart: planned again from the kept mission (same seed, same result). */
  private void replan(Entry e, MissionRecord r) {
    Mission m;
    try {
      m = parseKept(r);
    } catch (RuntimeException bad) {
      fail(e, "cannot plan again after a restart: " + bad.getMessage());
      return;
    }
    plan(e, m);
  }

  /** The planner's result of a kept, planned mission, computed again so it can fly. */
  private boolean recompute(Entry e, MissionRecord r) {
    try {
      PlanningService.PlannedMission p = planner.plan(parseKept(r), line -> {});
      e.planned = new PlanningService.PlannedMission(e.keptReport != null ? e.keptReport : p.report(),
          e.keptPlans != null ? e.keptPlans : p.plansGeoJson(), p.result());
      return true;
    } catch (RuntimeException bad) {
      if (e.state != MissionState.FAILED) {
        fail(e, "cannot restore the plans after a restart: " + bad.getMessage());
      }
      return false;
    } finally {
      e.restoring = false;
    }
  }

  /** A running mission after a restart: its drones are re-attached to their kept plans. */
  private void reattach(Entry e, MissionRecord r) {
    if (!recompute(e, r) || closed) {
      return;
    }
    MissionFlight f = flight;
    try {
      if (f == null) {
        throw new MissionConflictException("this gateway has no fleet link to fly missions with");
      }
      var plans = e.planned.result().runs().get(0).plans();
      for (var d : r.drones()) {
        if (d.index() >= plans.size() || d.plan() >= plans.get(d.index()).size()) {
          throw new IllegalStateException("drone " + d.droneId() + " flies plan " + d.plan()
              + ", which the planner did not make again");
        }
      }
      f.resume(e.fleet, e.id, e.planned.result(), r.droneIds(), r.drones(), r.plannings(), r.missionTimeS(),
          s -> onFlight(e, s));
      log.info("mission {} of fleet {}: drones {} re-attached after a restart", e.id, e.fleet, r.droneIds());
    } catch (RuntimeException bad) {
      fail(e, "cannot re-attach the drones after a restart: " + bad.getMessage());
    }
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
