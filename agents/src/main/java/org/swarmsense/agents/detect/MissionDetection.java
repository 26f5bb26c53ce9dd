package org.swarmsense.agents.detect;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.epos.sensing.AreaTraffic;
import org.swarmsense.epos.sensing.MissionPlanner;
import org.swarmsense.epos.sensing.Strategy;
import org.swarmsense.epos.sensing.energy.EnergyModel;
import org.swarmsense.epos.sensing.evaluation.CaptureControl;
import org.swarmsense.epos.sensing.evaluation.DetectedVehicles;
import org.swarmsense.epos.sensing.evaluation.DetectionReport;
import org.swarmsense.epos.sensing.flight.FlightPhase;
import org.swarmsense.epos.sensing.flight.FlightState;
import org.swarmsense.epos.sensing.flight.FlightTimeline;
import org.swarmsense.epos.sensing.mission.Mission;
import org.swarmsense.epos.sensing.plans.CandidatePlan;
import org.swarmsense.epos.sensing.plans.SensingProblem;
import org.swarmsense.maps.camera.CameraFrame;
import org.swarmsense.maps.camera.NadirCamera;
import org.swarmsense.maps.camera.TrafficTrace;
import org.swarmsense.semantic.control.ControlModel;

/**
 * The capture-encode-offload-detect loop of a planned mission, in simulated time, for every
 * strategy's selection of every run.
 *
 * <p>Each drone flies its selected plan on {@link FlightTimeline} (the project's one flight model),
 * from time 0 = the window's start, second by second. While it hovers over a cell it captures a
 * frame when the hover starts and then every capture interval (a new hover stop, or a new cell,
 * starts a new frame); the frame is rendered by the nadir camera from the mission's map and trace at
 * that second, sent over the {@link EdgeFrameLink} and its detections matched to the frame's ground
 * truth ({@link BoxMatching}). A frame stands for the seconds from its capture to the next frame of
 * the same drone, within the same hover over the same cell: every vehicle it matched is detected
 * during those seconds, and each such (vehicle, second) that is a vehicle-second of the demand
 * ({@link DemandVehicleSeconds}) counts once per strategy however many drones saw it. A frame lost
 * on the way (nothing arrived, or refused) detects nothing.
 *
 * <p>Frames are identified by (run, drone, plan, second): strategies that select the same plan of a
 * drone share its frames, which are rendered and detected once. Seeds: the camera's from the
 * settings' seed, the drone and the second; the channel's from the seed, the drone and the second too
 * (so a frame's losses do not depend on which other frames the run holds; until 2026-12-02 they came
 * from the frame's position among all frames, which coupled every strategy's figures). Not
 * thread-safe (the link is not); deterministic for a seed.
 */
public final class MissionDetection {

  private MissionDetection() {}

  private record Capture(int run, int drone, int plan, int cell, long secondS, double xM, double yM,
      double headingDeg) {
    String key() {
      return run + "/" + drone + "/" + plan + "/" + secondS;
    }
  }

  /** A capture, the window seconds its frame stands for and its hover (numbered per drone and plan). */
  private record Covered(Capture capture, long[] secondsS, int hover) {}

  private record FrameOutcome(Set<String> matched, int truePositives, int falsePositives, int truthBoxes,
      boolean lost) {}

  /**
   * One frame a strategy flew, as the diagnosis reads it ({@link DetectDiagnosis}).
   *
   * @param drone the drone
   * @param plan the drone's plan index
   * @param cell the cell hovered over (the timeline's)
   * @param captureS the capture second, from the window's start
   * @param xM the camera's position, metres east in the mission's local frame
   * @param yM the same, metres north
   * @param headingDeg the camera's heading at the capture, degrees
   * @param secondsS the window seconds the frame stands for (same hover, same cell)
   * @param matchedVehicleIds the ground-truth vehicles its detections matched
   * @param truthBoxes ground-truth vehicle boxes in the frame
   * @param truePositives detections matched
   * @param falsePositives detections matched to no vehicle
   * @param lost nothing arrived at the edge node in time
   */
  public record FlownFrame(int drone, int plan, int cell, long captureS, double xM, double yM, double headingDeg,
      long[] secondsS,
      Set<String> matchedVehicleIds, int truthBoxes, int truePositives, int falsePositives, boolean lost) {
    /** Copies. */
    public FlownFrame {
      secondsS = secondsS.clone();
      matchedVehicleIds = Set.copyOf(matchedVehicleIds);
    }

    @Override
    public long[] secondsS() {
      return secondsS.clone();
    }
  }

  /**
   * Flies every run's strategies with cameras and returns the measured detection.
   *
   * @param result the planned mission (an area mission)
   * @param traffic the mission's traffic as the planner read it ({@link AreaTraffic#of})
   * @param camera the nadir camera over the mission's map (its altitude should be the fleet's)
   * @param link the way to the edge node ({@link EdgeFrameLink} in the product)
   * @param settings capture interval, matching threshold and seed
   * @param quick use the settings' quick capture interval (tests)
   * @param progress receives progress lines (frames done / total, ETA)
   * @throws IllegalStateException if the traffic's vehicle-seconds are not the planned demand's
   */
  public static DetectionReport run(MissionPlanner.Result result, AreaTraffic traffic, NadirCamera camera,
      FrameSender link, MissionDetectSettings settings, boolean quick, Consumer<String> progress) {
    if (result == null) {
      throw new IllegalArgumentException("result must not be null");
    }
    return new Flights(result.mission(), result.energy(), traffic, camera, link, settings, quick, progress)
        .finish(result);
  }

  /**
   * The strategies flown so far with cameras, run by run, and the outcome of every frame sent: so a
   * caller can fly some strategies of a run (the uncoordinated baselines, to set I-EPOS's energy
   * budget by their detection), plan the rest, fly those, and never fly a strategy twice or send a
   * frame twice (a frame of the same run, drone, plan and second is shared by every strategy that
   * selects that plan). {@link MissionDetection#run} is {@code new Flights(...).finish(result)}. Not
   * thread-safe.
   */
  public static final class Flights {
    private final Mission mission;
    private final EnergyModel energy;
    private final AreaTraffic traffic;
    private final NadirCamera camera;
    private final FrameSender link;
    private final MissionDetectSettings settings;
    private final int captureIntervalS;
    private final Consumer<String> progress;
    private final DemandVehicleSeconds demand;
    private final double plannedDemandTotal;
    private final TrafficTrace trace;
    private final Map<Integer, Map<Strategy, List<Covered>>> schedule = new HashMap<>();
    private final Map<Integer, Map<String, List<Covered>>> byPlan = new HashMap<>();
    private final Map<String, FrameOutcome> outcomes = new HashMap<>();
    private long framesSent;

    /**
     * @param mission the planned mission (an area mission)
     * @param energy the energy model it was planned with ({@link MissionPlanner.Result#energy})
     * @param traffic the mission's traffic as the planner read it ({@link AreaTraffic#of})
     * @param camera the nadir camera over the mission's map (its altitude should be the fleet's)
     * @param link the way to the edge node ({@link EdgeFrameLink} in the product)
     * @param settings capture interval, matching threshold and seed
     * @param quick use the settings' quick capture interval (tests)
     * @param progress receives progress lines (frames done / total, ETA)
     */
    public Flights(Mission mission, EnergyModel energy, AreaTraffic traffic, NadirCamera camera, FrameSender link,
        MissionDetectSettings settings, boolean quick, Consumer<String> progress) {
      if (mission == null || energy == null || traffic == null || camera == null || link == null || settings == null
          || progress == null) {
        throw new IllegalArgumentException(
            "mission, energy, traffic, camera, link, settings and progress must not be null");
      }
      this.mission = mission;
      this.energy = energy;
      this.traffic = traffic;
      this.camera = camera;
      this.link = link;
      this.settings = settings;
      this.captureIntervalS = settings.captureIntervalS(quick);
      this.progress = progress;
      // detected % counts over every vehicle-second in the area's cells, whatever view the plans were made
      // for; the check below compares the planned demand with the traffic counted the planner's way
      this.demand = DemandVehicleSeconds.of(traffic);
      this.plannedDemandTotal = java.util.Arrays.stream(traffic.demandVehicleSeconds()).sum();
      // SUMO positions are front bumpers: the camera draws footprint centres, as the renderer and bench
      // detector do (TrafficTrace.load), with the one correction in maps
      this.trace = TrafficTrace.of(traffic.trajectories(), camera.scene().projection(), traffic.frontBumper());
    }

    /**
     * Flies {@code strategies} of run {@code runIndex} with cameras (rendering, sending and detecting
     * only the frames no strategy flown before has sent) and returns their figures.
     *
     * @param run the run (its results must hold every strategy flown)
     * @throws IllegalStateException if a strategy of this run was flown already, or the traffic's
     *     vehicle-seconds are not the planned demand's
     */
    public Map<Strategy, DetectedVehicles> fly(int runIndex, MissionPlanner.Run run,
        java.util.Collection<Strategy> strategies) {
      if (runIndex < 0) {
        throw new IllegalArgumentException("runIndex must be >= 0, not " + runIndex);
      }
      SensingProblem p = run.problem();
      double planned = 0;
      for (double v : p.vehicleSeconds()) {
        planned += v;
      }
      if (Math.abs(planned - plannedDemandTotal) > 0.5) {
        throw new IllegalStateException("the traffic holds " + plannedDemandTotal + " vehicle-seconds of demand"
            + traffic.view().map(f -> " in the camera's view").orElse("") + ", the planned demand " + planned
            + ": not the mission's traffic");
      }
      Map<Strategy, List<Covered>> perStrategy = schedule.computeIfAbsent(runIndex,
          k -> new EnumMap<>(Strategy.class));
      Map<String, List<Covered>> plansFlown = byPlan.computeIfAbsent(runIndex, k -> new HashMap<>());
      Mission.Fleet fleet = mission.fleet();

      // 1. Schedule the strategies' captures (cheap: the timelines, second by second).
      Map<String, Capture> frames = new LinkedHashMap<>();
      for (Strategy strategy : strategies) {
        if (perStrategy.containsKey(strategy)) {
          throw new IllegalStateException(strategy.label() + " of run " + runIndex + " was flown already");
        }
        MissionPlanner.StrategyResult sr = run.results().get(strategy);
        if (sr == null) {
          throw new IllegalArgumentException("run " + runIndex + " has no " + strategy.label() + " selection");
        }
        int[] sel = sr.selection();
        List<Covered> all = new ArrayList<>();
        for (int i = 0; i < sel.length; i++) {
          int drone = i;
          int planIndex = sel[i];
          all.addAll(plansFlown.computeIfAbsent(drone + "/" + planIndex, k -> captures(runIndex, drone, planIndex,
              run.plans().get(drone).get(planIndex), p, fleet, energy, captureIntervalS)));
        }
        for (Covered c : all) {
          if (!outcomes.containsKey(c.capture().key())) {
            frames.putIfAbsent(c.capture().key(), c.capture());
          }
        }
        perStrategy.put(strategy, all);
      }

      // 2. Render, send and detect every frame not sent before, once.
      send(frames, "run " + runIndex + ", " + strategies.stream().map(Strategy::label).toList());

      // 3. Per strategy: detected vehicle-seconds, each counted once.
      Map<Strategy, DetectedVehicles> figures = new EnumMap<>(Strategy.class);
      for (Strategy strategy : strategies) {
        figures.put(strategy, figures(perStrategy.get(strategy),
            run.results().get(strategy).metrics().energyKj()));
      }
      return figures;
    }

    /**
     * Flies every candidate plan of every drone of run {@code runIndex} with the camera, exactly as a
     * strategy selecting it would (sending only the frames no strategy or plan flown before has sent),
     * and returns, per drone and per plan, the demand's (vehicle, second) pairs its frames detect as
     * {@code "vehicle@second"}. A selection detects the union of its plans' pairs: a frame's outcome
     * depends on its drone, second and position only ({@link DetectionCeiling}).
     */
    public List<List<Set<String>>> detectedPairsByPlan(int runIndex, MissionPlanner.Run run) {
      if (runIndex < 0) {
        throw new IllegalArgumentException("runIndex must be >= 0, not " + runIndex);
      }
      Map<String, List<Covered>> plansFlown = byPlan.computeIfAbsent(runIndex, k -> new HashMap<>());
      List<List<List<Covered>>> flown = new ArrayList<>();
      Map<String, Capture> frames = new LinkedHashMap<>();
      for (int i = 0; i < run.plans().size(); i++) {
        int drone = i;
        List<List<Covered>> perPlan = new ArrayList<>();
        for (int k = 0; k < run.plans().get(i).size(); k++) {
          int planIndex = k;
          List<Covered> covered = plansFlown.computeIfAbsent(drone + "/" + planIndex, x -> captures(runIndex, drone,
              planIndex, run.plans().get(drone).get(planIndex), run.problem(), mission.fleet(), energy,
              captureIntervalS));
          for (Covered c : covered) {
            if (!outcomes.containsKey(c.capture().key())) {
              frames.putIfAbsent(c.capture().key(), c.capture());
            }
          }
          perPlan.add(covered);
        }
        flown.add(perPlan);
      }
      send(frames, "run " + runIndex + ", every candidate plan");
      List<List<Set<String>>> out = new ArrayList<>();
      for (List<List<Covered>> perPlan : flown) {
        List<Set<String>> sets = new ArrayList<>();
        for (List<Covered> covered : perPlan) {
          sets.add(Set.copyOf(detectedPairs(covered, outcomes, demand, traffic)));
        }
        out.add(List.copyOf(sets));
      }
      return List.copyOf(out);
    }

    /** Renders, sends and detects {@code frames} (none sent before), with progress lines. */
    private void send(Map<String, Capture> frames, String what) {
      long t0 = System.nanoTime();
      long lastPrint = t0;
      int done = 0;
      int total = frames.size();
      progress.accept(String.format(Locale.ROOT, "detect: %s: %d new frames to render and detect (one per %d"
          + " s of hover, detector %s)", what, total, captureIntervalS, link.variant()));
      for (Capture c : frames.values()) {
        outcomes.put(c.key(), detect(c));
        done++;
        long now = System.nanoTime();
        if (now - lastPrint > 2_000_000_000L || done == total) {
          double perFrame = (now - t0) / 1e6 / done;
          progress.accept(String.format(Locale.ROOT, "detect: frames %d/%d (%.0f %%), %.0f ms/frame, ETA %.0f s",
              done, total, 100.0 * done / total, perFrame, perFrame * (total - done) / 1000));
          lastPrint = now;
        }
      }
    }

    /**
     * The frames {@code strategy} flew in run {@code runIndex}, in flight order (drone by drone), with
     * their outcomes; for the diagnosis ({@link DetectDiagnosis}).
     *
     * @throws IllegalArgumentException if that strategy of that run was not flown
     */
    public List<FlownFrame> frames(int runIndex, Strategy strategy) {
      List<Covered> flown = schedule.getOrDefault(runIndex, Map.of()).get(strategy);
      if (flown == null) {
        throw new IllegalArgumentException(strategy + " of run " + runIndex + " was not flown");
      }
      List<FlownFrame> out = new ArrayList<>(flown.size());
      for (Covered cv : flown) {
        Capture c = cv.capture();
        FrameOutcome o = outcomes.get(c.key());
        out.add(new FlownFrame(c.drone(), c.plan(), c.cell(), c.secondS(), c.xM(), c.yM(), c.headingDeg(),
            cv.secondsS(), o.matched(),
            o.truthBoxes(), o.truePositives(), o.falsePositives(), o.lost()));
      }
      return out;
    }

    /** The mission's traffic as the planner read it. */
    AreaTraffic traffic() {
      return traffic;
    }

    /** The camera the frames are rendered with. */
    NadirCamera camera() {
      return camera;
    }

    /** The traffic in the camera's frame. */
    TrafficTrace trace() {
      return trace;
    }

    /** Frames rendered, sent and detected so far (each distinct frame once). */
    public long framesSent() {
      return framesSent;
    }

    /**
     * Flies every strategy of every run of {@code result} not flown yet and returns the whole
     * measured detection, with the capture-rate control of each run's I-EPOS flights.
     */
    public DetectionReport finish(MissionPlanner.Result result) {
      List<Map<Strategy, DetectedVehicles>> perRun = new ArrayList<>();
      for (int r = 0; r < result.runs().size(); r++) {
        MissionPlanner.Run run = result.runs().get(r);
        Map<Strategy, List<Covered>> flown = schedule.getOrDefault(r, Map.of());
        List<Strategy> rest = run.results().keySet().stream().filter(s -> !flown.containsKey(s)).toList();
        if (!rest.isEmpty()) {
          fly(r, run, rest);
        }
        Map<Strategy, DetectedVehicles> figures = new EnumMap<>(Strategy.class);
        for (MissionPlanner.StrategyResult sr : run.results().values()) {
          figures.put(sr.strategy(), figures(schedule.get(r).get(sr.strategy()), sr.metrics().energyKj()));
        }
        perRun.add(figures);
      }
      if (schedule.keySet().stream().anyMatch(r -> r >= result.runs().size())) {
        throw new IllegalStateException("runs " + schedule.keySet() + " were flown, the result has "
            + result.runs().size());
      }

      // The capture-rate and offloading control against the best fixed rate (issue 15 part 4).
      List<CaptureControl> control = new ArrayList<>();
      long seed = settings.seed();
      if (settings.control().enabled() && link.meanEncodedFrameBits().isPresent()) {
        ControlModel radio = ControlModel.fromSettings();
        for (int r = 0; r < result.runs().size(); r++) {
          Map<Strategy, List<Covered>> perStrategy = schedule.get(r);
          Strategy s = perStrategy.containsKey(Strategy.I_EPOS) ? Strategy.I_EPOS
              : result.runs().get(r).results().keySet().iterator().next();
          List<Covered> flown = perStrategy.get(s);
          long windowS = (long) Math.floor(result.runs().get(r).problem().windowS());
          FleetControl.Trace flights = new FleetControl.Trace(
              arrivals(flown, result.runs().get(r).drones(), windowS, radio.slotS(), captureIntervalS),
              samplingAccuracy(flown, outcomes, demand, traffic, settings.control().levels()),
              link.meanEncodedFrameBits().getAsDouble());
          progress.accept("control: " + s.label() + ", run " + r + ": g(k) = "
              + java.util.Arrays.toString(flights.samplingAccuracy()));
          control.add(FleetControl.compare(s.label(), flights, radio, settings.control(), seed * 31 + r));
        }
      }
      return new DetectionReport(link.variant(), captureIntervalS, settings.linkDescription(link.bandOrder()), perRun,
          control);
    }

    private FrameOutcome detect(Capture c) {
      long seed = settings.seed();
      Coordinate wgs = traffic.projection().toWgs84(c.xM(), c.yM());
      long cameraSeed = seed * 1_000_003L + (long) c.drone() * 100_003L + c.secondS();
      CameraFrame frame = camera.renderAtLonLat(trace, traffic.startS() + c.secondS(), wgs.x, wgs.y,
          c.headingDeg(), cameraSeed);
      // the channel's seed from the frame itself (drone, second), never from its position among the
      // frames: one strategy's losses must not move when another strategy's plans or an earlier run change
      long channelSeed = seed * 7_919L + (long) c.drone() * 100_003L + c.secondS();
      Optional<List<Detection>> found = link.send(frame, framesSent++, channelSeed);
      if (found.isEmpty()) {
        return new FrameOutcome(Set.of(), 0, 0, frame.boxes().size(), true);
      }
      BoxMatching.Match m = BoxMatching.match(frame.boxes(), found.get(), settings.minIou());
      return new FrameOutcome(m.matchedVehicleIds(), m.truePositives(), m.falsePositives(), frame.boxes().size(),
          false);
    }

    private DetectedVehicles figures(List<Covered> flown, double energyKj) {
      long count = detectedCount(flown, outcomes, demand, traffic);
      int lost = 0;
      long tp = 0;
      long fp = 0;
      long gt = 0;
      for (Covered cv : flown) {
        FrameOutcome o = outcomes.get(cv.capture().key());
        lost += o.lost() ? 1 : 0;
        tp += o.truePositives();
        fp += o.falsePositives();
        gt += o.truthBoxes();
      }
      return new DetectedVehicles(demand.total(), count, flown.size(), lost, tp, fp, gt, energyKj);
    }
  }

  /** Vehicle-seconds of the demand detected by {@code frames}, each (vehicle, second) once. */
  private static long detectedCount(List<Covered> frames, Map<String, FrameOutcome> outcomes,
      DemandVehicleSeconds demand, AreaTraffic traffic) {
    return detectedPairs(frames, outcomes, demand, traffic).size();
  }

  /** The demand's (vehicle, second) pairs {@code frames} detect, as {@code "vehicle@second"}. */
  private static Set<String> detectedPairs(List<Covered> frames, Map<String, FrameOutcome> outcomes,
      DemandVehicleSeconds demand, AreaTraffic traffic) {
    Set<String> detected = new HashSet<>();
    for (Covered cv : frames) {
      FrameOutcome o = outcomes.get(cv.capture().key());
      for (String v : o.matched()) {
        for (long s : cv.secondsS()) {
          if (demand.contains(v, traffic.startS() + s)) {
            detected.add(v + "@" + s);
          }
        }
      }
    }
    return detected;
  }

  /**
   * Per slot of {@code slotS} seconds and per drone: frames its hover calls for at the full rate
   * (one per capture interval of hover), i.e. hover seconds in the slot / the interval.
   */
  private static double[][] arrivals(List<Covered> flown, int drones, long windowS, double slotS, int intervalS) {
    int slots = (int) Math.max(1, Math.ceil(windowS / slotS));
    double[][] a = new double[slots][drones];
    for (Covered cv : flown) {
      for (long s : cv.secondsS()) {
        int t = (int) Math.min(slots - 1, Math.floor(s / slotS));
        a[t][cv.capture().drone()] += 1.0 / intervalS;
      }
    }
    return a;
  }

  /**
   * g(k), k = 1..K: the demand's vehicle-seconds detected when each drone captures only k/K of its
   * frames (its c-th frame over the whole flight kept when floor(c k / K) moves at c + 1, so k of
   * every K consecutive frames), a kept frame standing for the seconds up to the next kept one of the
   * same hover (the seconds of a hover before its first kept frame are not covered), over those
   * detected with every frame (g(K) = 1); measured on the run's real detections. A level that
   * detects nothing gets 1e-3 (the model needs g &gt; 0); all 1 when the full rate detects nothing.
   */
  private static double[] samplingAccuracy(List<Covered> flown, Map<String, FrameOutcome> outcomes,
      DemandVehicleSeconds demand, AreaTraffic traffic, int levels) {
    double full = detectedCount(flown, outcomes, demand, traffic);
    double[] g = new double[levels];
    for (int k = 1; k <= levels; k++) {
      if (full == 0) {
        g[k - 1] = 1;
        continue;
      }
      List<Covered> thinned = new ArrayList<>();
      Covered kept = null;
      List<Long> seconds = new ArrayList<>();
      long counter = 0;
      Covered previous = null;
      for (Covered cv : flown) {
        boolean sameFlight = previous != null && previous.capture().drone() == cv.capture().drone()
            && previous.capture().plan() == cv.capture().plan();
        boolean sameHover = sameFlight && previous.hover() == cv.hover();
        counter = sameFlight ? counter + 1 : 0;
        boolean keep = Math.floorDiv((counter + 1) * k, levels) > Math.floorDiv(counter * k, levels);
        if (keep || !sameHover) {
          if (kept != null) {
            thinned.add(new Covered(kept.capture(), seconds.stream().mapToLong(Long::longValue).toArray(),
                kept.hover()));
          }
          kept = keep ? cv : null;
          seconds.clear();
        }
        if (kept != null) {
          for (long s : cv.secondsS()) {
            seconds.add(s);
          }
        }
        previous = cv;
      }
      if (kept != null) {
        thinned.add(new Covered(kept.capture(), seconds.stream().mapToLong(Long::longValue).toArray(), kept.hover()));
      }
      g[k - 1] = Math.max(1e-3, Math.min(1, detectedCount(thinned, outcomes, demand, traffic) / full));
    }
    return g;
  }

  /** The captures of one drone flying one plan, with the seconds each frame stands for. */
  private static List<Covered> captures(int run, int drone, int planIndex, CandidatePlan plan, SensingProblem p,
      Mission.Fleet fleet, EnergyModel energy, int intervalS) {
    FlightTimeline tl = FlightTimeline.of(plan, p.bx(plan.base()), p.by(plan.base()), fleet.altitudeM(),
        fleet.batterySwapS(), 0, energy);
    long windowS = (long) Math.floor(p.windowS());
    List<Covered> out = new ArrayList<>();
    Capture current = null;
    int currentCell = -1;
    List<Long> seconds = new ArrayList<>();
    FlightState previous = null;
    int hover = -1;
    for (long s = 0; s < windowS; s++) {
      FlightState st = tl.stateAt(s);
      boolean hovering = st.phase() == FlightPhase.HOVERING && st.cell() >= 0;
      boolean sameHover = hovering && current != null && st.cell() == currentCell && previous != null
          && previous.phase() == FlightPhase.HOVERING && previous.cell() == currentCell;
      boolean continues = false;
      if (current != null && (!sameHover || s >= current.secondS() + intervalS)) {
        out.add(new Covered(current, seconds.stream().mapToLong(Long::longValue).toArray(), hover));
        continues = sameHover;
        current = null;
        seconds.clear();
      }
      if (hovering && current == null) {
        hover += continues ? 0 : 1;
        current = new Capture(run, drone, planIndex, st.cell(), s, st.xM(), st.yM(), tl.headingDegAt(s));
        currentCell = st.cell();
      }
      if (current != null) {
        seconds.add(s);
      }
      previous = st;
    }
    if (current != null) {
      out.add(new Covered(current, seconds.stream().mapToLong(Long::longValue).toArray(), hover));
    }
    return out;
  }
}
