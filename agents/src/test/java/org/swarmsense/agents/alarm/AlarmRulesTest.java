package org.swarmsense.agents.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.swarmsense.epos.sensing.flight.FlightPhase;
import org.swarmsense.epos.sensing.flight.FlightState;

class AlarmRulesTest {
  private final AlarmRules rules = new AlarmRules(20, new Geofence(-100, -100, 100, 100));

  private static FlightState at(double x, double y, double batteryPercent) {
    return new FlightState(10, x, y, 50, 0, FlightPhase.HOVERING, 1, batteryPercent * 2750, batteryPercent, 0, 0);
  }

  @Test
  void raisesOnceAndClearsOnce() {
    AlarmRules.Evaluation e1 = rules.evaluate("d1", Set.of(), at(0, 0, 19.9));
    assertEquals(Set.of(AlarmKind.LOW_BATTERY), e1.active());
    assertEquals(1, e1.changes().size());
    assertTrue(e1.changes().get(0).raised());
    AlarmRules.Evaluation e2 = rules.evaluate("d1", e1.active(), at(0, 0, 15));
    assertEquals(List.of(), e2.changes());
    AlarmRules.Evaluation e3 = rules.evaluate("d1", e2.active(), at(0, 0, 100));
    assertEquals(1, e3.changes().size());
    assertFalse(e3.changes().get(0).raised());
    assertEquals(Set.of(), e3.active());
  }

  @Test
  void geofenceBreachOutsideTheRectangleOnly() {
    assertEquals(Set.of(), rules.evaluate("d", Set.of(), at(100, -100, 50)).active());
    AlarmRules.Evaluation out = rules.evaluate("d", Set.of(), at(100.5, 0, 50));
    assertEquals(Set.of(AlarmKind.GEOFENCE_BREACH), out.active());
    assertEquals(AlarmKind.GEOFENCE_BREACH, out.changes().get(0).kind());
  }

  @Test
  void linkMonitorRaisesAfterTheTimeoutAndClearsOnContact() {
    LinkMonitor m = new LinkMonitor(5);
    m.seen("a", 0);
    m.seen("b", 3);
    assertEquals(List.of(), m.check(5));
    List<Alarm> lost = m.check(6);
    assertEquals(1, lost.size());
    assertEquals("a", lost.get(0).deviceId());
    assertEquals(List.of(), m.check(7));
    List<Alarm> both = m.check(9);
    assertEquals("b", both.get(0).deviceId());
    List<Alarm> back = m.seen("a", 10);
    assertFalse(back.get(0).raised());
    assertFalse(m.isLost("a"));
    assertTrue(m.isLost("b"));
  }
}
