package org.swarmsense.gateway.mission;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.swarmsense.epos.sensing.mission.Mission;
import org.swarmsense.gateway.input.FieldError;
import org.swarmsense.maps.geo.LocalProjection;

/**
 * The cost of planning a mission, estimated at submit from the validated mission alone (nothing is
 * allocated in proportion to it), so that a request within every field's range cannot exhaust the
 * heap or the CPU: I-EPOS touches every candidate plan (drones x plans, each cells x slots values)
 * once per iteration and repetition, for every run of a sweep. Cells of an area mission are counted
 * on the area's bounding box in a local metric frame (an upper bound of the grid), cells of a cells
 * file by its lines. Immutable.
 *
 * @param drones the largest drone count of the mission
 * @param plansPerDrone candidate plans per drone
 * @param cells sensing cells (upper bound)
 * @param slots time slots of the window
 * @param iterations I-EPOS iterations
 * @param repetitions I-EPOS repetitions
 * @param runs planner runs (drone counts x coverage targets of a sweep)
 * @param cellsField the mission field that sets the cell count ({@code cellSizeM} or {@code cells})
 * @param cellsGiven that field's value as given (the cell size in metres, or the dataset name)
 * @param slotS the window's slot length, s
 */
public record MissionCost(
    double drones, double plansPerDrone, double cells, double slots, double iterations,
    double repetitions, double runs, String cellsField, String cellsGiven, double slotS) {
  /** Bytes per value of a candidate plan (a double). */
  static final int BYTES_PER_VALUE = Double.BYTES;

  /** Estimates the cost of a validated mission. */
  public static MissionCost of(Mission m) {
    int maxDrones = m.droneCounts().stream().mapToInt(Integer::intValue).max().orElse(m.fleet().count());
    double slots = Math.ceil(m.window().durationS() / m.window().slotS() - 1e-9);
    double cells;
    String cellsField;
    String cellsGiven;
    if (m.area().isPresent()) {
      cellsField = "cellSizeM";
      cellsGiven = String.valueOf(m.cellSizeM());
      Envelope wgs = new Envelope();
      m.area().get().ring().forEach(p -> wgs.expandToInclude(p.x(), p.y()));
      LocalProjection proj = LocalProjection.centredOn(wgs.centre().x, wgs.centre().y);
      Coordinate lo = proj.toLocal(wgs.getMinX(), wgs.getMinY());
      Coordinate hi = proj.toLocal(wgs.getMaxX(), wgs.getMaxY());
      double size = m.cellSizeM();
      cells = Math.max(1, Math.ceil(Math.abs(hi.x - lo.x) / size)) * Math.max(1, Math.ceil(Math.abs(hi.y - lo.y) / size));
    } else {
      cellsField = "cells";
      cellsGiven = m.cellsFile().orElseThrow().getFileName().toString();
      cells = lines(m.cellsFile().orElseThrow());
    }
    return new MissionCost(maxDrones, m.fleet().plansPerDrone(), cells, slots, m.planner().iterations(),
        m.planner().repetitions(), (double) m.droneCounts().size() * m.coverageTargets().size(), cellsField,
        cellsGiven, m.window().slotS());
  }

  private static double lines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return Math.max(1, lines.count());
    } catch (IOException | UncheckedIOException e) {
      return 1;
    }
  }

  /** Element operations of all runs: drones x plans x cells x slots x iterations x repetitions x runs. */
  public double work() {
    return drones * plansPerDrone * cells * slots * iterations * repetitions * runs;
  }

  /** Bytes of the candidate plans of one run: drones x plans x cells x slots x 8. */
  public double memoryBytes() {
    return drones * plansPerDrone * cells * slots * BYTES_PER_VALUE;
  }

  /**
   * Refuses a mission above the budget, naming the field that contributes most beyond a typical
   * mission (20 drones, 32 plans, 400 cells, 12 slots, 40 iterations, 1 repetition, 1 run).
   *
   * @throws FieldError naming that field, its value, the estimate and the budget
   */
  public void requireWithin(MissionLimits limits) {
    boolean memory = memoryBytes() > limits.maxMemoryBytes();
    boolean work = work() > limits.maxWork();
    if (!memory && !work) {
      return;
    }
    String[] fields = {"drones.count", "drones.plansPerDrone", cellsField, "window.slotS", "planner.iterations",
        "planner.repetitions", "coverageTarget"};
    double[] values = {drones, plansPerDrone, cells, slots, iterations, repetitions, runs};
    double[] typical = {20, 32, 400, 12, 40, 1, 1};
    int worst = 0;
    for (int i = 1; i < values.length; i++) {
      if (memory && i >= 4) {
        break; // iterations, repetitions and runs take time, not memory
      }
      if (values[i] / typical[i] > values[worst] / typical[worst]) {
        worst = i;
      }
    }
    String why = memory
        ? String.format(Locale.ROOT, "makes the candidate plans need about %.3g bytes, over this gateway's"
            + " budget of %d (swarmsense.gateway.missions.max-memory)", memoryBytes(), limits.maxMemoryBytes())
        : String.format(Locale.ROOT, "makes planning cost about %.3g plan-value operations, over this gateway's"
            + " budget of %.3g (swarmsense.gateway.missions.max-work)", work(), limits.maxWork());
    String shown = worst == 2 ? cellsGiven
        : worst == 3 ? String.valueOf(slotS)
        : worst == 6 ? String.format(Locale.ROOT, "%.0f runs", runs)
        : String.format(Locale.ROOT, "%.0f", values[worst]);
    throw new FieldError(fields[worst], shown, why + "; " + summary());
  }

  /** The factors in one line. */
  public String summary() {
    return String.format(Locale.ROOT, "estimate: %.0f drones x %.0f plans x %.0f cells x %.0f slots x %.0f iterations"
        + " x %.0f repetitions x %.0f runs", drones, plansPerDrone, cells, slots, iterations, repetitions, runs);
  }
}
