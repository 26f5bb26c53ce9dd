package org.swarmsense.gateway.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.swarmsense.agents.detect.LiveFleetControl;
import org.swarmsense.agents.detect.MissionDetectSettings;
import org.swarmsense.gateway.offload.CaptureSteering;
import org.swarmsense.gateway.offload.EdgeDirectory;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.EdgeTelemetry;
import org.swarmsense.gateway.wire.Waypoint;
import org.swarmsense.semantic.control.ControlModel;
import org.swarmsense.semantic.control.SlotDecision;

/**
 * The decision adapter between the simulated fleet and the agents' live control: what a drone view
 * becomes (tasks, channel state from the distance, the edge queue from the nodes' telemetry) and
 * what a decision becomes (capture share k / K, on board or edge), checked against the agents'
 * control driven by hand with the inputs the rules say.
 */
class LiveCaptureControlTest {

  private static final MissionDetectSettings.Control SETTINGS =
      org.swarmsense.agents.settings.AgentsSettings.defaults().missionDetect().control();
  private static final List<Double> DISTANCES = List.of(50.0, 100.0, 200.0);
  private static final double BITS = 300e3;

  private static EdgeDirectory.Reach reach(String node, double distanceM, int queue, double load) {
    return new EdgeDirectory.Reach(new DeviceId("f", DeviceKind.EDGE, node), distanceM,
        new EdgeTelemetry(1, 1_763_900_000_000L, 43.7, 7.4, 10, "serving", queue, 8, load, 0, 0));
  }

  private static CaptureSteering.DroneView view(int i, boolean hovering, Optional<EdgeDirectory.Reach> edge) {
    return new CaptureSteering.DroneView(new DeviceId("f", DeviceKind.DRONE, String.format("d%04d", i)), hovering,
        edge);
  }

  @Test
  void viewsBecomeTheControlsInputsAndDecisionsBecomeCaptures() {
    long seed = 77L;
    System.out.println("LiveCaptureControlTest seed " + seed);
    SplittableRandom r = new SplittableRandom(seed);
    ControlModel radio = ControlModel.fromSettings();
    LiveCaptureControl adapter = LiveCaptureControl.create(4, 2.0, BITS, radio, SETTINGS, DISTANCES);
    // the same control driven by hand: 2 Hz x 1 s slot = 2 frames a hovering slot
    LiveFleetControl byHand = LiveFleetControl.create(4, 2.0, BITS, radio, SETTINGS);
    assertEquals(1000, adapter.slot().toMillis());
    int onBoardSeen = 0;
    int edgeSeen = 0;
    for (int t = 0; t < 60; t++) {
      int qa = r.nextInt(0, 6);
      int qb = r.nextInt(0, 6);
      List<CaptureSteering.DroneView> views = new ArrayList<>();
      double[] arrivals = new double[4];
      int[] states = new int[4];
      boolean[] hovering = new boolean[4];
      for (int i = 0; i < 4; i++) {
        hovering[i] = r.nextDouble() < 0.7;
        arrivals[i] = hovering[i] ? 2.0 : 0;
      }
      // d0: 40 m from node a (state 0); d1: 120 m from a (state 1); d2: 600 m from b (state 2); d3: hears no node
      views.add(view(0, hovering[0], Optional.of(reach("a", 40, qa, 0.5))));
      views.add(view(1, hovering[1], Optional.of(reach("a", 120, qa, 0.5))));
      views.add(view(2, hovering[2], Optional.of(reach("b", 600, qb, 0.25))));
      views.add(view(3, hovering[3], Optional.empty()));
      states[0] = 0;
      states[1] = 1;
      states[2] = 2;
      states[3] = 2; // no node heard: the worst state
      // the edge queue: node a counted once though two drones use it, plus node b, in frames of BITS
      SlotDecision d = byHand.decide(arrivals, states, (qa + qb) * BITS);
      List<CaptureSteering.Choice> choices = adapter.decide(views);
      assertEquals(4, choices.size());
      for (int i = 0; i < 4; i++) {
        assertEquals(d.level(i) / 4.0, choices.get(i).captureShare(), 0, "slot " + t + " drone " + i);
        boolean onBoard = !d.atEdge(i) || i == 3;
        assertEquals(onBoard, choices.get(i).onBoard(), "slot " + t + " drone " + i);
        if (hovering[i]) {
          onBoardSeen += onBoard ? 1 : 0;
          edgeSeen += onBoard ? 0 : 1;
        }
      }
      assertTrue(choices.get(3).onBoard(), "a drone without an edge node stays on board");
    }
    assertTrue(onBoardSeen > 0 && edgeSeen > 0, "on board " + onBoardSeen + ", edge " + edgeSeen);
    assertEquals(60, adapter.slots());
    String line = adapter.stateLine();
    assertTrue(line.startsWith("60 slots decided"), line);
    // loads 0.5, 0.25 each slot: mean 0.375
    assertTrue(line.contains("mean load 0.38"), line);
    String control = LiveCaptureControl.controlLine(adapter.compare());
    assertTrue(control.contains("best fixed rate (level ") && control.contains("(hindsight search over the recorded slots)"),
        control);
  }

  @Test
  void aViewCountOtherThanTheFleetsIsRefused() {
    LiveCaptureControl adapter = LiveCaptureControl.create(2, 1.0, BITS, ControlModel.fromSettings(), SETTINGS,
        DISTANCES);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> adapter.decide(List.of(view(0, true, Optional.empty()))));
    assertTrue(e.getMessage().contains("2 drones") && e.getMessage().contains("1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> LiveCaptureControl.create(2, 0, BITS,
        ControlModel.fromSettings(), SETTINGS, DISTANCES));
    assertTrue(e.getMessage().contains("samplingHz"), e.getMessage());
  }

  @Test
  void plannedFlightsGiveTheSlotsTheControlWillSeeAndTheirReferenceSlot() {
    double lat = 43.735;
    double lon = 7.42;
    org.swarmsense.maps.geo.LocalProjection frame = org.swarmsense.maps.geo.LocalProjection.centredOn(lon, lat);
    // one node 100 m north of drone A's base (state 1: 71..141 m); drone B's base 300 m east of the node (state 2)
    org.locationtech.jts.geom.Coordinate node = frame.toWgs84(0, 100);
    org.locationtech.jts.geom.Coordinate b = frame.toWgs84(300, 100);
    EdgeDirectory nodes = new EdgeDirectory();
    nodes.onTelemetry(new DeviceId("f", DeviceKind.EDGE, "n"), new EdgeTelemetry(1, 1_763_900_000_000L, node.y, node.x,
        10, "serving", 0, 1, 0, 0, 0));
    org.swarmsense.epos.sensing.energy.EnergyModel energy = org.swarmsense.epos.sensing.energy.EnergyModel.of(
        org.swarmsense.epos.sensing.energy.DroneModel.defaults());
    // each climbs 50 m over its base, hovers there (A 10 s, B 5 s) and lands: the same climb, so they start together
    List<org.swarmsense.gateway.simulator.WaypointFlight> flights = List.of(
        new org.swarmsense.gateway.simulator.WaypointFlight(new Waypoint(lat, lon, 0), List.of(
            new Waypoint(lat, lon, 50, 0), new Waypoint(lat, lon, 50, 10), new Waypoint(lat, lon, 0, 0)), energy),
        new org.swarmsense.gateway.simulator.WaypointFlight(new Waypoint(b.y, b.x, 0), List.of(
            new Waypoint(b.y, b.x, 50, 0), new Waypoint(b.y, b.x, 50, 5), new Waypoint(b.y, b.x, 0, 0)), energy),
        new org.swarmsense.gateway.simulator.WaypointFlight(new Waypoint(lat, lon, 0), List.of(), energy));
    List<int[]> slots = LiveCaptureControl.plannedSlots(flights, nodes, DISTANCES, 1.0);
    int[] perState = new int[3];
    int withHover = 0;
    for (int[] s : slots) {
      for (int state : s) {
        perState[state]++;
      }
      withHover += s.length > 0 ? 1 : 0;
    }
    // one slot a second of hover: A 10 in state 1, B 5 in state 2, the third drone has no plan
    assertEquals(0, perState[0]);
    assertEquals(10, perState[1]);
    assertEquals(5, perState[2]);
    assertEquals(10, withHover);
    assertEquals(0, slots.get(0).length, "on the ground at the start");
    // 15 drone-slots over 10 slots: 1.5 rounds to 2 drones, in state 1 (10 of 15)
    assertEquals(Optional.of(new LiveFleetControl.Reference(2, 1)), LiveFleetControl.plannedReference(slots, 3));
    // at 2x a control slot is 2 s of mission time: half the slots
    List<int[]> fast = LiveCaptureControl.plannedSlots(flights, nodes, DISTANCES, 2.0);
    assertEquals(5, fast.stream().mapToInt(s -> (int) java.util.Arrays.stream(s).filter(x -> x == 1).count()).sum());
    LiveCaptureControl planned = LiveCaptureControl.create(3, 1.0, BITS, slots);
    assertTrue(planned.priceLine().contains("of the plans: 2 drones hovering in channel state 1"), planned.priceLine());
    assertTrue(LiveCaptureControl.create(3, 1.0, BITS, List.of(new int[0])).priceLine().contains("of the detect run"));
  }
}
