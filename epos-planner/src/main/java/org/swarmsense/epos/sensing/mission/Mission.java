package org.swarmsense.epos.sensing.mission;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.swarmsense.epos.sensing.energy.DroneModel;

/**
 * A validated traffic-sensing mission (see specs/sensing.md and {@link MissionReader} for the file
 * layout). All paths are absolute (resolved against the mission file's folder). Coordinates of
 * {@link #bases} and {@link #noFlyZones} are WGS84 (x = lon, y = lat) when the mission has a
 * geographic {@link #area}, local metres otherwise (cells-file missions). Immutable, thread-safe.
 *
 * @param name label used in reports
 * @param area the sensing area in WGS84 (GeoJSON polygon or bounding box), empty for cells files
 * @param cellSizeM edge of a square sensing cell, metres (area missions)
 * @param cellsFile the drone-testbed cells file, empty for area missions
 * @param window time window and slot length
 * @param bases launch and battery-swap stations (at least one)
 * @param noFlyZones polygons drones may not enter
 * @param fleet drones, their model and plan-generation knobs
 * @param demand where traffic comes from
 * @param coverageTargets required sensing as multiples of the fleet's hover capacity (one run each)
 * @param droneCounts fleet sizes to sweep (one run each; the fleet's count alone if not swept)
 * @param planner I-EPOS parameters
 */
public record Mission(
    String name,
    Optional<Area> area,
    double cellSizeM,
    Optional<Path> cellsFile,
    Window window,
    List<Point> bases,
    List<Zone> noFlyZones,
    Fleet fleet,
    Demand demand,
    List<Double> coverageTargets,
    List<Integer> droneCounts,
    Planner planner) {

  public Mission {
    bases = List.copyOf(bases);
    noFlyZones = List.copyOf(noFlyZones);
    coverageTargets = List.copyOf(coverageTargets);
    droneCounts = List.copyOf(droneCounts);
    if (area.isEmpty() == cellsFile.isEmpty()) {
      throw new IllegalArgumentException("give exactly one of 'area' (+ 'cellSizeM') or 'cells'");
    }
    if (area.isPresent() && !(cellSizeM > 0)) {
      throw new IllegalArgumentException("cellSizeM must be > 0 with an area, got " + cellSizeM);
    }
    if (coverageTargets.isEmpty() || droneCounts.isEmpty()) {
      throw new IllegalArgumentException("coverageTarget and drones.count need at least one value");
    }
  }

  /** True when coordinates are WGS84 (an area mission), false for local metres. */
  public boolean geographic() {
    return area.isPresent();
  }

  /** A point: WGS84 (x = lon, y = lat) for area missions, metres for cells files. */
  public record Point(double x, double y) {}

  /**
   * A sensing area: a polygon ring (closed or not) in WGS84, x = lon, y = lat; a bounding box is
   * stored as its 4 corners. {@code geoJson} keeps the original GeoJSON text when given.
   */
  public record Area(List<Point> ring, Optional<String> geoJson) {
    public Area {
      ring = List.copyOf(ring);
    }
  }

  /** A no-fly polygon ring (same coordinate system as the bases) and its optional ceiling, m. */
  public record Zone(String name, List<Point> ring, Optional<Double> maxAltitudeM) {
    public Zone {
      ring = List.copyOf(ring);
      if (ring.size() < 3) {
        throw new IllegalArgumentException(
            "noFlyZones '" + name + "' needs at least 3 points, got " + ring.size());
      }
    }
  }

  /** Mission time: seconds since the trace's time origin; slots of {@code slotS}. */
  public record Window(double startS, double endS, double slotS) {
    public Window {
      if (!(endS > startS)) {
        throw new IllegalArgumentException(
            "window.endS must be > window.startS, got " + endS + " <= " + startS);
      }
      if (!(slotS > 0) || slotS > endS - startS) {
        throw new IllegalArgumentException(
            "window.slotS must be in (0, endS - startS], got " + slotS);
      }
    }

    /** Number of slots (a last partial slot counts). */
    public int slots() {
      return (int) Math.ceil((endS - startS) / slotS - 1e-9);
    }

    /** Window length, s. */
    public double durationS() {
      return endS - startS;
    }
  }

  /**
   * The fleet and how candidate plans are generated.
   *
   * @param count drones (the first value of a sweep)
   * @param model physical parameters
   * @param plansPerDrone K, candidate plans per drone
   * @param batterySwapS time on the ground to swap a battery, s
   * @param batteriesPerDay batteries a drone may use in the window (0 = enough to hover throughout)
   * @param maxCellsPerSortie most distinct cells a sortie senses within one time slot
   * @param budgetSpread eta of E_k = C (1 - k / (eta K)); > 1 keeps every budget positive
   * @param localityM e-folding distance of the base-locality weight exp(-distance / localityM) of
   *     cells outside a plan's demand region
   * @param altitudeM flight altitude (checked against zone ceilings), m
   */
  public record Fleet(
      int count,
      DroneModel model,
      int plansPerDrone,
      double batterySwapS,
      int batteriesPerDay,
      int maxCellsPerSortie,
      double budgetSpread,
      double localityM,
      double altitudeM) {
    public Fleet {
      if (count < 1) {
        throw new IllegalArgumentException("drones.count must be >= 1, got " + count);
      }
      if (plansPerDrone < 1) {
        throw new IllegalArgumentException("drones.plansPerDrone must be >= 1, got " + plansPerDrone);
      }
      if (!(batterySwapS >= 0)) {
        throw new IllegalArgumentException("drones.batterySwapS must be >= 0, got " + batterySwapS);
      }
      if (batteriesPerDay < 0) {
        throw new IllegalArgumentException(
            "drones.batteriesPerDay must be >= 0, got " + batteriesPerDay);
      }
      if (maxCellsPerSortie < 1) {
        throw new IllegalArgumentException(
            "drones.maxCellsPerSortie must be >= 1, got " + maxCellsPerSortie);
      }
      if (!(budgetSpread > 1)) {
        throw new IllegalArgumentException("drones.budgetSpread must be > 1, got " + budgetSpread);
      }
      if (!(localityM > 0)) {
        throw new IllegalArgumentException("drones.localityM must be > 0, got " + localityM);
      }
      if (!(altitudeM > 0)) {
        throw new IllegalArgumentException("drones.altitudeM must be > 0, got " + altitudeM);
      }
    }

    /** A copy with another drone count. */
    public Fleet withCount(int n) {
      return new Fleet(
          n, model, plansPerDrone, batterySwapS, batteriesPerDay, maxCellsPerSortie, budgetSpread,
          localityM, altitudeM);
    }
  }

  /** Demand sources. */
  public enum DemandSource {
    /** The value column of the cells file. */
    CELLS,
    /** SUMO floating-car data (--fcd-output.geo). */
    SUMO,
    /** pNEUMA-style trajectory CSV. */
    PNEUMA,
    /** GPX tracks. */
    GPX,
    /** Seeded synthetic traffic on the road graph of an OSM file. */
    SYNTHETIC
  }

  /**
   * Which vehicle-seconds of a (cell, slot) the demand counts.
   */
  public enum DemandView {
    /** Every vehicle-second in the cell (the default; proxy missions). */
    CELL,
    /**
     * Only the vehicle-seconds inside the ground footprint of the nadir camera hovering over the
     * cell's centre, at the fleet's {@code drones.altitudeM} with the maps camera settings (a
     * camera mission: what its drones can sense). Needs an area mission.
     */
    CAMERA
  }

  /**
   * Where traffic comes from.
   *
   * @param source the kind of source
   * @param path the trace or OSM file (absent for CELLS)
   * @param vehicles synthetic vehicles
   * @param seed synthetic seed
   * @param map the OSM file (.osm, .osm.gz, .osm.pbf) the drones' nadir camera photographs when the
   *     mission is flown with detection ({@code mission plan --detect}); absent: no camera
   * @param view which vehicle-seconds of a cell count: the whole cell, or the camera's footprint
   */
  public record Demand(DemandSource source, Optional<Path> path, int vehicles, long seed, Optional<Path> map,
      DemandView view) {
    /** A demand without a camera map, counted over whole cells. */
    public Demand(DemandSource source, Optional<Path> path, int vehicles, long seed) {
      this(source, path, vehicles, seed, Optional.empty(), DemandView.CELL);
    }

    /** A whole-cell demand. */
    public Demand(DemandSource source, Optional<Path> path, int vehicles, long seed, Optional<Path> map) {
      this(source, path, vehicles, seed, map, DemandView.CELL);
    }

    public Demand {
      if (map == null) {
        throw new IllegalArgumentException("demand.map must not be null (use Optional.empty())");
      }
      if (source != DemandSource.CELLS && path.isEmpty()) {
        throw new IllegalArgumentException("demand.path is required for source " + source);
      }
      if (source == DemandSource.SYNTHETIC && vehicles < 1) {
        throw new IllegalArgumentException("demand.vehicles must be >= 1, got " + vehicles);
      }
      if (view == null) {
        throw new IllegalArgumentException("demand.view must not be null");
      }
      if (view == DemandView.CAMERA && source == DemandSource.CELLS) {
        throw new IllegalArgumentException(
            "demand.view camera needs a trace counted over an area, not demand.source cells");
      }
    }
  }

  /** Global cost used by I-EPOS against the goal. */
  public enum CostFunction {
    /** Sum of squared differences. */
    SQR,
    /** Sum of absolute differences. */
    L1,
    /**
     * Demand-weighted shortfall of each (cell, slot)'s hover below one full slot, sum (r / S) max(0, S -
     * hover): what a camera can see, each second of a slot once (agents README, "COVER").
     */
    COVER
  }

  /**
   * I-EPOS parameters.
   *
   * @param iterations per repetition
   * @param repetitions repetitions (tree shuffles); the best final one is reported
   * @param children k of the k-ary tree
   * @param alpha unfairness weight
   * @param beta local-cost (energy) weight
   * @param cost SQR, L1 or COVER against the goal
   * @param seed master seed (plan generation, baselines, I-EPOS)
   * @param capFactor 0 = no cap; otherwise I-EPOS gets the core's hard constraint sensing(c, t) <=
   *     capFactor x r(c, t) on every (cell, slot) (the baselines ignore it)
   */
  public record Planner(
      int iterations,
      int repetitions,
      int children,
      double alpha,
      double beta,
      CostFunction cost,
      long seed,
      double capFactor) {
    public Planner {
      if (iterations < 1) {
        throw new IllegalArgumentException("planner.iterations must be >= 1, got " + iterations);
      }
      if (repetitions < 1) {
        throw new IllegalArgumentException("planner.repetitions must be >= 1, got " + repetitions);
      }
      if (children < 1) {
        throw new IllegalArgumentException("planner.children must be >= 1, got " + children);
      }
      if (!(alpha >= 0 && beta >= 0 && alpha + beta < 1)) {
        throw new IllegalArgumentException(
            "planner.alpha and planner.beta must be >= 0 with alpha + beta < 1, got alpha="
                + alpha + " beta=" + beta);
      }
      if (!(capFactor >= 0)) {
        throw new IllegalArgumentException("planner.capFactor must be >= 0, got " + capFactor);
      }
      if (cost == CostFunction.COVER && capFactor > 0) {
        throw new IllegalArgumentException("planner.capFactor must be 0 with planner.cost COVER (hover beyond a"
            + " slot already gains nothing), got " + capFactor);
      }
      if (cost == null) {
        throw new IllegalArgumentException("planner.cost must be SQR, L1 or COVER, got null");
      }
    }
  }
}
