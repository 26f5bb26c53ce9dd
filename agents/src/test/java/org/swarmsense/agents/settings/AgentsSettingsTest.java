package org.swarmsense.agents.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.swarmsense.agents.detect.MissionDetectSettings;
import org.swarmsense.agents.edge.EdgeNodeSettings;

class AgentsSettingsTest {
  @Test
  void referenceDefaults() {
    AgentsSettings s = AgentsSettings.defaults();
    assertEquals(Duration.ofSeconds(1), s.telemetryInterval());
    assertEquals(1.0, s.simulationSpeed());
    assertEquals(20.0, s.batteryAlarmPercent());
    assertEquals(Duration.ofSeconds(5), s.linkTimeout());
    assertEquals(Duration.ofSeconds(2), s.iterationTimeout());
    assertEquals(Duration.ofSeconds(60), s.roundTimeout());
    assertEquals(Duration.ofSeconds(10), s.sensorSamplingInterval());
    assertEquals(0.3, s.replanDriftThreshold());
    assertEquals(3, s.replanMinReadings());
    assertEquals(2.58, s.replanNoiseZ());
    assertEquals(1.0, s.tickSimS());
    assertEquals("local", ConfigFactory.load().getString("pekko.actor.provider"));
    // the edge-node and mission-detect blocks are read into the same record, as their own readers read them
    assertEquals(EdgeNodeSettings.create(ConfigFactory.load()), s.edgeNode());
    assertEquals(MissionDetectSettings.create(ConfigFactory.load()), s.missionDetect());
    assertEquals(0, s.edgeNode().count());
    assertEquals(0.5, s.missionDetect().minIou());
  }

  @Test
  void aBadValueInANestedBlockFailsTheWholeRecordNamingTheKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentsSettings.create(
        ConfigFactory.parseString("swarmsense.agents.edge-node.queue-size = 4").withFallback(ConfigFactory.load())));
    assertEquals(true, e.getMessage().contains("swarmsense.agents.edge-node.queue-size"), e.getMessage());
    // the copies keep the nested blocks
    AgentsSettings s = AgentsSettings.defaults();
    assertEquals(s.edgeNode(), s.withSimulationSpeed(60).edgeNode());
    assertEquals(s.missionDetect(), s.withLinkTimeout(Duration.ofSeconds(9)).missionDetect());
  }

  @Test
  void badValuesNameTheKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentsSettings.create(
        ConfigFactory.parseString("swarmsense.agents.battery-alarm-percent = 120").withFallback(ConfigFactory.load())));
    assertEquals("battery-alarm-percent must be in [0, 100], got: 120.0", e.getMessage());
    IllegalArgumentException z = assertThrows(IllegalArgumentException.class, () -> AgentsSettings.create(
        ConfigFactory.parseString("swarmsense.agents.round-timeout = 0s").withFallback(ConfigFactory.load())));
    assertEquals("round-timeout must be a positive duration, got: PT0S", z.getMessage());
  }
}
