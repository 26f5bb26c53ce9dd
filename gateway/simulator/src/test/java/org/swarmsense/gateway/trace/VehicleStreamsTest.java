package org.swarmsense.gateway.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.maps.SharedData;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.Payloads;
import org.swarmsense.gateway.wire.Telemetry;
import org.swarmsense.maps.geo.LocalProjection;

/** Vehicle traces as device streams: real SUMO and GPX files, and a hand-made pNEUMA file with known motion. */
class VehicleStreamsTest {
  @TempDir Path dir;

  private static List<TraceMessage> all(TraceSource s) {
    List<TraceMessage> out = new ArrayList<>();
    for (TraceMessage m; (m = s.next()) != null; ) {
      out.add(m);
    }
    return out;
  }

  /** Checks the stream shape and returns the telemetry count. */
  private static int checkLifecycles(List<TraceMessage> ms, int devices) {
    Map<String, String> state = new HashMap<>(); // device -> "online" / "offline"
    long lastT = -1;
    int telemetry = 0;
    for (TraceMessage m : ms) {
      assertTrue(m.tMs() >= lastT, "time order at " + m);
      lastT = m.tMs();
      String device = m.topic().substring(0, m.topic().lastIndexOf('/'));
      if (m.topic().endsWith("/status")) {
        assertTrue(m.retained() && m.qos() == 1, m.toString());
        String s = new String(m.payload(), StandardCharsets.UTF_8);
        assertEquals(s.equals("online") ? null : "online", state.get(device), device + " " + s);
        state.put(device, s);
      } else {
        assertTrue(m.topic().endsWith("/telemetry") && m.qos() == 0 && !m.retained(), m.toString());
        assertEquals("online", state.get(device), "telemetry only while online: " + device);
        Telemetry t = Payloads.readTelemetry(m.payload()); // validated
        assertEquals(m.tMs(), t.tMs(), "stamped with the sample time");
        telemetry++;
      }
    }
    assertEquals(devices, state.size());
    assertTrue(state.values().stream().allMatch("offline"::equals), "every device ends offline");
    return telemetry;
  }

  @Test
  void monacoSumoTraceBecomesOneSensorPerVehicle() {
    Path f = SharedData.file("traces/monaco-sumo-fcd-300s.xml.gz");
    try (VehicleStreams s = VehicleStreams.open(f, "monaco", DeviceKind.SENSOR, 1_763_900_000_000L, 0)) {
      int vehicles = s.devices().size();
      List<TraceMessage> ms = all(s);
      assertEquals(15_196, checkLifecycles(ms, vehicles), "every FCD sample (data/README.md: 15,196)");
      assertEquals(15_196 + 2 * vehicles, ms.size());
      assertTrue(ms.get(0).topic().startsWith("swarmsense/monaco/sensor/"), ms.get(0).topic());
      assertEquals("sumo-fcd:monaco-sumo-fcd-300s.xml.gz", s.header().source());
      assertEquals("trace time 299.0 of 299.0 s (100 %), " + String.format(java.util.Locale.ROOT, "%,d", ms.size()) + " messages", s.position());
      // Monaco traffic: plausible street speeds
      double max = ms.stream().filter(m -> m.topic().endsWith("/telemetry"))
          .mapToDouble(m -> Payloads.readTelemetry(m.payload()).speedMps()).max().orElseThrow();
      assertTrue(max > 5 && max < 60, "max speed " + max);
    }
  }

  @Test
  void gpxTrackBecomesOneDrone() {
    Path f = SharedData.file("maps/gpx/andorra_for_map_matching.gpx");
    try (VehicleStreams s = VehicleStreams.open(f, "andorra", DeviceKind.DRONE, 0, 60)) {
      assertEquals(1, s.devices().size());
      assertTrue(s.devices().get(0).id().matches("[A-Za-z0-9_-]+"), s.devices().get(0).id());
      List<TraceMessage> ms = all(s);
      assertEquals(21, checkLifecycles(ms, 1), "21 track points");
      assertTrue(ms.get(1).topic().startsWith("swarmsense/andorra/drone/"), ms.get(1).topic());
      assertEquals(60, Payloads.readTelemetry(ms.get(1).payload()).altM());
    }
  }

  @Test
  void pneumaCsvKnownMotion() throws Exception {
    // vehicle 1 drives north at 10 m/s from t=0; vehicle 2 east at 5 m/s from t=0.5 (lat 37.98)
    // one second's travel, measured in the local frame the streams use (maps LocalProjection)
    double dLat = LocalProjection.centredOn(23.73, 37.97).toWgs84(0, 10).y - 37.97;
    double dLon = LocalProjection.centredOn(23.73, 37.98).toWgs84(5, 0).x - 23.73;
    StringBuilder csv = new StringBuilder("track_id; type; traveled_d; avg_speed; lat; lon; speed; lon_acc; lat_acc; time\n");
    csv.append("1; Car; 30; 36");
    for (int i = 0; i < 4; i++) {
      csv.append(String.format(java.util.Locale.ROOT, "; %.9f; %.9f; 36; 0; 0; %.2f", 37.97 + i * dLat, 23.73, i * 1.0));
    }
    csv.append(";\n2; Taxi; 10; 18");
    for (int i = 0; i < 3; i++) {
      csv.append(String.format(java.util.Locale.ROOT, "; %.9f; %.9f; 18; 0; 0; %.2f", 37.98, 23.73 + i * dLon, 0.5 + i));
    }
    csv.append(";\n");
    Path f = Files.writeString(dir.resolve("athens.csv"), csv);
    try (VehicleStreams s = VehicleStreams.open(f, "athens", DeviceKind.SENSOR, 1000, 0)) {
      List<TraceMessage> ms = all(s);
      assertEquals(7, checkLifecycles(ms, 2));
      List<String> order = new ArrayList<>();
      for (TraceMessage m : ms) {
        String[] l = m.topic().split("/");
        order.add(m.tMs() + " " + l[3] + " " + l[4]);
      }
      assertEquals(List.of("1000 1 status", "1000 1 telemetry", "1500 2 status", "1500 2 telemetry",
          "2000 1 telemetry", "2500 2 telemetry", "3000 1 telemetry", "3500 2 telemetry", "3501 2 status",
          "4000 1 telemetry", "4001 1 status"), order);
      Telemetry north = Payloads.readTelemetry(ms.get(4).payload());
      assertEquals(10, north.speedMps(), 0.01);
      assertEquals(0, Math.min(north.headingDeg(), 360 - north.headingDeg()), 0.01);
      Telemetry east = Payloads.readTelemetry(ms.get(5).payload());
      assertEquals(5, east.speedMps(), 0.01);
      assertEquals(90, east.headingDeg(), 0.01);
      assertEquals("moving", east.state());
    }
  }

  @Test
  void idsAreTopicSafeAndUnique() {
    Set<String> used = new HashSet<>();
    assertEquals("track_0_0", VehicleStreams.uniqueId("track#0/0", used));
    assertEquals("track_0_0-2", VehicleStreams.uniqueId("track+0/0", used));
    assertEquals("veh_1", VehicleStreams.uniqueId("veh.1", used));
    assertEquals(60, VehicleStreams.uniqueId("x".repeat(100), used).length());
  }

  @Test
  void badInputIsNamed() throws Exception {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> VehicleStreams.open(dir.resolve("x.txt"), "f", DeviceKind.SENSOR, 0, 0));
    assertTrue(e.getMessage().contains("must end in .xml (SUMO FCD), .csv (pNEUMA) or .gpx"), e.getMessage());
    Path broken = Files.writeString(dir.resolve("b.csv"), "1; Car; 30; 36; 37.9; 23.7; 1; 0\n");
    e = assertThrows(IllegalArgumentException.class,
        () -> VehicleStreams.open(broken, "f", DeviceKind.SENSOR, 0, 0));
    assertTrue(e.getMessage().contains("b.csv: line 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> VehicleStreams.open(broken, "f", DeviceKind.EDGE, 0, 0));
    assertEquals("kind must be sensor or drone, was EDGE", e.getMessage());
  }
}
