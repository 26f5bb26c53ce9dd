package org.swarmsense.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
  final ReconnectBackoff b = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(2));

  @Test
  void doublesUpToTheCap() {
    assertEquals(Duration.ofMillis(100), b.nominal(0));
    assertEquals(Duration.ofMillis(200), b.nominal(1));
    assertEquals(Duration.ofMillis(1600), b.nominal(4));
    assertEquals(Duration.ofSeconds(2), b.nominal(5));
    assertEquals(Duration.ofSeconds(2), b.nominal(10_000));
  }

  @Test
  void jitterStaysBetweenHalfAndAll() {
    long seed = System.nanoTime();
    System.out.println("ReconnectBackoffTest seed " + seed);
    Random r = new Random(seed);
    for (int attempt = 0; attempt < 50; attempt++) {
      Duration d = b.delay(attempt, r::nextDouble);
      Duration n = b.nominal(attempt);
      assertTrue(d.compareTo(n.dividedBy(2)) >= 0 && d.compareTo(n) <= 0, attempt + ": " + d + " vs " + n);
    }
    assertEquals(Duration.ofMillis(50), b.delay(0, () -> 0.0));
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(Duration.ZERO, Duration.ofSeconds(1)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    assertTrue(e.getMessage().contains("reconnect-max"), e.getMessage());
  }

  @Test
  void topicFiltersMatchLikeABroker() {
    assertTrue(TopicFilters.matches("swarmsense/+/+/+/status", "swarmsense/f/drone/d/status"));
    assertTrue(TopicFilters.matches("swarmsense/#", "swarmsense"));
    assertTrue(TopicFilters.matches("swarmsense/f/#", "swarmsense/f/drone/d/evt"));
    assertTrue(TopicFilters.matches("$share/g/swarmsense/+/x", "swarmsense/f/x"));
    assertEquals(false, TopicFilters.matches("swarmsense/+/+/+/status", "swarmsense/f/drone/d/telemetry"));
    assertEquals(false, TopicFilters.matches("swarmsense/+", "swarmsense/f/drone"));
    assertEquals(false, TopicFilters.matches("swarmsense/f", "swarmsense/ff"));
    assertEquals(false, TopicFilters.matches("swarmsense/f/+", "swarmsense/f"));
  }
}
