package org.swarmsense.gateway.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayloadsTest {
  static final String GOOD =
      "{\"v\":1,\"t_ms\":1700000000000,\"lat_deg\":47.37,\"lon_deg\":8.54,\"alt_m\":50.0,"
          + "\"speed_m_s\":10.0,\"heading_deg\":90.0,\"battery_percent\":88.5,\"state\":\"flying\"}";

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void telemetryReadsAndRoundTrips() {
    Telemetry t = Payloads.readTelemetry(b(GOOD));
    assertEquals(new Telemetry(1, 1700000000000L, 47.37, 8.54, 50, 10, 90, 88.5, "flying"), t);
    assertEquals(t, Payloads.readTelemetry(Payloads.toJson(t)));
    assertEquals(GOOD, new String(Payloads.toJson(t), StandardCharsets.UTF_8), "no observation: the old bytes");
  }

  @Test
  void anObservationOfTrafficIsOptionalAndRoundTrips() {
    String json = GOOD.substring(0, GOOD.length() - 1) + ",\"observed\":{\"vehicles\":17}}";
    Telemetry t = Payloads.readTelemetry(b(json));
    assertEquals(java.util.Optional.of(new ObservedTraffic(17)), t.observed());
    assertEquals(json, new String(Payloads.toJson(t), StandardCharsets.UTF_8));
    assertEquals(java.util.Optional.empty(), Payloads.readTelemetry(b(GOOD)).observed());
    assertEquals(ObservedTraffic.MAX_VEHICLES, Payloads.readTelemetry(b(GOOD.substring(0, GOOD.length() - 1)
        + ",\"observed\":{\"vehicles\":1000}}")).observed().orElseThrow().vehicles());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      not json                  | {v:1}                                         | NOT_JSON            | not JSON
      array                     | [1,2]                                         | NOT_JSON            | JSON object
      no version                | {"t_ms":1}                                    | UNSUPPORTED_VERSION | v is missing
      version 2                 | {"v":2,"t_ms":1}                              | UNSUPPORTED_VERSION | v must be 1, was 2
      missing lat               | {"v":1,"t_ms":1,"lon_deg":1,"alt_m":1,"speed_m_s":1,"heading_deg":1,"battery_percent":1,"state":"x"} | MISSING_FIELD | lat_deg is missing
      lat as text               | {"v":1,"t_ms":1,"lat_deg":"47","lon_deg":1,"alt_m":1,"speed_m_s":1,"heading_deg":1,"battery_percent":1,"state":"x"} | BAD_VALUE | lat_deg must be a number, was "47"
      lat out of range          | {"v":1,"t_ms":1,"lat_deg":91,"lon_deg":1,"alt_m":1,"speed_m_s":1,"heading_deg":1,"battery_percent":1,"state":"x"} | BAD_VALUE | lat_deg must be -90.0..90.0, was 91.0
      battery over 100          | {"v":1,"t_ms":1,"lat_deg":1,"lon_deg":1,"alt_m":1,"speed_m_s":1,"heading_deg":1,"battery_percent":101,"state":"x"} | BAD_VALUE | battery_percent must be 0.0..100.0, was 101.0
      speed in km/h             | {"v":1,"t_ms":1,"lat_deg":1,"lon_deg":1,"alt_m":1,"speed_kmh":1,"heading_deg":1,"battery_percent":1,"state":"x"} | UNKNOWN_FIELD | unknown field 'speed_kmh'
      negative time             | {"v":1,"t_ms":-5,"lat_deg":1,"lon_deg":1,"alt_m":1,"speed_m_s":1,"heading_deg":1,"battery_percent":1,"state":"x"} | BAD_VALUE | t_ms must be >= 0, was -5
      state with spaces         | {"v":1,"t_ms":1,"lat_deg":1,"lon_deg":1,"alt_m":1,"speed_m_s":1,"heading_deg":1,"battery_percent":1,"state":"Drop table"} | BAD_VALUE | state must be a lower-case word
      duplicate key             | {"v":1,"v":1}                                 | NOT_JSON            | Duplicate field 'v'
      observed not an object    | {"v":1,"t_ms":1,"lat_deg":1,"lon_deg":1,"alt_m":1,"speed_m_s":1,"heading_deg":1,"battery_percent":1,"state":"x","observed":12} | BAD_VALUE | observed must be an object, was 12
      observed without count    | {"v":1,"t_ms":1,"lat_deg":1,"lon_deg":1,"alt_m":1,"speed_m_s":1,"heading_deg":1,"battery_percent":1,"state":"x","observed":{}} | MISSING_FIELD | observed.vehicles is missing
      observed count as text    | {"v":1,"t_ms":1,"lat_deg":1,"lon_deg":1,"alt_m":1,"speed_m_s":1,"heading_deg":1,"battery_percent":1,"state":"x","observed":{"vehicles":"NaN"}} | BAD_VALUE | observed.vehicles must be an integer 0..1000, was "NaN"
      observed fractional count | {"v":1,"t_ms":1,"lat_deg":1,"lon_deg":1,"alt_m":1,"speed_m_s":1,"heading_deg":1,"battery_percent":1,"state":"x","observed":{"vehicles":2.5}} | BAD_VALUE | observed.vehicles must be an integer 0..1000, was 2.5
      observed negative count   | {"v":1,"t_ms":1,"lat_deg":1,"lon_deg":1,"alt_m":1,"speed_m_s":1,"heading_deg":1,"battery_percent":1,"state":"x","observed":{"vehicles":-1}} | BAD_VALUE | observed.vehicles must be 0..1000, was -1
      observed oversized count  | {"v":1,"t_ms":1,"lat_deg":1,"lon_deg":1,"alt_m":1,"speed_m_s":1,"heading_deg":1,"battery_percent":1,"state":"x","observed":{"vehicles":1001}} | BAD_VALUE | observed.vehicles must be 0..1000, was 1001
      observed huge count       | {"v":1,"t_ms":1,"lat_deg":1,"lon_deg":1,"alt_m":1,"speed_m_s":1,"heading_deg":1,"battery_percent":1,"state":"x","observed":{"vehicles":1e40}} | BAD_VALUE | observed.vehicles must be an integer 0..1000, was 1.0E40
      observed unknown field    | {"v":1,"t_ms":1,"lat_deg":1,"lon_deg":1,"alt_m":1,"speed_m_s":1,"heading_deg":1,"battery_percent":1,"state":"x","observed":{"vehicles":1,"cell":3}} | UNKNOWN_FIELD | unknown field 'observed.cell'
      observed null count       | {"v":1,"t_ms":1,"lat_deg":1,"lon_deg":1,"alt_m":1,"speed_m_s":1,"heading_deg":1,"battery_percent":1,"state":"x","observed":{"vehicles":null}} | MISSING_FIELD | observed.vehicles is missing
      """)
  void badTelemetryIsRefusedWithReasonFieldAndValue(String name, String json, Rejection why, String message) {
    PayloadException e = assertThrows(PayloadException.class, () -> Payloads.readTelemetry(b(json)));
    assertEquals(why, e.rejection(), e.getMessage());
    assertTrue(e.getMessage().contains(message), "'" + e.getMessage() + "' should contain '" + message + "'");
  }

  @Test
  void tooLargeAndEmptyAreRefused() {
    assertEquals(Rejection.TOO_LARGE, assertThrows(PayloadException.class,
        () -> Payloads.readTelemetry(new byte[Payloads.MAX_BYTES + 1])).rejection());
    assertEquals(Rejection.NOT_JSON, assertThrows(PayloadException.class,
        () -> Payloads.readTelemetry(new byte[0])).rejection());
  }

  @Test
  void commandsRoundTripAndCheckTheirArguments() {
    Command plan = Command.plan(5, "p-1", List.of(new Waypoint(47, 8, 40), new Waypoint(47.1, 8.1, 60, 90)));
    assertEquals(plan, Payloads.readCommand(Payloads.toJson(plan)));
    assertEquals(
        90,
        Payloads.readCommand(
                b("{\"v\":1,\"t_ms\":7,\"cmd\":\"plan\",\"plan_id\":\"p\",\"waypoints\":"
                    + "[{\"lat_deg\":1,\"lon_deg\":2,\"alt_m\":3,\"hold_s\":90}]}"))
            .waypoints()
            .get(0)
            .holdS());
    PayloadException hold = assertThrows(PayloadException.class,
        () -> Payloads.readCommand(b("{\"v\":1,\"t_ms\":7,\"cmd\":\"plan\",\"plan_id\":\"p\",\"waypoints\":"
            + "[{\"lat_deg\":1,\"lon_deg\":2,\"alt_m\":3,\"hold_s\":-1}]}")));
    assertEquals("waypoints[0].hold_s must be 0.0..86400.0, was -1.0", hold.getMessage());
    Command timed = Command.plan(5, "p-2", List.of(new Waypoint(47, 8, 40, 0, 125.5), new Waypoint(47, 8, 0, 60)));
    assertEquals(timed, Payloads.readCommand(Payloads.toJson(timed)));
    String timedJson = new String(Payloads.toJson(timed), StandardCharsets.UTF_8);
    assertTrue(timedJson.contains("[{\"lat_deg\":47.0,\"lon_deg\":8.0,\"alt_m\":40.0,\"until_s\":125.5},"
        + "{\"lat_deg\":47.0,\"lon_deg\":8.0,\"alt_m\":0.0,\"hold_s\":60.0}]"), "until_s written only when set: "
        + timedJson);
    for (String[] bad : new String[][] {{"-1", "was -1.0"}, {"86401", "was 86401.0"}, {"\"soon\"", ""}}) {
      PayloadException until = assertThrows(PayloadException.class,
          () -> Payloads.readCommand(b("{\"v\":1,\"t_ms\":7,\"cmd\":\"plan\",\"plan_id\":\"p\",\"waypoints\":"
              + "[{\"lat_deg\":1,\"lon_deg\":2,\"alt_m\":3,\"until_s\":" + bad[0] + "}]}")));
      assertTrue(until.getMessage().startsWith("waypoints[0].until_s ") && until.getMessage().contains(bad[1]),
          until.getMessage());
    }
    Command rate = Command.rate(5, 2.5);
    assertEquals(rate, Payloads.readCommand(Payloads.toJson(rate)));
    assertEquals(Command.land(7), Payloads.readCommand(b("{\"v\":1,\"t_ms\":7,\"cmd\":\"land\"}")));
    assertEquals(Command.hold(7), Payloads.readCommand(b("{\"v\":1,\"t_ms\":7,\"cmd\":\"hold\"}")));
    assertEquals(Command.returnToLaunch(7), Payloads.readCommand(b("{\"v\":1,\"t_ms\":7,\"cmd\":\"rtl\"}")));
    assertEquals("{\"v\":1,\"t_ms\":7,\"cmd\":\"rtl\"}", new String(Payloads.toJson(Command.returnToLaunch(7)),
        java.nio.charset.StandardCharsets.UTF_8));
    PayloadException rtlTarget = assertThrows(PayloadException.class, () -> Payloads.readCommand(
        b("{\"v\":1,\"t_ms\":7,\"cmd\":\"rtl\",\"waypoints\":[{\"lat_deg\":1,\"lon_deg\":2,\"alt_m\":3}]}")));
    assertEquals("waypoints are not taken by cmd rtl", rtlTarget.getMessage());
    PayloadException e = assertThrows(PayloadException.class,
        () -> Payloads.readCommand(b("{\"v\":1,\"t_ms\":7,\"cmd\":\"goto\",\"waypoints\":[{\"lat_deg\":1,\"lon_deg\":200,\"alt_m\":1}]}")));
    assertEquals("waypoints[0].lon_deg must be -180.0..180.0, was 200.0", e.getMessage());
    e = assertThrows(PayloadException.class, () -> Payloads.readCommand(b("{\"v\":1,\"t_ms\":7,\"cmd\":\"fly\"}")));
    assertEquals("cmd must be plan, goto, land, rate, hold or rtl, was 'fly'", e.getMessage());
    e = assertThrows(PayloadException.class, () -> Payloads.readCommand(b("{\"v\":1,\"t_ms\":7,\"cmd\":\"rate\",\"rate_hz\":0}")));
    assertEquals("rate_hz must be in (0, 100] for cmd rate, was 0.0", e.getMessage());
  }

  @Test
  void repliesAndEventsRoundTrip() {
    CommandReply no = CommandReply.refused(3, CommandKind.GOTO, "battery_low");
    assertEquals(no, Payloads.readReply(Payloads.toJson(no)));
    CommandReply yes = CommandReply.accepted(3, CommandKind.LAND);
    assertEquals(yes, Payloads.readReply(Payloads.toJson(yes)));
    Event ev = Event.rejected(4, Rejection.BAD_VALUE, "telemetry: lat_deg must be ...");
    assertEquals(ev, Payloads.readEvent(Payloads.toJson(ev)));
    assertEquals("bad_value", ev.reason());
    assertThrows(PayloadException.class, () -> Payloads.readReply(b("{\"v\":1,\"t_ms\":1,\"ok\":false}")));
  }

  @Test
  void statusIsPlainOnlineOrOffline() {
    assertTrue(Payloads.readOnline(b("online")));
    assertEquals(false, Payloads.readOnline(b("offline")));
    PayloadException e = assertThrows(PayloadException.class, () -> Payloads.readOnline(b("maybe")));
    assertEquals("status must be online or offline, was 'maybe'", e.getMessage());
  }
}
