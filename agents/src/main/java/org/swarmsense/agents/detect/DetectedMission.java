package org.swarmsense.agents.detect;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.swarmsense.agents.edge.EdgeNodeSettings;
import org.swarmsense.edge.EdgeInferenceSettings;
import org.swarmsense.edge.detect.VehicleDetector;
import org.swarmsense.edge.offload.FrameDetector;
import org.swarmsense.epos.sensing.AreaTraffic;
import org.swarmsense.epos.sensing.MissionPlanner;
import org.swarmsense.epos.sensing.Strategy;
import org.swarmsense.epos.sensing.energy.EnergyModel;
import org.swarmsense.epos.sensing.evaluation.DetectionReport;
import org.swarmsense.epos.sensing.mission.Mission;
import org.swarmsense.maps.MapsSettings;
import org.swarmsense.maps.camera.MapScene;
import org.swarmsense.maps.camera.NadirCamera;
import org.swarmsense.semantic.codec.BandOrder;

/**
 * A mission planned and flown with cameras: the plain entry {@code mission plan --detect} and {@code
 * bench sensing --detect} call. Stateless.
 *
 * @param result the planned mission
 * @param detection every strategy's measured detection
 */
public record DetectedMission(MissionPlanner.Result result, DetectionReport detection) {

  /** Checks the two belong together. */
  public DetectedMission {
    if (result == null || detection == null) {
      throw new IllegalArgumentException("result and detection must not be null");
    }
    if (detection.perRun().size() != result.runs().size()) {
      throw new IllegalArgumentException("detection has " + detection.perRun().size() + " runs, the result "
          + result.runs().size());
    }
  }

  /**
   * Plans {@code mission} and flies every strategy's plans with cameras.
   *
   * @param detectorModel a COCO-format ONNX detector the edge node runs instead of the project's
   *     vehicle detector (plain variant); empty: the agents' {@code edge-node.detector-model} if
   *     set, else the project's detector
   * @param quick one frame per the settings' quick interval (tests)
   * @throws IllegalArgumentException when the mission has no area or no {@code demand.map}
   */
  public static DetectedMission planAndDetect(Mission mission, Optional<Path> detectorModel, boolean quick,
      Consumer<String> progress) throws Exception {
    return planAndDetect(mission, detectorModel, quick, MissionPlanner.EnergyBudget.NONE, progress);
  }

  /**
   * As {@link #planAndDetect(Mission, Optional, boolean, Consumer)}, I-EPOS held to {@code budget}.
   * Under {@link MissionPlanner.EnergyBudget#BEST_UNCOORDINATED_BY_DETECTION}, per run, the
   * uncoordinated baselines are flown with cameras as soon as they are selected, I-EPOS is planned
   * within the energy of the best of them by detected vehicles, and then I-EPOS and the local search
   * are flown: every strategy once, every distinct frame sent once ({@link MissionDetection.Flights}).
   */
  public static DetectedMission planAndDetect(Mission mission, Optional<Path> detectorModel, boolean quick,
      MissionPlanner.EnergyBudget budget, Consumer<String> progress) throws Exception {
    return planAndDetect(mission, detectorModel, quick, budget, progress, flown -> { });
  }

  /**
   * As {@link #planAndDetect(Mission, Optional, boolean, MissionPlanner.EnergyBudget, Consumer)}, and
   * hands the finished flights (every strategy's frames and outcomes) to {@code flown}, for the
   * diagnosis ({@link DetectDiagnosis}).
   */
  public static DetectedMission planAndDetect(Mission mission, Optional<Path> detectorModel, boolean quick,
      MissionPlanner.EnergyBudget budget, Consumer<String> progress, Consumer<MissionDetection.Flights> flown)
      throws Exception {
    MapsSettings maps = MapsSettings.load();
    if (budget != MissionPlanner.EnergyBudget.BEST_UNCOORDINATED_BY_DETECTION) {
      MissionPlanner.Result result = MissionPlanner.plan(mission, maps, progress, budget);
      MissionDetection.Flights f = flights(mission, result.energy(), maps, detectorModel, quick, progress);
      DetectedMission d = new DetectedMission(result, f.finish(result));
      flown.accept(f);
      return d;
    }
    MissionDetection.Flights flights = flights(mission, EnergyModel.of(mission.fleet().model()), maps, detectorModel,
        quick, progress);
    MissionPlanner.Result result = MissionPlanner.plan(mission, maps, progress, budget, (runIndex, baselines) -> {
      Map<Strategy, Double> percent = new EnumMap<>(Strategy.class);
      flights.fly(runIndex, baselines, Strategy.UNCOORDINATED)
          .forEach((s, figures) -> percent.put(s, figures.detectedVehiclesPercent()));
      return percent;
    });
    DetectedMission d = new DetectedMission(result, flights.finish(result));
    flown.accept(flights);
    return d;
  }

  /** Flies a planned mission's strategies with cameras (see {@link #planAndDetect}). */
  public static DetectionReport detect(MissionPlanner.Result result, MapsSettings maps, Optional<Path> detectorModel,
      boolean quick, Consumer<String> progress) throws Exception {
    return flights(result.mission(), result.energy(), maps, detectorModel, quick, progress).finish(result);
  }

  /** The camera, traffic and edge link of {@code mission}, nothing flown yet. */
  private static MissionDetection.Flights flights(Mission mission, EnergyModel energy, MapsSettings maps,
      Optional<Path> detectorModel, boolean quick, Consumer<String> progress) throws Exception {
    Path map = mission.demand().map().orElseThrow(() -> new IllegalArgumentException("mission " + mission.name()
        + " has no 'demand.map': detection needs the OSM map the drones' cameras photograph"));
    org.swarmsense.agents.settings.AgentsSettings agents = org.swarmsense.agents.settings.AgentsSettings.defaults();
    EdgeNodeSettings edge = agents.edgeNode();
    Optional<Path> model = detectorModel.or(edge::detectorModel);
    MissionDetectSettings settings = agents.missionDetect();
    progress.accept("camera map " + map + ", detector " + model.map(Path::toString)
        .orElse("the project's vehicle detector, plain variant"));
    NadirCamera camera = new NadirCamera(MapScene.load(map), maps.camera().withAltitudeM(mission.fleet().altitudeM()));
    AreaTraffic traffic = AreaTraffic.of(mission, maps, progress);
    FrameDetector detector = model.isPresent()
        ? vehiclesOnly(FrameDetector.open(model.get(), edge.detectorThreads(), edge.minScore()),
            settings.cocoVehicleClassIds())
        // the plain variant, as the edge nodes run by default (the shipped patch-defence files are made
        // for it); the frames go in its learned band order, as the live drones send them. Another
        // model has no learned order here: zig-zag.
        : FrameDetector.vehicles(VehicleDetector.open(VehicleDetector.Variant.PLAIN, EdgeInferenceSettings.load()));
    BandOrder order = model.isPresent()
        ? BandOrder.zigZag()
        : VehicleDetector.Variant.PLAIN.bandOrder();
    return new MissionDetection.Flights(mission, energy, traffic, camera,
        new EdgeFrameLink(detector, order, edge.limits(), settings), settings, quick, progress);
  }

  /** {@code detector} keeping only the detections of {@code classIds} (COCO's vehicle classes). */
  static FrameDetector vehiclesOnly(FrameDetector detector, java.util.List<Integer> classIds) {
    return FrameDetector.named(detector.variant(),
        image -> detector.detect(image).stream().filter(d -> classIds.contains(d.classId())).toList());
  }
}
