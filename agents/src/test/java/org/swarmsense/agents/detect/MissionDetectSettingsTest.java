package org.swarmsense.agents.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The detection settings: the documented defaults, unknown keys and bad values refused by name. */
class MissionDetectSettingsTest {

  @Test
  void defaultsAreTheDocumentedChoices() {
    MissionDetectSettings s = org.swarmsense.agents.settings.AgentsSettings.defaults().missionDetect();
    assertEquals(10, s.captureIntervalS(false));
    assertEquals(60, s.captureIntervalS(true));
    assertEquals(50, s.quality());
    assertEquals(Duration.ofMillis(500), s.deadline());
    assertEquals(250_000, s.uplinkRateBytesPerS(), 0.0);
    assertEquals(0.05, s.meanLoss(), 0.0);
    assertEquals(0.5, s.minIou(), 0.0);
    assertEquals(List.of(2, 5, 7), s.cocoVehicleClassIds());
    assertEquals(new MissionDetectSettings.Control(true, 4, 0.8, 0.8, 1.5e9, 0.3e9, 2e9, 0.25e9, 5, 25, 0.2, 10,
        List.of(0.416, 0.601, 0.776, 1.0)),
        s.control());
  }

  @Test
  void badControlValuesAndKeysAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MissionDetectSettings.create(
        ConfigFactory.parseString("swarmsense.agents.mission-detect.control.levels = 0")
            .withFallback(ConfigFactory.load())));
    assertTrue(e.getMessage().contains("control.levels") && e.getMessage().contains("0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> MissionDetectSettings.create(
        ConfigFactory.parseString("swarmsense.agents.mission-detect.control.accuracy-target = 1.5")
            .withFallback(ConfigFactory.load())));
    assertTrue(e.getMessage().contains("accuracy-target") && e.getMessage().contains("1.5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> MissionDetectSettings.create(
        ConfigFactory.parseString("swarmsense.agents.mission-detect.control.edge-cpu-hz = -1e9")
            .withFallback(ConfigFactory.load())));
    assertTrue(e.getMessage().contains("edge-cpu-hz") && e.getMessage().contains("-1.0E9"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> MissionDetectSettings.create(
        ConfigFactory.parseString("swarmsense.agents.mission-detect.control.price-steps = 0")
            .withFallback(ConfigFactory.load())));
    assertTrue(e.getMessage().contains("control.price-steps") && e.getMessage().contains("0.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> MissionDetectSettings.create(
        ConfigFactory.parseString("swarmsense.agents.mission-detect.control.edge-hz = 1")
            .withFallback(ConfigFactory.load())));
    assertTrue(e.getMessage().contains("mission-detect.control.edge-hz"), e.getMessage());
  }

  @Test
  void unknownKeyIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MissionDetectSettings.create(
        ConfigFactory.parseString("swarmsense.agents.mission-detect.capture-hz = 1").withFallback(ConfigFactory.load())));
    assertTrue(e.getMessage().contains("mission-detect.capture-hz"), e.getMessage());
  }

  @Test
  void badValuesAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MissionDetectSettings.create(
        ConfigFactory.parseString("swarmsense.agents.mission-detect.capture-interval-s = 0")
            .withFallback(ConfigFactory.load())));
    assertTrue(e.getMessage().contains("capture-interval-s") && e.getMessage().contains("0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> MissionDetectSettings.create(
        ConfigFactory.parseString("swarmsense.agents.mission-detect.mean-loss = 0.9").withFallback(ConfigFactory.load())));
    assertTrue(e.getMessage().contains("mean-loss") && e.getMessage().contains("0.9"), e.getMessage());
  }
}
