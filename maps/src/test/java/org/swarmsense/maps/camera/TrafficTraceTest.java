package org.swarmsense.maps.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.maps.geo.LocalProjection;
import org.swarmsense.maps.traffic.Trajectory;

/** Poses from a trace: interpolation, heading and speed from motion, SUMO's front-bumper reference. */
class TrafficTraceTest {

  static final LocalProjection PROJ = LocalProjection.centredOn(15.6, 48.4);

  /** Drives 10 m east in the first second, then stands still (positions round-trip WGS84: within 1 mm). */
  static Trajectory eastThenStop(String type) {
    Coordinate a = PROJ.toWgs84(0, 0);
    Coordinate b = PROJ.toWgs84(10, 0);
    return new Trajectory("v", new double[] {0, 1, 2}, new double[] {a.x, b.x, b.x}, new double[] {a.y, b.y, b.y}, type);
  }

  @Test
  void posesAreInterpolatedWithHeadingAndSpeedFromMotion() {
    TrafficTrace trace = TrafficTrace.of(List.of(eastThenStop("truck")), PROJ);
    VehiclePose moving = trace.posesAt(0.5).get(0);
    assertEquals(5, moving.xM(), 1e-3);
    assertEquals(0, moving.yM(), 1e-3);
    assertEquals(90, moving.headingDeg(), 1e-3);
    assertEquals(10, moving.speedMps(), 1e-3);
    assertEquals(VehicleClass.TRUCK, moving.vehicleClass());
    VehiclePose stopped = trace.posesAt(1.5).get(0);
    assertEquals(10, stopped.xM(), 1e-3);
    assertEquals(90, stopped.headingDeg(), 1e-3); // keeps the heading of its last move
    assertEquals(0, stopped.speedMps());
    assertTrue(trace.posesAt(2.5).isEmpty());
    assertTrue(trace.posesAt(-0.1).isEmpty());
    assertEquals(0, trace.startS());
    assertEquals(2, trace.endS());
  }

  @Test
  void frontBumperPositionsAreMovedBackByHalfALength() {
    TrafficTrace sumo = TrafficTrace.of(List.of(eastThenStop("bus")), PROJ, true);
    VehiclePose p = sumo.posesAt(0.5).get(0);
    assertEquals(5 - 6, p.xM(), 1e-3); // a bus is 12 m long
    assertEquals(0, p.yM(), 1e-3);
  }
}
