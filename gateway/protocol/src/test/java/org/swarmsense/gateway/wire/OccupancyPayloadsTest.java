package org.swarmsense.gateway.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The occupancy request/result schema: round trips, the bit layout, sizes, and a table of bad payloads. */
class OccupancyPayloadsTest {

  /** The PNG signature and one more byte. */
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0};
  static final String PNG_B64 = "iVBORw0KGgoA";
  /** 8^3 bits: 64 bytes, voxel (1, 0, 0) and (0, 0, 7) set (bit 1, and bit 448 = byte 56 bit 0). */
  static final byte[] GRID8 = grid8();

  static byte[] grid8() {
    byte[] g = new byte[64];
    g[0] = 2;
    g[56] = 1;
    return g;
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static final String TASK = "{\"v\":1,\"t_ms\":1700000000000,\"task_id\":\"d0001-leg-3\",\"deadline_ms\":300,\"width_px\":512,"
      + "\"height_px\":512,\"focal_px\":443.405,\"cx_px\":255.5,\"cy_px\":255.5,\"doffs_px\":0.0,\"baseline_m\":9.5,"
      + "\"box_min_x_m\":-16.0,\"box_min_y_m\":-16.0,\"box_min_z_m\":71.75,\"box_side_m\":32.0,\"left_png_b64\":\"" + PNG_B64
      + "\",\"right_png_b64\":\"" + PNG_B64 + "\"}";

  @Test
  void aRequestReadsAndRoundTrips() {
    OccupancyTask t = OccupancyPayloads.readTask(b(TASK));
    assertEquals("d0001-leg-3", t.taskId());
    assertEquals(300, t.deadlineMs());
    assertEquals(443.405, t.focalPx());
    assertEquals(71.75, t.boxMinZM());
    assertArrayEquals(PNG, t.leftPng());
    assertEquals(TASK, new String(OccupancyPayloads.toJson(t), StandardCharsets.UTF_8));
    assertEquals(t, OccupancyPayloads.readTask(OccupancyPayloads.toJson(t)));
  }

  @Test
  void aResultCarriesTheFinestGridBitByBit() {
    OccupancyResult r = OccupancyResult.answer(5, "d0001-leg-3", 8, false, GRID8, 41.5, false);
    assertEquals(2, r.occupiedCount());
    assertTrue(r.occupiedAt(1, 0, 0));
    assertTrue(r.occupiedAt(0, 0, 7));
    assertFalse(r.occupiedAt(0, 0, 0));
    assertFalse(r.occupiedAt(0, 1, 0));
    String json = new String(OccupancyPayloads.toJson(r), StandardCharsets.UTF_8);
    assertEquals("{\"v\":1,\"t_ms\":5,\"task_id\":\"d0001-leg-3\",\"ok\":true,\"resolution\":8,\"full_pass\":false,"
        + "\"occupied_count\":2,\"occupied_b64\":\"" + Base64.getEncoder().encodeToString(GRID8) + "\",\"latency_ms\":41.5,"
        + "\"late\":false}", json);
    assertEquals(r, OccupancyPayloads.readResult(b(json)));
    OccupancyResult error = OccupancyResult.error(6, "d0001-leg-4", "bad_image", "left_png_b64 is 100x80, width_px says 512");
    assertEquals("{\"v\":1,\"t_ms\":6,\"task_id\":\"d0001-leg-4\",\"ok\":false,\"reason\":\"bad_image\","
        + "\"detail\":\"left_png_b64 is 100x80, width_px says 512\"}", new String(OccupancyPayloads.toJson(error),
        StandardCharsets.UTF_8));
    assertEquals(error, OccupancyPayloads.readResult(OccupancyPayloads.toJson(error)));
  }

  @Test
  void theFullest64GridFitsOneResultMessage() {
    byte[] all = new byte[64 * 64 * 64 / 8];
    java.util.Arrays.fill(all, (byte) 0xff);
    OccupancyResult r = OccupancyResult.answer(Long.MAX_VALUE / 2, "x".repeat(64), 64, true, all, 3_600_000, true);
    byte[] json = OccupancyPayloads.toJson(r);
    assertTrue(json.length <= OccupancyResult.MAX_MESSAGE_BYTES, json.length + " bytes");
    assertEquals(262_144, OccupancyPayloads.readResult(json).occupiedCount());
    PayloadException big = assertThrows(PayloadException.class,
        () -> OccupancyPayloads.readTask(new byte[OccupancyTask.MAX_MESSAGE_BYTES + 1]));
    assertEquals(Rejection.TOO_LARGE, big.rejection());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      version 2          | "v":1, => "v":2,                                    | UNSUPPORTED_VERSION | v must be 1, was 2
      task id wildcard   | d0001-leg-3 => a/+                                   | BAD_VALUE     | task_id must be 1..64 characters of [A-Za-z0-9_-], was 'a/+'
      deadline 0         | "deadline_ms":300 => "deadline_ms":0                 | BAD_VALUE     | deadline_ms must be 1..60000, was 0
      deadline absolute  | "deadline_ms":300 => "deadline_t_ms":300             | UNKNOWN_FIELD | unknown field 'deadline_t_ms'
      width too small    | "width_px":512 => "width_px":8                       | BAD_VALUE     | width_px must be 16..1024, was 8
      height too big     | "height_px":512 => "height_px":4096                  | BAD_VALUE     | height_px must be 16..1024, was 4096
      fractional width   | "width_px":512 => "width_px":512.5                   | BAD_VALUE     | width_px must be an integer, was 512.5
      focal 0            | "focal_px":443.405 => "focal_px":0                   | BAD_VALUE     | focal_px must be in (0, 100000.0], was 0.0
      focal as text      | "focal_px":443.405 => "focal_px":"443"               | BAD_VALUE     | focal_px must be a number, was "443"
      principal outside  | "cx_px":255.5 => "cx_px":600                         | BAD_VALUE     | cx_px must be 0.0..511.0, was 600.0
      negative doffs     | "doffs_px":0.0 => "doffs_px":-1                      | BAD_VALUE     | doffs_px must be 0.0..10000.0, was -1.0
      baseline in mm     | "baseline_m":9.5 => "baseline_mm":9500               | UNKNOWN_FIELD | unknown field 'baseline_mm'
      baseline 0         | "baseline_m":9.5 => "baseline_m":0                   | BAD_VALUE     | baseline_m must be in (0, 1000.0], was 0.0
      box behind camera  | "box_min_z_m":71.75 => "box_min_z_m":-1              | BAD_VALUE     | box_min_z_m must be 0.0..10000.0, was -1.0
      box side missing   | ,"box_side_m":32.0 =>                                | MISSING_FIELD | box_side_m is missing
      left not base64    | "left_png_b64":"iVBORw0KGgoA" => "left_png_b64":"%%%" | BAD_VALUE    | left_png_b64 must be base64 (RFC 4648), was '%%%'
      right not a png    | "right_png_b64":"iVBORw0KGgoA" => "right_png_b64":"/9j/4AAQ" | BAD_VALUE | right_png_b64 must be a PNG image (signature 89 50 4E 47 0D 0A 1A 0A), was 6 bytes without it
      right missing      | ,"right_png_b64":"iVBORw0KGgoA" =>                   | MISSING_FIELD | right_png_b64 is missing
      """)
  void badRequestsAreRefusedWithReasonFieldAndValue(String name, String edit, Rejection why, String message) {
    String[] parts = edit.split("=>", -1);
    String json = TASK.replace(parts[0].trim(), parts[1].trim());
    assertFalse(json.equals(TASK), name + ": the edit did not apply");
    PayloadException e = assertThrows(PayloadException.class, () -> OccupancyPayloads.readTask(b(json)));
    assertEquals(why, e.rejection(), e.getMessage());
    assertTrue(e.getMessage().contains(message), "'" + e.getMessage() + "' should contain '" + message + "'");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      ok missing           | {"v":1,"t_ms":1,"task_id":"t"}                                            | MISSING_FIELD | ok is missing
      ok as text           | {"v":1,"t_ms":1,"task_id":"t","ok":"yes"}                                 | BAD_VALUE     | ok must be true or false, was "yes"
      error with grid      | {"v":1,"t_ms":1,"task_id":"t","ok":false,"reason":"x","detail":"y","resolution":8} | BAD_VALUE | resolution is for ok=true only
      error no detail      | {"v":1,"t_ms":1,"task_id":"t","ok":false,"reason":"x"}                    | MISSING_FIELD | detail is missing
      resolution 12        | {"v":1,"t_ms":1,"task_id":"t","ok":true,"resolution":12,"full_pass":false,"occupied_count":0,"occupied_b64":"","latency_ms":1,"late":false} | BAD_VALUE | resolution must be 8, 16, 32 or 64, was 12
      32 without full pass | {"v":1,"t_ms":1,"task_id":"t","ok":true,"resolution":32,"full_pass":false,"occupied_count":0,"occupied_b64":"","latency_ms":1,"late":false} | BAD_VALUE | resolution 32 needs full_pass true
      grid truncated       | {"v":1,"t_ms":1,"task_id":"t","ok":true,"resolution":8,"full_pass":false,"occupied_count":0,"occupied_b64":"AAAA","latency_ms":1,"late":false} | BAD_VALUE | occupied_b64 must decode to 64 bytes at resolution 8, was 3
      grid not base64      | {"v":1,"t_ms":1,"task_id":"t","ok":true,"resolution":8,"full_pass":false,"occupied_count":0,"occupied_b64":"#","latency_ms":1,"late":false} | BAD_VALUE | occupied_b64 must be base64 (RFC 4648), was '#'
      count disagrees      | {"v":1,"t_ms":1,"task_id":"t","ok":true,"resolution":8,"full_pass":false,"occupied_count":3,"occupied_b64":"GRID8","latency_ms":1,"late":false} | BAD_VALUE | occupied_count must equal the bits set in occupied_b64 (2), was 3
      negative latency     | {"v":1,"t_ms":1,"task_id":"t","ok":true,"resolution":8,"full_pass":false,"occupied_count":2,"occupied_b64":"GRID8","latency_ms":-1,"late":false} | BAD_VALUE | latency_ms must be 0.0..3600000.0, was -1.0
      late missing         | {"v":1,"t_ms":1,"task_id":"t","ok":true,"resolution":8,"full_pass":false,"occupied_count":2,"occupied_b64":"GRID8","latency_ms":1} | MISSING_FIELD | late is missing
      level name typo      | {"v":1,"t_ms":1,"task_id":"t","ok":true,"level":8}                        | UNKNOWN_FIELD | unknown field 'level'
      """)
  void badResultsAreRefusedWithReasonFieldAndValue(String name, String json, Rejection why, String message) {
    String payload = json.replace("GRID8", Base64.getEncoder().encodeToString(GRID8));
    PayloadException e = assertThrows(PayloadException.class, () -> OccupancyPayloads.readResult(b(payload)));
    assertEquals(why, e.rejection(), e.getMessage());
    assertTrue(e.getMessage().contains(message), "'" + e.getMessage() + "' should contain '" + message + "'");
  }

  @Test
  void bitsPacksAGridAsTheResultReadsIt() {
    int n = 16;
    boolean[] grid = new boolean[n * n * n];
    int[][] set = {{0, 0, 0}, {15, 0, 0}, {3, 7, 11}, {15, 15, 15}};
    for (int[] v : set) {
      grid[(v[2] * n + v[1]) * n + v[0]] = true;
    }
    byte[] bits = OccupancyResult.bits(grid);
    assertEquals(512, bits.length);
    assertEquals(1, bits[0]); // voxel (0,0,0) is bit 0 of byte 0
    assertEquals((byte) 0x80, bits[1]); // voxel (15,0,0) is index 15: bit 7 of byte 1
    OccupancyResult r = OccupancyPayloads.readResult(OccupancyPayloads.toJson(
        OccupancyResult.answer(1_700_000_000_000L, "t1", n, false, bits, 10, false)));
    assertEquals(set.length, r.occupiedCount());
    int found = 0;
    for (int z = 0; z < n; z++) {
      for (int y = 0; y < n; y++) {
        for (int x = 0; x < n; x++) {
          assertEquals(grid[(z * n + y) * n + x], r.occupiedAt(x, y, z), "voxel " + x + "," + y + "," + z);
          found += r.occupiedAt(x, y, z) ? 1 : 0;
        }
      }
    }
    assertEquals(set.length, found);
  }
}
