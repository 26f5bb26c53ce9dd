package org.swarmsense.edge.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyTableTest {

  // stage 0: 10 ns at b=1, 14 at b=2, 20 at b=4, 32 at b=8; stage 1: 5, 6, 8, 12
  private final LatencyTable table = new LatencyTable("m", new int[] {1, 2, 4, 8},
      new long[][] {{10, 14, 20, 32}, {5, 6, 8, 12}});

  @Test
  void interpolatesBetweenAndExtrapolatesBeyondMeasuredSizes() {
    assertEquals(14, table.nanos(0, 2));
    assertEquals(17, table.nanos(0, 3)); // halfway between 14 and 20
    assertEquals(26, table.nanos(0, 6)); // halfway between 20 and 32
    assertEquals(64, table.nanos(0, 16)); // 32 / 8 per sample
    assertEquals(15, table.fullDepthNanos());
    assertEquals(5, table.remainingNanos(1));
    assertEquals(44, table.fullDepthNanos(8));
  }

  @Test
  void refusesBadTables() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LatencyTable("m", new int[] {2, 4}, new long[][] {{1, 2}}));
    assertTrue(e.getMessage().contains("batchSizes"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new LatencyTable("m", new int[] {1, 2}, new long[][] {{1, 0}}));
    assertTrue(e.getMessage().contains("stage times"), e.getMessage());
  }

  @Test
  void lowerKeepsTheSmallerTimeOfEveryEntryAndRefusesTablesOfAnotherShape() {
    LatencyTable spiked = new LatencyTable("m", new int[] {1, 2, 4, 8},
        new long[][] {{31, 13, 20, 90}, {5, 7, 2, 12}});
    LatencyTable lower = LatencyTable.lower(table, spiked);
    assertEquals("m", lower.model());
    assertEquals(java.util.List.of(10L, 13L, 20L, 32L, 5L, 6L, 2L, 12L),
        java.util.stream.Stream.of(lower.stageNanos()).flatMapToLong(java.util.Arrays::stream).boxed().toList());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LatencyTable.lower(table, new LatencyTable("m", new int[] {1, 2}, new long[][] {{1, 2}, {3, 4}})));
    assertTrue(e.getMessage().contains("batch sizes"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> LatencyTable.lower(table, new LatencyTable("other", new int[] {1, 2, 4, 8},
            new long[][] {{10, 14, 20, 32}, {5, 6, 8, 12}})));
  }
}
