package org.swarmsense.gateway.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EdgePayloadsTest {

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  // "U0FNUExF" is base64 of the 6 bytes "SAMPLE"
  static final String TASK = "{\"v\":1,\"t_ms\":1700000000000,\"task_id\":\"d0001-17\",\"frame_id\":17,\"order_id\":0,"
      + "\"width_px\":512,\"height_px\":512,\"packet_count\":12,\"deadline_ms\":300,\"packet_b64\":\"U0FNUExF\"}";

  @Test
  void taskPacketReadsAndRoundTrips() {
    EdgeTaskPacket t = EdgePayloads.readTask(b(TASK));
    assertEquals("d0001-17", t.taskId());
    assertEquals(17, t.frameId());
    assertEquals(12, t.packetCount());
    assertEquals(300, t.deadlineMs());
    assertArrayEquals(b("SAMPLE"), t.packet());
    assertEquals(t, EdgePayloads.readTask(EdgePayloads.toJson(t)));
    assertFalse(t.defend());
    assertFalse(new String(EdgePayloads.toJson(t), StandardCharsets.UTF_8).contains("defend"), "written only when true");
    EdgeTaskPacket asks = EdgePayloads.readTask(b(TASK.replace("}", ",\"defend\":true}")));
    assertTrue(asks.defend());
    assertTrue(new String(EdgePayloads.toJson(asks), StandardCharsets.UTF_8).endsWith(",\"defend\":true}"));
    assertEquals(asks, EdgePayloads.readTask(EdgePayloads.toJson(asks)));
  }

  @Test
  void theLargestPacketFitsOneTaskMessageAndOneByteMoreDoesNot() {
    byte[] biggest = new byte[EdgeTaskPacket.MAX_PACKET_BYTES];
    EdgeTaskPacket t = new EdgeTaskPacket(1, Long.MAX_VALUE / 2, "x".repeat(64), 0xFFFF_FFFFL, 65535, 65535, 65535,
        EdgeTaskPacket.MAX_PACKETS, 60_000, biggest);
    byte[] json = EdgePayloads.toJson(t);
    assertTrue(json.length <= EdgeTaskPacket.MAX_MESSAGE_BYTES, json.length + " bytes");
    assertEquals(t, EdgePayloads.readTask(json));
    PayloadException e = assertThrows(PayloadException.class, () -> new EdgeTaskPacket(1, 0, "t", 0, 0, 1, 1, 1, 1,
        new byte[EdgeTaskPacket.MAX_PACKET_BYTES + 1]));
    assertEquals("packet_b64 must decode to 1..1200 bytes, was 1201 bytes", e.getMessage());
    PayloadException big = assertThrows(PayloadException.class,
        () -> EdgePayloads.readTask(new byte[EdgeTaskPacket.MAX_MESSAGE_BYTES + 1]));
    assertEquals(Rejection.TOO_LARGE, big.rejection());
    assertTrue(big.getMessage().contains("at most 2048 bytes"), big.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      not json          | {v:1}                                                                 | NOT_JSON            | not JSON
      version 2         | {"v":2,"task_id":"t"}                                                 | UNSUPPORTED_VERSION | v must be 1, was 2
      missing task id   | {"v":1,"t_ms":1,"frame_id":1,"order_id":0,"width_px":8,"height_px":8,"packet_count":1,"deadline_ms":9,"packet_b64":"AA=="} | MISSING_FIELD | task_id is missing
      task id wildcard  | {"v":1,"t_ms":1,"task_id":"a/+","frame_id":1,"order_id":0,"width_px":8,"height_px":8,"packet_count":1,"deadline_ms":9,"packet_b64":"AA=="} | BAD_VALUE | task_id must be 1..64 characters of [A-Za-z0-9_-], was 'a/+'
      negative frame    | {"v":1,"t_ms":1,"task_id":"t","frame_id":-1,"order_id":0,"width_px":8,"height_px":8,"packet_count":1,"deadline_ms":9,"packet_b64":"AA=="} | BAD_VALUE | frame_id must be 0..4294967295, was -1
      order id too big  | {"v":1,"t_ms":1,"task_id":"t","frame_id":1,"order_id":65536,"width_px":8,"height_px":8,"packet_count":1,"deadline_ms":9,"packet_b64":"AA=="} | BAD_VALUE | order_id must be 0..65535, was 65536
      zero width        | {"v":1,"t_ms":1,"task_id":"t","frame_id":1,"order_id":0,"width_px":0,"height_px":8,"packet_count":1,"deadline_ms":9,"packet_b64":"AA=="} | BAD_VALUE | width_px must be 1..65535, was 0
      too many packets  | {"v":1,"t_ms":1,"task_id":"t","frame_id":1,"order_id":0,"width_px":8,"height_px":8,"packet_count":1025,"deadline_ms":9,"packet_b64":"AA=="} | BAD_VALUE | packet_count must be 1..1024, was 1025
      fractional count  | {"v":1,"t_ms":1,"task_id":"t","frame_id":1,"order_id":0,"width_px":8,"height_px":8,"packet_count":1.5,"deadline_ms":9,"packet_b64":"AA=="} | BAD_VALUE | packet_count must be an integer, was 1.5
      deadline 0        | {"v":1,"t_ms":1,"task_id":"t","frame_id":1,"order_id":0,"width_px":8,"height_px":8,"packet_count":1,"deadline_ms":0,"packet_b64":"AA=="} | BAD_VALUE | deadline_ms must be 1..60000, was 0
      deadline absolute | {"v":1,"t_ms":1,"task_id":"t","frame_id":1,"order_id":0,"width_px":8,"height_px":8,"packet_count":1,"deadline_t_ms":9,"packet_b64":"AA=="} | UNKNOWN_FIELD | unknown field 'deadline_t_ms'
      not base64        | {"v":1,"t_ms":1,"task_id":"t","frame_id":1,"order_id":0,"width_px":8,"height_px":8,"packet_count":1,"deadline_ms":9,"packet_b64":"%%%"} | BAD_VALUE | packet_b64 must be base64 (RFC 4648), was '%%%'
      empty packet      | {"v":1,"t_ms":1,"task_id":"t","frame_id":1,"order_id":0,"width_px":8,"height_px":8,"packet_count":1,"deadline_ms":9,"packet_b64":""} | BAD_VALUE | packet_b64 must decode to 1..1200 bytes, was 0 bytes
      defend as text    | {"v":1,"t_ms":1,"task_id":"t","frame_id":1,"order_id":0,"width_px":8,"height_px":8,"packet_count":1,"deadline_ms":9,"packet_b64":"AA==","defend":"yes"} | BAD_VALUE | defend must be true or false, was "yes"
      defend as number  | {"v":1,"t_ms":1,"task_id":"t","frame_id":1,"order_id":0,"width_px":8,"height_px":8,"packet_count":1,"deadline_ms":9,"packet_b64":"AA==","defend":1} | BAD_VALUE | defend must be true or false, was 1
      """)
  void badTaskPacketsAreRefusedWithReasonFieldAndValue(String name, String json, Rejection why, String message) {
    PayloadException e = assertThrows(PayloadException.class, () -> EdgePayloads.readTask(b(json)));
    assertEquals(why, e.rejection(), e.getMessage());
    assertTrue(e.getMessage().contains(message), "'" + e.getMessage() + "' should contain '" + message + "'");
  }

  @Test
  void resultsRoundTripBothShapes() {
    EdgeResult served = EdgeResult.served(5, "d0001-17", 17, List.of(new EdgeBox(2, 0.81, 10, 20, 50.5, 60)), 0.93,
        10, 12, 120.5, 98.25, "coco-centernet");
    String json = new String(EdgePayloads.toJson(served), StandardCharsets.UTF_8);
    assertEquals("{\"v\":1,\"t_ms\":5,\"task_id\":\"d0001-17\",\"ok\":true,\"frame_id\":17,\"detections\":[{\"class_id\":2,"
        + "\"score\":0.81,\"x0_px\":10.0,\"y0_px\":20.0,\"x1_px\":50.5,\"y1_px\":60.0}],\"energy_share\":0.93,"
        + "\"packets_accepted\":10,\"packets_expected\":12,\"latency_ms\":120.5,\"compute_ms\":98.25,"
        + "\"variant\":\"coco-centernet\"}", json);
    assertEquals(served, EdgePayloads.readResult(b(json)));
    EdgeResult error = EdgeResult.error(6, "d0001-18", "queue_full", "queue holds 16 open tasks, its capacity");
    assertEquals("{\"v\":1,\"t_ms\":6,\"task_id\":\"d0001-18\",\"ok\":false,\"reason\":\"queue_full\","
        + "\"detail\":\"queue holds 16 open tasks, its capacity\"}", new String(EdgePayloads.toJson(error), StandardCharsets.UTF_8));
    assertEquals(error, EdgePayloads.readResult(EdgePayloads.toJson(error)));
    assertFalse(error.ok());
    EdgeResult defended = EdgeResult.served(7, "d0001-19", 19, List.of(), 1, 12, 12, 80, 60, "vehicle-plain", true,
        List.of(new EdgeRegion(128, 64, 230.5, 166)));
    String dj = new String(EdgePayloads.toJson(defended), StandardCharsets.UTF_8);
    assertTrue(dj.endsWith("\"variant\":\"vehicle-plain\",\"defended\":true,\"masked\":[{\"x0_px\":128.0,"
        + "\"y0_px\":64.0,\"x1_px\":230.5,\"y1_px\":166.0}]}"), dj);
    assertEquals(defended, EdgePayloads.readResult(b(dj)));
    EdgeResult clean = EdgeResult.served(7, "d0001-20", 20, List.of(), 1, 12, 12, 80, 60, "vehicle-plain", true,
        List.of());
    assertTrue(new String(EdgePayloads.toJson(clean), StandardCharsets.UTF_8).endsWith("\"defended\":true,\"masked\":[]}"));
    assertEquals(clean, EdgePayloads.readResult(EdgePayloads.toJson(clean)));
    assertFalse(served.defended());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      ok missing        | {"v":1,"t_ms":1,"task_id":"t"}                                                     | MISSING_FIELD | ok is missing
      ok as text        | {"v":1,"t_ms":1,"task_id":"t","ok":"yes"}                                          | BAD_VALUE     | ok must be true or false, was "yes"
      error no reason   | {"v":1,"t_ms":1,"task_id":"t","ok":false,"detail":"x"}                             | MISSING_FIELD | reason is missing
      error with boxes  | {"v":1,"t_ms":1,"task_id":"t","ok":false,"reason":"x","detail":"y","detections":[]} | BAD_VALUE    | detections is for ok=true only
      share above 1     | {"v":1,"t_ms":1,"task_id":"t","ok":true,"frame_id":1,"detections":[],"energy_share":1.5,"packets_accepted":1,"packets_expected":1,"latency_ms":1,"compute_ms":1,"variant":"v"} | BAD_VALUE | energy_share must be 0.0..1.0, was 1.5
      more accepted     | {"v":1,"t_ms":1,"task_id":"t","ok":true,"frame_id":1,"detections":[],"energy_share":1,"packets_accepted":3,"packets_expected":2,"latency_ms":1,"compute_ms":1,"variant":"v"} | BAD_VALUE | packets_accepted must be 0..2, was 3
      box inverted      | {"v":1,"t_ms":1,"task_id":"t","ok":true,"frame_id":1,"detections":[{"class_id":1,"score":0.5,"x0_px":9,"y0_px":0,"x1_px":3,"y1_px":4}],"energy_share":1,"packets_accepted":1,"packets_expected":1,"latency_ms":1,"compute_ms":1,"variant":"v"} | BAD_VALUE | detections[0].x1_px must be 9.0..65535.0, was 3.0
      box unit typo     | {"v":1,"t_ms":1,"task_id":"t","ok":true,"frame_id":1,"detections":[{"class_id":1,"score":0.5,"x0_m":0,"y0_px":0,"x1_px":3,"y1_px":4}],"energy_share":1,"packets_accepted":1,"packets_expected":1,"latency_ms":1,"compute_ms":1,"variant":"v"} | UNKNOWN_FIELD | unknown field 'detections[0].x0_m'
      no variant        | {"v":1,"t_ms":1,"task_id":"t","ok":true,"frame_id":1,"detections":[],"energy_share":1,"packets_accepted":1,"packets_expected":1,"latency_ms":1,"compute_ms":1} | MISSING_FIELD | variant is missing
      defended as text  | {"v":1,"t_ms":1,"task_id":"t","ok":true,"frame_id":1,"detections":[],"energy_share":1,"packets_accepted":1,"packets_expected":1,"latency_ms":1,"compute_ms":1,"variant":"v","defended":"no"} | BAD_VALUE | defended must be true or false, was "no"
      masked undefended | {"v":1,"t_ms":1,"task_id":"t","ok":true,"frame_id":1,"detections":[],"energy_share":1,"packets_accepted":1,"packets_expected":1,"latency_ms":1,"compute_ms":1,"variant":"v","masked":[{"x0_px":0,"y0_px":0,"x1_px":5,"y1_px":5}]} | BAD_VALUE | masked is for defended=true only, had 1 regions
      masked empty area | {"v":1,"t_ms":1,"task_id":"t","ok":true,"frame_id":1,"detections":[],"energy_share":1,"packets_accepted":1,"packets_expected":1,"latency_ms":1,"compute_ms":1,"variant":"v","defended":true,"masked":[{"x0_px":3,"y0_px":0,"x1_px":3,"y1_px":5}]} | BAD_VALUE | masked[0].a masked region must have an area
      masked not array  | {"v":1,"t_ms":1,"task_id":"t","ok":true,"frame_id":1,"detections":[],"energy_share":1,"packets_accepted":1,"packets_expected":1,"latency_ms":1,"compute_ms":1,"variant":"v","defended":true,"masked":5} | BAD_VALUE | masked must be an array, was 5
      masked typo       | {"v":1,"t_ms":1,"task_id":"t","ok":true,"frame_id":1,"detections":[],"energy_share":1,"packets_accepted":1,"packets_expected":1,"latency_ms":1,"compute_ms":1,"variant":"v","defended":true,"masked":[{"x0_m":0,"y0_px":0,"x1_px":5,"y1_px":5}]} | UNKNOWN_FIELD | unknown field 'masked[0].x0_m'
      error defended    | {"v":1,"t_ms":1,"task_id":"t","ok":false,"reason":"x","detail":"y","defended":true} | BAD_VALUE | defended is for ok=true only
      """)
  void badResultsAreRefusedWithReasonFieldAndValue(String name, String json, Rejection why, String message) {
    PayloadException e = assertThrows(PayloadException.class, () -> EdgePayloads.readResult(b(json)));
    assertEquals(why, e.rejection(), e.getMessage());
    assertTrue(e.getMessage().contains(message), "'" + e.getMessage() + "' should contain '" + message + "'");
  }

  @Test
  void aResultOverSixtyFourKibIsRefusedUnreadAndTheLargestRealOneFits() {
    java.util.List<EdgeBox> boxes = new java.util.ArrayList<>();
    for (int i = 0; i < EdgeResult.MAX_DETECTIONS; i++) {
      boxes.add(new EdgeBox(79, 0.123456789, 65_000.123456, 65_000.123456, 65_535, 65_535));
    }
    byte[] largest = EdgePayloads.toJson(EdgeResult.served(Long.MAX_VALUE / 4, "t".repeat(64), 0xFFFF_FFFFL, boxes,
        0.123456789, 9, 9, 3_599_999.123, 3_599_999.123, "v".repeat(64)));
    assertTrue(largest.length <= EdgeResult.MAX_MESSAGE_BYTES, largest.length + " bytes");
    EdgePayloads.readResult(largest);
    byte[] huge = new byte[EdgeResult.MAX_MESSAGE_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) ' ');
    PayloadException e = assertThrows(PayloadException.class, () -> EdgePayloads.readResult(huge));
    assertEquals(Rejection.TOO_LARGE, e.rejection());
    assertEquals("result payload must be at most 65536 bytes, was 65537", e.getMessage());
  }

  @Test
  void edgeTelemetryRoundTripsAndSaysWhetherTheQueueHasRoom() {
    EdgeTelemetry t = new EdgeTelemetry(1, 9, 43.73, 7.42, 10, "serving", 3, 4, 0.5, 20, 2);
    assertEquals(t, EdgePayloads.readTelemetry(EdgePayloads.toJson(t)));
    assertTrue(t.hasRoom());
    assertFalse(new EdgeTelemetry(1, 9, 43.73, 7.42, 10, "serving", 4, 4, 1, 20, 2).hasRoom());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      queue over capacity | {"v":1,"t_ms":1,"lat_deg":1,"lon_deg":1,"alt_m":1,"state":"serving","queue_length":5,"queue_capacity":4,"load":0.1,"served":0,"rejected":0} | BAD_VALUE | queue_length must be 0..4, was 5
      load in percent     | {"v":1,"t_ms":1,"lat_deg":1,"lon_deg":1,"alt_m":1,"state":"serving","queue_length":0,"queue_capacity":4,"load":40,"served":0,"rejected":0} | BAD_VALUE | load must be 0.0..1.0, was 40.0
      drone telemetry     | {"v":1,"t_ms":1,"lat_deg":1,"lon_deg":1,"alt_m":1,"speed_m_s":1,"heading_deg":1,"battery_percent":1,"state":"x"} | UNKNOWN_FIELD | unknown field 'speed_m_s'
      """)
  void badEdgeTelemetryIsRefused(String name, String json, Rejection why, String message) {
    PayloadException e = assertThrows(PayloadException.class, () -> EdgePayloads.readTelemetry(b(json)));
    assertEquals(why, e.rejection(), e.getMessage());
    assertTrue(e.getMessage().contains(message), "'" + e.getMessage() + "' should contain '" + message + "'");
  }
}
