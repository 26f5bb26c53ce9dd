package org.swarmsense.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swarmsense.agents.device.DeviceKey;
import org.swarmsense.agents.device.EdgeLoad;
import org.swarmsense.agents.device.Observation;
import org.swarmsense.gateway.mqtt.RecordingIngest;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.EdgeBox;
import org.swarmsense.gateway.wire.EdgePayloads;
import org.swarmsense.gateway.wire.EdgeResult;

/**
 * Edge nodes live: an edge node's observation in the read view is a device of kind edge with queue
 * and load, and LiveIngest places an answer's boxes are placed on the ground below the drone whose task it was. Expected
 * positions come from the camera geometry written out here (60 deg field of view, 512 px, the
 * reference camera), not from the code under test.
 */
class LiveEdgeEventsTest {
  static final double LAT = 43.7384;
  static final double LON = 7.4246;
  static final double ALT_M = 100;

  // fresh for every test (JUnit makes one instance per test): fleet f1's hub, its live events, the
  // ingest under test, the ingest after it, and the edge node answering
  private final LiveHub hub = new LiveHub();
  private final List<ObjectNode> events = new CopyOnWriteArrayList<>();
  private final RecordingIngest next = new RecordingIngest();
  private final LiveIngest live = new LiveIngest(hub, next);
  private final DeviceId edge = new DeviceId("f1", DeviceKind.EDGE, "edge-1");

  @BeforeEach
  void subscribe() {
    hub.subscribe("f1", events::add);
  }

  @Test
  void edgeTelemetryIsADeviceOfKindEdgeAndBoxesLandBelowTheDrone() {
    // as the edge node's entity writes its telemetry to the read view (DeviceIngest -> DeviceEntity)
    hub.view().observed(new DeviceKey("f1", DeviceKey.Kind.EDGE, "edge-1"),
        new Observation(1_000, 1_000, 43.74, 7.42, 10, 0, 0, 100, "online", new EdgeLoad(3, 8, 0.375, 12, 2)));
    ObjectNode e = hub.device("f1", "edge-1").map(n -> (ObjectNode) n).orElseThrow();
    assertEquals("edge", e.path("kind").asText());
    assertEquals(3, e.path("queue_length").asInt());
    assertEquals(8, e.path("queue_capacity").asInt());
    assertEquals(0.375, e.path("load").asDouble());
    assertEquals(12, e.path("served").asLong());
    assertEquals(2, e.path("rejected").asLong());

    hub.view().observed(new DeviceKey("f1", DeviceKey.Kind.DRONE, "d0001"),
        new Observation(2_000, 2_000, LAT, LON, ALT_M, 0, 0, 90, "hovering"));
    // one box at the image centre, one 100 px right of it (east), one 100 px above it (north)
    EdgeResult r = EdgeResult.served(3_000, "d0001-7", 7, List.of(new EdgeBox(0, 0.9, 246, 246, 266, 266),
        new EdgeBox(0, 0.8, 346, 246, 366, 266), new EdgeBox(0, 0.7, 246, 146, 266, 166)), 1, 10, 10, 40, 20,
        "vehicle-plain");
    live.onEdgeResult(edge, "d0001-7", EdgePayloads.toJson(r));
    ObjectNode d = events.stream().filter(n -> n.path("type").asText().equals("detection")).findFirst().orElseThrow();
    assertEquals("d0001", d.path("drone").asText());
    assertEquals("edge-1", d.path("edge").asText());
    assertEquals(3, d.path("count").asInt());
    double mPerPx = 2 * ALT_M * Math.tan(Math.toRadians(30)) / 512; // 0.2255 m
    double mPerDegLat = 111_132.0;
    double mPerDegLon = 111_320.0 * Math.cos(Math.toRadians(LAT));
    var boxes = d.path("boxes");
    assertEquals(LAT, boxes.get(0).path("lat_deg").asDouble(), 1e-7);
    assertEquals(LON, boxes.get(0).path("lon_deg").asDouble(), 1e-7);
    assertEquals(100 * mPerPx, (boxes.get(1).path("lon_deg").asDouble() - LON) * mPerDegLon, 0.2);
    assertEquals(LAT, boxes.get(1).path("lat_deg").asDouble(), 1e-7);
    assertEquals(100 * mPerPx, (boxes.get(2).path("lat_deg").asDouble() - LAT) * mPerDegLat, 0.2);
    assertEquals(1, next.edgeResultCount(), "the result is passed on");
  }

  @Test
  void errorsEmptyAnswersAndUnknownDronesPlaceNothingButArePassedOn() {
    live.onEdgeResult(edge, "d0009-1", EdgePayloads.toJson(EdgeResult.served(3_000, "d0009-1", 1,
        List.of(new EdgeBox(0, 0.9, 1, 1, 5, 5)), 1, 1, 1, 4, 2, "vehicle-plain")));
    live.onEdgeResult(edge, "d0009-2", EdgePayloads.toJson(EdgeResult.error(3_000, "d0009-2", "expired", "late")));
    assertTrue(events.stream().noneMatch(n -> n.path("type").asText().equals("detection")), events.toString());
    assertEquals(2, next.edgeResultCount(), "both results are passed on");
  }
}
