package org.swarmsense.gateway.offload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.EdgeTelemetry;

class EdgeDirectoryTest {
  static final DeviceId NEAR = new DeviceId("f", DeviceKind.EDGE, "near");
  static final DeviceId FAR = new DeviceId("f", DeviceKind.EDGE, "far");

  /** A node at (lat, lon) with {@code queued} of 4 places taken. */
  static EdgeTelemetry at(double lat, double lon, int queued) {
    return new EdgeTelemetry(1, 1, lat, lon, 0, "serving", queued, 4, 0.1, 0, 0);
  }

  @Test
  void picksTheNearestOnlineNodeWithRoomAndSkipsTheOthers() {
    EdgeDirectory d = new EdgeDirectory();
    // drone at Monaco (43.7384 N, 7.4246 E); "near" about 111 m north, "far" about 1.1 km north
    d.onTelemetry(NEAR, at(43.7394, 7.4246, 0));
    d.onTelemetry(FAR, at(43.7484, 7.4246, 0));
    assertEquals(Optional.of(NEAR), d.nearestReachable(43.7384, 7.4246));
    d.onTelemetry(NEAR, at(43.7394, 7.4246, 4)); // queue full
    assertEquals(Optional.of(FAR), d.nearestReachable(43.7384, 7.4246));
    d.onTelemetry(NEAR, at(43.7394, 7.4246, 3));
    d.onStatus(NEAR, false); // its last will
    assertEquals(Optional.of(FAR), d.nearestReachable(43.7384, 7.4246));
    d.onStatus(FAR, false);
    assertEquals(Optional.empty(), d.nearestReachable(43.7384, 7.4246));
    d.onStatus(NEAR, true);
    assertEquals(Optional.of(NEAR), d.nearestReachable(43.7384, 7.4246), "online again, with its last telemetry");
  }

  @Test
  void aNodeKnownOnlyByItsStatusHasNoPositionAndIsSkipped() {
    EdgeDirectory d = new EdgeDirectory();
    d.onStatus(NEAR, true);
    assertEquals(Optional.empty(), d.nearestReachable(43.7384, 7.4246));
    assertEquals(1, d.size());
  }
}
