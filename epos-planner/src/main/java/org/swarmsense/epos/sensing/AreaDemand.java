package org.swarmsense.epos.sensing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.swarmsense.epos.sensing.mission.Mission;
import org.swarmsense.epos.sensing.plans.SensingProblem;
import org.swarmsense.maps.MapsSettings;
import org.swarmsense.maps.geo.LocalProjection;
import org.swarmsense.maps.grid.SensingGrid;
import org.swarmsense.maps.roads.RoadGraph;
import org.swarmsense.maps.roads.SyntheticTraffic;
import org.swarmsense.maps.traffic.GpxReader;
import org.swarmsense.maps.traffic.PneumaCsvReader;
import org.swarmsense.maps.traffic.SumoFcdReader;
import org.swarmsense.maps.traffic.TrafficDemand;
import org.swarmsense.maps.traffic.Trajectory;

/**
 * Demand of area missions, via the maps module: the area polygon is projected to a local metric
 * frame centred on it, covered by a square grid of {@code cellSizeM}, and the trajectories of the
 * demand source are counted as vehicle-seconds per (cell, slot) ({@link TrafficDemand}). Trace
 * times: SUMO and pNEUMA as in the file (seconds from the simulation/recording start); GPX times
 * are shifted so that the earliest point of the file is 0; synthetic traffic starts at 0 and lasts
 * the window's end. Window bounds are rounded to whole seconds for counting. Stateless and
 * thread-safe.
 */
final class AreaDemand {

  private static final GeometryFactory GF = new GeometryFactory();

  private AreaDemand() {}

  static MissionDemand.Frame frame(Mission mission, MapsSettings maps, Consumer<String> progress) {
    AreaTraffic a = traffic(mission, maps, progress);
    LocalProjection projection = a.projection();
    SensingGrid grid = a.grid();
    Mission.Window w = mission.window();
    int slots = a.slots();
    List<Trajectory> traffic = a.trajectories();
    Optional<TrafficDemand.Footprint> view = a.view();
    double[] v = a.demandVehicleSeconds();
    List<double[]> xy = new ArrayList<>();
    int[] ids = new int[grid.size()];
    for (SensingGrid.Cell c : grid.cells()) {
      xy.add(new double[] {c.xM(), c.yM()});
      ids[c.id()] = c.id();
    }
    List<double[]> bases = new ArrayList<>();
    for (Mission.Point b : mission.bases()) {
      Coordinate c = projection.toLocal(b.x(), b.y());
      bases.add(new double[] {c.x, c.y});
    }
    double total = 0;
    for (double x : v) {
      total += x;
    }
    progress.accept(String.format(java.util.Locale.ROOT,
        "demand: %d trajectories, %.0f vehicle-seconds in %d cells of %.0f m x %d slots%s",
        traffic.size(), total, grid.size(), mission.cellSizeM(), slots,
        view.map(f -> String.format(java.util.Locale.ROOT,
            ", counted in the camera's %.1f x %.1f m footprint over each cell's centre at %.0f m", f.widthM(),
            f.heightM(), mission.fleet().altitudeM())).orElse("")));
    if (!(total > 0)) {
      throw new IllegalArgumentException("demand: no vehicle-second of " + mission.demand().path()
          .map(Object::toString).orElse("the source") + " falls in the area and window "
          + w.startS() + ".." + w.endS() + " s");
    }
    return new MissionDemand.Frame(
        SensingProblem.of(xy, ids, slots, w.slotS(), w.durationS(), v, bases),
        Optional.of(projection));
  }

  /**
   * The footprint a camera mission's demand is counted in ({@code demand.view: camera}): the ground
   * the maps camera sees at the fleet's altitude ({@code CameraSettings.groundWidthM()} and
   * {@code groundHeightM()}, the camera's own formula), over each cell's centre, where the plans
   * hover; empty for whole-cell demand.
   */
  static Optional<TrafficDemand.Footprint> footprint(Mission mission, MapsSettings maps) {
    if (mission.demand().view() != Mission.DemandView.CAMERA) {
      return Optional.empty();
    }
    var camera = maps.camera().withAltitudeM(mission.fleet().altitudeM());
    return Optional.of(new TrafficDemand.Footprint(camera.groundWidthM(), camera.groundHeightM()));
  }

  /** The area mission's local frame, grid and trajectories (read once). */
  static AreaTraffic traffic(Mission mission, MapsSettings maps, Consumer<String> progress) {
    Mission.Area area = mission.area().orElseThrow(
        () -> new IllegalArgumentException("mission " + mission.name() + " has no 'area' (a cells-file mission)"));
    List<Coordinate> ring = new ArrayList<>();
    for (Mission.Point p : area.ring()) {
      ring.add(new Coordinate(p.x(), p.y()));
    }
    if (!ring.get(0).equals2D(ring.get(ring.size() - 1))) {
      ring.add(new Coordinate(ring.get(0)));
    }
    if (ring.size() < 4) {
      throw new IllegalArgumentException("area: a polygon needs at least 3 distinct points");
    }
    Polygon wgs = GF.createPolygon(ring.toArray(new Coordinate[0]));
    LocalProjection projection = LocalProjection.centredOn(wgs);
    Polygon local = (Polygon) projection.toLocal(wgs);
    SensingGrid grid = SensingGrid.over(local, mission.cellSizeM());
    Mission.Window w = mission.window();
    return new AreaTraffic(projection, grid, trajectories(mission, maps, progress), Math.round(w.startS()),
        Math.max(1, Math.round(w.slotS())), w.slots(), mission.demand().source() == Mission.DemandSource.SUMO,
        footprint(mission, maps));
  }

  private static List<Trajectory> trajectories(Mission mission, MapsSettings maps,
      Consumer<String> progress) {
    Mission.Demand d = mission.demand();
    var path = d.path().orElseThrow();
    progress.accept("reading " + d.source().name().toLowerCase(java.util.Locale.ROOT) + " demand "
        + path);
    return switch (d.source()) {
      case SUMO -> SumoFcdReader.read(path);
      case PNEUMA -> PneumaCsvReader.read(path);
      case GPX -> shiftToZero(GpxReader.read(path));
      case SYNTHETIC -> {
        try (RoadGraph graph = RoadGraph.load(path, maps)) {
          yield SyntheticTraffic.generate(graph, d.vehicles(), mission.window().endS(), d.seed());
        }
      }
      case CELLS -> throw new IllegalArgumentException(
          "demand.source cells needs a 'cells' mission, not an area");
    };
  }

  private static List<Trajectory> shiftToZero(List<Trajectory> ts) {
    double t0 = Double.POSITIVE_INFINITY;
    for (Trajectory t : ts) {
      for (double s : t.tS()) {
        t0 = Math.min(t0, s);
      }
    }
    List<Trajectory> out = new ArrayList<>(ts.size());
    for (Trajectory t : ts) {
      double[] s = t.tS().clone();
      for (int i = 0; i < s.length; i++) {
        s[i] -= t0;
      }
      out.add(new Trajectory(t.vehicleId(), s, t.lonDeg(), t.latDeg()));
    }
    return out;
  }
}
