package org.swarmsense.gateway.offload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The leg-check settings: the reference defaults, and junk refused naming the key and the value. */
class LegCheckSettingsTest {

  @Test
  void theReferenceDefaults() {
    LegCheckSettings s = LegCheckSettings.load();
    assertEquals(Duration.ofSeconds(5), s.interval());
    assertEquals(Duration.ofMillis(1000), s.deadline());
    assertEquals(5.0, s.corridorHalfWidthM());
    assertEquals(5.0, s.obstacleHeightM());
    assertTrue(s.enabled());
    assertFalse(s.withInterval(Duration.ZERO).enabled());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      interval = -1s                 | leg-check.interval must be 0 (off) .. 24 h, got: PT-1S
      deadline = 0ms                 | leg-check.deadline must be 1 ms..60 s, got: PT0S
      deadline = 61s                 | leg-check.deadline must be 1 ms..60 s, got: PT1M1S
      corridor-half-width-m = 0      | leg-check.corridor-half-width-m must be in (0, 16.0], got: 0.0
      corridor-half-width-m = 17     | leg-check.corridor-half-width-m must be in (0, 16.0], got: 17.0
      obstacle-height-m = 29         | leg-check.obstacle-height-m must be in (0, 28.25], got: 29.0
      clearance-m = 20               | unknown key swarmsense.simulator.leg-check.clearance-m
      """)
  void junkIsRefusedNamingTheKeyAndTheValue(String setting, String message) {
    var config = ConfigFactory.parseString("swarmsense.simulator.leg-check." + setting).withFallback(ConfigFactory.load());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LegCheckSettings.create(config));
    assertTrue(e.getMessage().startsWith(message), "'" + e.getMessage() + "' should start with '" + message + "'");
  }
}
