package org.swarmsense.agents.sensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SamplingScheduleTest {
  @Test
  void samplesAtMultiplesOfTheIntervalAndChangesFromTheNextSample() {
    SamplingSchedule s = SamplingSchedule.every(10);
    assertArrayEquals(new double[] {0, 10, 20}, s.due(25));
    s = s.after(25);
    assertEquals(30, s.nextS());
    s = s.withInterval(4);
    assertArrayEquals(new double[] {30, 34, 38}, s.due(41));
    assertArrayEquals(new double[] {}, s.after(41).due(41));
  }

  @Test
  void slotTrafficIsVehicleSecondsOverSlotLength() {
    SlotTrafficSource src = SlotTrafficSource.ofCell(new double[] {0, 0, 600, 1200}, 2, 1, 300);
    assertEquals(2, src.vehicleCountAt(0));
    assertEquals(4, src.vehicleCountAt(450));
    assertEquals(0, src.vehicleCountAt(600));
    assertEquals(6, src.scaled(1.5).vehicleCountAt(300));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SamplingSchedule.every(0));
    assertEquals("sampling intervalS must be finite and > 0, got: 0.0", e.getMessage());
  }
}
