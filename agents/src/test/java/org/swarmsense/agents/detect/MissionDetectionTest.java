package org.swarmsense.agents.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.epos.sensing.AreaTraffic;
import org.swarmsense.epos.sensing.MissionPlanner;
import org.swarmsense.epos.sensing.Strategy;
import org.swarmsense.epos.sensing.evaluation.DetectedVehicles;
import org.swarmsense.epos.sensing.evaluation.DetectionReport;
import org.swarmsense.epos.sensing.flight.FlightPhase;
import org.swarmsense.epos.sensing.flight.FlightTimeline;
import org.swarmsense.epos.sensing.mission.Mission;
import org.swarmsense.epos.sensing.mission.MissionReader;
import org.swarmsense.epos.sensing.plans.CandidatePlan;
import org.swarmsense.epos.sensing.plans.SensingProblem;
import org.swarmsense.maps.MapsSettings;
import org.swarmsense.maps.camera.CameraFrame;
import org.swarmsense.maps.camera.MapScene;
import org.swarmsense.maps.camera.NadirCamera;
import org.swarmsense.maps.camera.VehicleBox;
import org.swarmsense.maps.osm.OsmFeatures;

/**
 * The detected-vehicles percent on a tiny scripted mission: one 200 m cell, one drone, a 120 s
 * window, and two cars ("a", "b") creeping through the cell's centre the whole window, so the demand
 * is 2 x 120 = 240 vehicle-seconds by construction. A scripted detector (the edge node's answer, not
 * the accounting under test) finds a only, both, or the frame is lost; the expected percent follows
 * from the seconds the drone hovers, read off the flight timeline.
 */
class MissionDetectionTest {

  private static final double LON = 7.4200;
  private static final double LAT = 43.7300;

  /** A scripted edge node: the detections are the frame's truth boxes of the listed vehicles. */
  static FrameSender finds(Set<String> vehicles, boolean lose) {
    return new FrameSender() {
      @Override
      public String variant() {
        return "scripted";
      }

      @Override
      public Optional<List<Detection>> send(CameraFrame frame, long frameId, long channelSeed) {
        if (lose) {
          return Optional.empty();
        }
        List<Detection> out = new ArrayList<>();
        for (VehicleBox b : frame.boxes()) {
          if (vehicles.contains(b.vehicleId())) {
            out.add(new Detection(2, 0.9, b.x0(), b.y0(), b.x1(), b.y1()));
          }
        }
        out.add(new Detection(2, 0.9, 0, 0, 3, 3)); // a false positive in a corner
        return Optional.of(out);
      }
    };
  }

  static Path writeMission(Path dir) throws Exception {
    return writeMission(dir, "cell", false);
  }

  /**
   * The scripted mission with {@code demand.view: view}; with {@code carOutOfView} a third car "c"
   * parks 80 m north of the cell's centre for the whole trace: in the cell, outside the camera's
   * 69 m square at the fleet's 60 m.
   */
  static Path writeMission(Path dir, String view, boolean carOutOfView) throws Exception {
    // two cars crawling east at 0.05 m/s through the area's centre, 4 m apart, every second 0..130
    double mPerDegLon = 111_320 * Math.cos(Math.toRadians(LAT));
    StringBuilder fcd = new StringBuilder("<fcd-export>\n");
    for (int t = 0; t <= 130; t++) {
      double lonA = LON + (0.05 * t - 3) / mPerDegLon;
      fcd.append(String.format(Locale.ROOT, "<timestep time=\"%d.00\">%n", t));
      fcd.append(String.format(Locale.ROOT, "<vehicle id=\"a\" x=\"%.8f\" y=\"%.8f\" angle=\"90\" type=\"passenger\"/>%n",
          lonA, LAT));
      fcd.append(String.format(Locale.ROOT, "<vehicle id=\"b\" x=\"%.8f\" y=\"%.8f\" angle=\"90\" type=\"passenger\"/>%n",
          lonA, LAT + 4 / 111_320.0));
      if (carOutOfView) {
        fcd.append(String.format(Locale.ROOT,
            "<vehicle id=\"c\" x=\"%.8f\" y=\"%.8f\" angle=\"90\" type=\"passenger\"/>%n", LON, LAT + 80 / 111_320.0));
      }
      fcd.append("</timestep>\n");
    }
    fcd.append("</fcd-export>\n");
    Files.writeString(dir.resolve("cars.xml"), fcd);
    double dLon = 99 / mPerDegLon;
    double dLat = 99 / 111_320.0;
    String yaml = String.format(Locale.ROOT, """
        name: scripted
        area: {bbox: [%.8f, %.8f, %.8f, %.8f]}
        cellSizeM: 200
        window: {startS: 0, endS: 120, slotS: 60}
        bases:
          - [%.8f, %.8f]
        drones: {count: [1], plansPerDrone: 4, batterySwapS: 60}
        demand: {source: sumo, path: cars.xml, view: %s}
        coverageTarget: 1
        planner: {iterations: 5, seed: 1}
        """, LON - dLon, LAT - dLat, LON + dLon, LAT + dLat, LON + 2 * dLon, LAT, view);
    Path f = dir.resolve("scripted.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  /**
   * The scripted mission of {@link #writeMission} planned, its traffic, a camera over an empty map at
   * the fleet's altitude, and the default mission-detect settings: what every test here starts from.
   */
  record Scripted(MissionPlanner.Result result, AreaTraffic traffic, NadirCamera camera,
      MissionDetectSettings settings) {
    static Scripted in(Path dir) throws Exception {
      Mission mission = MissionReader.read(writeMission(dir));
      MapsSettings maps = MapsSettings.load();
      MissionPlanner.Result result = MissionPlanner.plan(mission, maps, line -> { });
      AreaTraffic traffic = AreaTraffic.of(mission, maps, line -> { });
      NadirCamera camera = new NadirCamera(MapScene.of("empty", new OsmFeatures(List.of(), List.of(), List.of()),
          traffic.projection()), maps.camera().withAltitudeM(mission.fleet().altitudeM()));
      return new Scripted(result, traffic, camera,
          org.swarmsense.agents.settings.AgentsSettings.defaults().missionDetect());
    }

    /** The planned run (the mission has one). */
    MissionPlanner.Run run() {
      return result.runs().get(0);
    }
  }

  @Test
  void percentOfATinyScriptedMission(@TempDir Path dir) throws Exception {
    Scripted m = Scripted.in(dir);
    MissionPlanner.Result result = m.result();
    AreaTraffic traffic = m.traffic();
    NadirCamera camera = m.camera();
    MissionDetectSettings settings = m.settings();
    assertEquals(1, traffic.grid().size(), "the scripted area is one cell");

    MissionPlanner.Run run = m.run();
    int hoverS = hoverSeconds(run, run.results().get(Strategy.I_EPOS).selection()[0], result);
    assertTrue(hoverS > 0 && hoverS <= 120, "the drone hovers over the cell for a while: " + hoverS + " s");

    DetectionReport onlyA = MissionDetection.run(result, traffic, camera, finds(Set.of("a"), false), settings, true,
        line -> { });
    DetectedVehicles a = onlyA.perRun().get(0).get(Strategy.I_EPOS);
    assertEquals(240, a.demandVehicleSeconds(), 0.0);
    assertEquals(hoverS, a.detectedVehicleSeconds(), 0.0);
    assertEquals(100.0 * hoverS / 240, a.detectedVehiclesPercent(), 1e-9);
    assertTrue(a.frames() >= 1 && a.frames() <= (hoverS + 59) / 60 + 2, "frames: " + a.frames());
    assertEquals(a.frames(), a.truePositives(), "a is found once per frame");
    assertEquals(a.frames(), a.falsePositives(), "one corner box per frame");
    assertEquals(2L * a.frames(), a.groundTruthBoxes(), "both cars are in every frame");
    assertEquals(hoverS / a.energyKj(), a.detectionsPerKj(), 1e-9);

    DetectedVehicles both = MissionDetection.run(result, traffic, camera, finds(Set.of("a", "b"), false), settings,
        true, line -> { }).perRun().get(0).get(Strategy.I_EPOS);
    assertEquals(2.0 * hoverS, both.detectedVehicleSeconds(), 0.0);

    DetectedVehicles lost = MissionDetection.run(result, traffic, camera, finds(Set.of("a", "b"), true), settings,
        true, line -> { }).perRun().get(0).get(Strategy.I_EPOS);
    assertEquals(0, lost.detectedVehicleSeconds(), 0.0);
    assertEquals(lost.frames(), lost.framesLost());
  }

  /**
   * A scripted channel: finds both cars unless the frame's channel seed says it is lost (about half the
   * seeds, by a mix of its bits).
   */
  private static FrameSender lossyBySeed() {
    FrameSender finds = finds(Set.of("a", "b"), false);
    return new FrameSender() {
      @Override
      public String variant() {
        return "scripted, lossy by seed";
      }

      @Override
      public Optional<List<Detection>> send(CameraFrame frame, long frameId, long channelSeed) {
        long z = channelSeed * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 31)) * 0xBF58476D1CE4E5B9L;
        return ((z ^ (z >>> 29)) & 1) == 0 ? Optional.empty() : finds.send(frame, frameId, channelSeed);
      }
    };
  }

  /**
   * A camera mission plans for the vehicles in the camera's footprint over the cell's centre (a car
   * parked 80 m north of it is not in the planner's demand) but its detected percent still counts
   * against every vehicle-second in the cell; a whole-cell mission plans for all three cars.
   */
  @Test
  void aCameraMissionPlansForTheFootprintAndCountsDetectionAgainstTheWholeCell(@TempDir Path dir) throws Exception {
    MapsSettings maps = MapsSettings.load();
    Mission camera = MissionReader.read(writeMission(dir, "camera", true));
    assertEquals(69.282, maps.camera().withAltitudeM(camera.fleet().altitudeM()).groundWidthM(), 1e-3,
        "the fixture's car c is outside the camera's square at 60 m");
    MissionPlanner.Result planned = MissionPlanner.plan(camera, maps, line -> { });
    assertEquals(240, java.util.Arrays.stream(planned.runs().get(0).problem().vehicleSeconds()).sum(), 0.0,
        "cars a and b, 120 s each; not c");
    AreaTraffic traffic = AreaTraffic.of(camera, maps, line -> { });
    NadirCamera cam = new NadirCamera(MapScene.of("empty", new OsmFeatures(List.of(), List.of(), List.of()),
        traffic.projection()), maps.camera().withAltitudeM(camera.fleet().altitudeM()));
    DetectedVehicles a = MissionDetection.run(planned, traffic, cam, finds(Set.of("a", "b", "c"), false),
        org.swarmsense.agents.settings.AgentsSettings.defaults().missionDetect(), true, line -> { })
        .perRun().get(0).get(Strategy.I_EPOS);
    assertEquals(360, a.demandVehicleSeconds(), 0.0, "the percent's denominator: every vehicle-second in the cell");

    Mission whole = MissionReader.read(writeMission(dir, "cell", true));
    assertEquals(360, java.util.Arrays.stream(MissionPlanner.plan(whole, maps, line -> { }).runs().get(0).problem()
        .vehicleSeconds()).sum(), 0.0, "a whole-cell mission plans for all three cars");
  }

  /**
   * The camera of a mission flown with detection draws a SUMO trace where the renderer and the bench
   * detector draw it: footprint centres, half the vehicle's length behind SUMO's front bumper.
   */
  @Test
  void theMissionsCameraMovesSumoFrontBumpersToFootprintCentresLikeTheRenderer(@TempDir Path dir) throws Exception {
    Scripted m = Scripted.in(dir);
    assertTrue(m.traffic().frontBumper(), "a SUMO demand source reports front bumpers");
    MissionDetection.Flights flights = new MissionDetection.Flights(m.result().mission(), m.result().energy(),
        m.traffic(), m.camera(), finds(Set.of(), false), m.settings(), true, line -> { });
    org.swarmsense.maps.camera.TrafficTrace rendered =
        org.swarmsense.maps.camera.TrafficTrace.load(dir.resolve("cars.xml"), m.camera().scene().projection());
    for (double t : new double[] {0, 30.5, 100}) {
      List<org.swarmsense.maps.camera.VehiclePose> mission = flights.trace().posesAt(t);
      List<org.swarmsense.maps.camera.VehiclePose> renderer = rendered.posesAt(t);
      assertEquals(2, mission.size());
      for (int i = 0; i < 2; i++) {
        assertEquals(renderer.get(i).vehicleId(), mission.get(i).vehicleId());
        assertEquals(renderer.get(i).xM(), mission.get(i).xM(), 1e-6, "x of " + mission.get(i).vehicleId() + " at " + t);
        assertEquals(renderer.get(i).yM(), mission.get(i).yM(), 1e-6, "y of " + mission.get(i).vehicleId() + " at " + t);
      }
    }
  }

  @Test
  void aFramesChannelDoesNotDependOnTheOtherFramesOfTheRun(@TempDir Path dir) throws Exception {
    // The same planned run measured alone and after another copy of itself: its frames are the same
    // (drone, second) frames, so their losses and detections must be the same. Until 2026-12-02 the
    // channel seed was the frame's position among all frames of all runs and strategies, so one
    // strategy's figures moved when another strategy's plans (or an earlier run) changed.
    Scripted m = Scripted.in(dir);
    MissionPlanner.Result result = m.result();
    AreaTraffic traffic = m.traffic();
    NadirCamera camera = m.camera();
    MissionDetectSettings settings = m.settings();
    MissionPlanner.Run run = m.run();
    MissionPlanner.Result twice = new MissionPlanner.Result(result.mission(), result.projection(), result.energy(),
        List.of(run, run));
    DetectionReport alone = MissionDetection.run(result, traffic, camera, lossyBySeed(), settings, false, line -> { });
    DetectionReport second = MissionDetection.run(twice, traffic, camera, lossyBySeed(), settings, false, line -> { });
    DetectedVehicles a = alone.perRun().get(0).get(Strategy.I_EPOS);
    assertTrue(a.frames() >= 4, "enough frames for the losses to tell: " + a.frames());
    for (int r = 0; r < 2; r++) {
      DetectedVehicles b = second.perRun().get(r).get(Strategy.I_EPOS);
      assertEquals(a.framesLost(), b.framesLost(), "run copy " + r + ": frames lost");
      assertEquals(a.detectedVehicleSeconds(), b.detectedVehicleSeconds(), 0.0, "run copy " + r);
    }
  }

  /** {@code inner}, listing the channel seed of every frame sent. */
  private static FrameSender counting(FrameSender inner, List<String> sent) {
    return new FrameSender() {
      @Override
      public String variant() {
        return inner.variant();
      }

      @Override
      public Optional<List<Detection>> send(CameraFrame frame, long frameId, long channelSeed) {
        sent.add(Long.toString(channelSeed));
        return inner.send(frame, frameId, channelSeed);
      }
    };
  }

  /**
   * The detection ceiling rests on one identity: a strategy detects the union of its plans' (vehicle,
   * second) pairs. Every candidate plan flown after the strategies (frames lost by seed, so not every
   * plan sees the same) gives sets whose union per strategy is that strategy's figure; flying them again
   * sends nothing.
   */
  @Test
  void everyCandidatePlanFlownGivesSetsWhoseUnionIsEachStrategysDetection(@TempDir Path dir) throws Exception {
    Scripted m = Scripted.in(dir);
    List<String> sent = new ArrayList<>();
    MissionDetection.Flights flights = new MissionDetection.Flights(m.result().mission(), m.result().energy(),
        m.traffic(), m.camera(), counting(lossyBySeed(), sent), m.settings(), false, line -> { });
    DetectionReport report = flights.finish(m.result());

    List<List<Set<String>>> pairs = flights.detectedPairsByPlan(0, m.run());

    assertEquals(m.run().plans().size(), pairs.size());
    assertEquals(m.run().plans().get(0).size(), pairs.get(0).size());
    long distinct = pairs.stream().flatMap(List::stream).flatMap(Set::stream).distinct().count();
    assertTrue(distinct > 0, "the scripted node finds cars a and b: " + pairs);
    for (Set<String> plan : pairs.get(0)) {
      for (String pair : plan) {
        assertTrue(pair.matches("[ab]@[0-9]+"), pair);
      }
    }
    for (MissionPlanner.StrategyResult sr : m.run().results().values()) {
      assertEquals(report.perRun().get(0).get(sr.strategy()).detectedVehicleSeconds(),
          (double) DetectionCeiling.detectedBy(pairs, sr.selection()), sr.name());
    }
    int before = sent.size();
    assertEquals(pairs, flights.detectedPairsByPlan(0, m.run()));
    assertEquals(before, sent.size(), "no frame is sent twice");
  }

  @Test
  void baselinesFlownFirstThenTheRestGiveTheOnePassFiguresAndNoFrameIsSentTwice(@TempDir Path dir)
      throws Exception {
    // bench sensing --detect's default flies the uncoordinated baselines of a run before I-EPOS is
    // planned, and I-EPOS and the local search after: the figures must be those of one pass over every
    // strategy, with every distinct frame sent once and no strategy flown twice
    Scripted m = Scripted.in(dir);
    MissionPlanner.Result result = m.result();
    Mission mission = result.mission();
    AreaTraffic traffic = m.traffic();
    NadirCamera camera = m.camera();
    MissionDetectSettings settings = m.settings();

    List<String> onePassSent = new ArrayList<>();
    DetectionReport onePass = MissionDetection.run(result, traffic, camera, counting(lossyBySeed(), onePassSent),
        settings, false, line -> { });
    List<String> splitSent = new ArrayList<>();
    MissionDetection.Flights flights = new MissionDetection.Flights(mission, result.energy(), traffic, camera,
        counting(lossyBySeed(), splitSent), settings, false, line -> { });
    MissionPlanner.Run run = result.runs().get(0);
    var baselines = flights.fly(0, run, Strategy.UNCOORDINATED);
    assertEquals(Set.copyOf(Strategy.UNCOORDINATED), baselines.keySet());
    IllegalStateException twice = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> flights.fly(0, run, List.of(Strategy.GREEDY)));
    assertEquals("greedy of run 0 was flown already", twice.getMessage());
    DetectionReport split = flights.finish(result);

    assertTrue(onePassSent.size() >= 4, "enough frames to tell: " + onePassSent.size());
    // a frame's channel seed is its drone's and second's (two plans of a drone may share one), so the
    // frames are compared as sorted lists of seeds
    java.util.Collections.sort(onePassSent);
    java.util.Collections.sort(splitSent);
    assertEquals(onePassSent, splitSent, "the split flights send the same frames, as many times");
    assertEquals(splitSent.size(), flights.framesSent());
    for (Strategy s : Strategy.values()) {
      DetectedVehicles a = onePass.perRun().get(0).get(s);
      DetectedVehicles b = split.perRun().get(0).get(s);
      assertEquals(a, b, s.label());
      if (Strategy.UNCOORDINATED.contains(s)) {
        assertEquals(a, baselines.get(s), s.label() + " as flown first");
      }
    }
  }

  @Test
  void samplingAccuracyIsMeasuredByThinningTheRealFrames(@TempDir Path dir) throws Exception {
    Scripted m = Scripted.in(dir);
    MissionPlanner.Result result = m.result();
    MissionPlanner.Run run = m.run();
    int hoverS = hoverSeconds(run, run.results().get(Strategy.I_EPOS).selection()[0], result);
    FrameSender scripted = finds(Set.of("a"), false);
    FrameSender encoding = new FrameSender() {
      @Override
      public String variant() {
        return scripted.variant();
      }

      @Override
      public Optional<List<Detection>> send(CameraFrame frame, long frameId, long channelSeed) {
        return scripted.send(frame, frameId, channelSeed);
      }

      @Override
      public java.util.OptionalDouble meanEncodedFrameBits() {
        return java.util.OptionalDouble.of(1e6);
      }
    };
    DetectionReport report = MissionDetection.run(result, m.traffic(), m.camera(), encoding, m.settings(), false,
        line -> { });
    assertEquals(1, report.control().size());
    // One hover of hoverS seconds, a frame every 10 s, "a" found in each. Level k of K = 4 keeps the
    // c-th frame when floor(c k / 4) moves at c + 1: the first kept frame is c = 3 (k = 1), 1 (k = 2, 3),
    // 0 (k = 4), and everything from it to the hover's end is covered: g = (hoverS - 10 c) / hoverS.
    String model = report.control().get(0).model();
    String expected = String.format(Locale.ROOT, "g(k) = [%.3f, %.3f, %.3f, %.3f]", (hoverS - 30.0) / hoverS,
        (hoverS - 10.0) / hoverS, (hoverS - 10.0) / hoverS, 1.0);
    assertTrue(hoverS > 30, "the hover must hold 4 frames: " + hoverS);
    assertTrue(model.contains(expected), model + " should contain " + expected);
    assertEquals(Strategy.I_EPOS.label(), report.control().get(0).strategy());
  }

  /** Seconds of [0, 120) the drone hovers flying plan {@code k}, from the flight model. */
  private static int hoverSeconds(MissionPlanner.Run run, int k, MissionPlanner.Result result) {
    CandidatePlan plan = run.plans().get(0).get(k);
    SensingProblem p = run.problem();
    Mission.Fleet f = result.mission().fleet();
    FlightTimeline tl = FlightTimeline.of(plan, p.bx(plan.base()), p.by(plan.base()), f.altitudeM(), f.batterySwapS(), 0,
        result.energy());
    int n = 0;
    for (int s = 0; s < 120; s++) {
      if (tl.stateAt(s).phase() == FlightPhase.HOVERING) {
        n++;
      }
    }
    return n;
  }
}
