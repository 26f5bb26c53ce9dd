package org.swarmsense.fieldtests.abuse;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.swarmsense.edge.EdgeInferenceSettings;

/**
 * Issue 13's new input path: the online-corrected pruning-level switch's settings
 * ({@code swarmsense.edge-inference.switching} in reference.conf, overridable by a deployment's
 * application.conf). Each junk value is refused naming the key and the value.
 */
class SwitchSettingsAbuseTest {

  @Test
  void junkSwitchSettingsAreRefusedByNameAndValue() {
    String[][] probes = {
        {"ewma-weight = 0", "ewmaWeight must be in (0, 1], got: 0.0"},
        {"ewma-weight = 1.5", "ewmaWeight must be in (0, 1], got: 1.5"},
        {"ewma-weight = fast", "switching.ewma-weight must be a number, got \"fast\""},
        {"min-observations = 0", "minObservations must be >= 1, got: 0"},
        {"min-observations = 2.5", "switching.min-observations must be an integer, got 2.5"},
        {"max-ratio = 1", "maxRatio must be > 1 and finite, got: 1.0"},
        {"max-ratio = NaN", "maxRatio must be > 1 and finite, got: NaN"},
        {"max-ratio = Infinity", "maxRatio must be > 1 and finite, got: Infinity"},
        {"hysteresis = -0.1", "hysteresis must be in [0, 1), got: -0.1"},
        {"hysteresis = 1", "hysteresis must be in [0, 1), got: 1.0"},
        {"dwell-requests = 0", "dwellRequests must be >= 1, got: 0"},
        {"dwell-requests = 99999999999", "switching.dwell-requests must be an integer, got 99999999999"},
        {"dwel-requests = 10", "unknown key swarmsense.edge-inference.switching.dwel-requests"},
    };
    for (String[] p : probes) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> EdgeInferenceSettings.switching(ConfigFactory.parseString("swarmsense.edge-inference.switching." + p[0])
              .withFallback(ConfigFactory.load())), p[0]);
      assertTrue(e.getMessage().contains(p[1]), p[0] + ": " + e.getMessage());
    }
  }
}
