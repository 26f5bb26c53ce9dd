package org.swarmsense.agents.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.swarmsense.agents.detect.MissionDetectSettings;
import org.swarmsense.agents.edge.EdgeNodeSettings;

/**
 * Every setting of the agents module, read once from the {@code swarmsense.agents} section of the
 * configuration (defaults and their meaning in {@code agents/src/main/resources/reference.conf}):
 * the module's one settings record, with its {@code edge-node} and {@code mission-detect} blocks as
 * nested records. Immutable and thread-safe.
 *
 * @param telemetryInterval wall-clock interval between telemetry reports (and simulation ticks)
 * @param simulationSpeed simulated seconds per wall-clock second, > 0
 * @param batteryAlarmPercent LOW_BATTERY threshold, percent of one battery, in [0, 100]
 * @param linkTimeout silence after which the registry raises LINK_LOST
 * @param linkCheckInterval how often the registry checks for lost links
 * @param iterationTimeout how long an I-EPOS agent waits for its children in one iteration
 * @param roundTimeout deadline of a whole I-EPOS round (one repetition)
 * @param sensorSamplingInterval default simulated interval between two sensor readings
 * @param replanDriftThreshold relative drift of observed vs forecast traffic that triggers a re-plan, > 0
 * @param replanMinReadings readings of a slot needed before the drift is judged, >= 1
 * @param replanNoiseZ Poisson standard deviations the observed count of a slot must be away from the
 *     expected one before a drift counts, >= 0 (0: off)
 * @param askTimeout timeout of request/reply exchanges between actors
 * @param edgeNode the edge nodes' settings ({@code swarmsense.agents.edge-node})
 * @param missionDetect measured detection of a planned mission ({@code swarmsense.agents.mission-detect})
 */
public record AgentsSettings(
    Duration telemetryInterval,
    double simulationSpeed,
    double batteryAlarmPercent,
    Duration linkTimeout,
    Duration linkCheckInterval,
    Duration iterationTimeout,
    Duration roundTimeout,
    Duration sensorSamplingInterval,
    double replanDriftThreshold,
    int replanMinReadings,
    double replanNoiseZ,
    Duration askTimeout,
    EdgeNodeSettings edgeNode,
    MissionDetectSettings missionDetect) {

  /** Validates every field; the message names the key and the bad value. */
  public AgentsSettings {
    positive("telemetry-interval", telemetryInterval);
    if (!(simulationSpeed > 0) || !Double.isFinite(simulationSpeed)) {
      throw new IllegalArgumentException("simulation-speed must be a finite number > 0, got: " + simulationSpeed);
    }
    if (!(batteryAlarmPercent >= 0 && batteryAlarmPercent <= 100)) {
      throw new IllegalArgumentException("battery-alarm-percent must be in [0, 100], got: " + batteryAlarmPercent);
    }
    positive("link-timeout", linkTimeout);
    positive("link-check-interval", linkCheckInterval);
    positive("iteration-timeout", iterationTimeout);
    positive("round-timeout", roundTimeout);
    positive("sensor-sampling-interval", sensorSamplingInterval);
    if (!(replanDriftThreshold > 0) || !Double.isFinite(replanDriftThreshold)) {
      throw new IllegalArgumentException("replan-drift-threshold must be a finite number > 0, got: " + replanDriftThreshold);
    }
    if (replanMinReadings < 1) {
      throw new IllegalArgumentException("replan-min-readings must be >= 1, got: " + replanMinReadings);
    }
    if (!(replanNoiseZ >= 0) || !Double.isFinite(replanNoiseZ)) {
      throw new IllegalArgumentException("replan-noise-z must be a finite number >= 0, got: " + replanNoiseZ);
    }
    positive("ask-timeout", askTimeout);
    if (edgeNode == null || missionDetect == null) {
      throw new IllegalArgumentException("edge-node and mission-detect must be set, got: " + edgeNode + ", "
          + missionDetect);
    }
  }

  /** The settings of a running actor system. */
  public static AgentsSettings create(ActorSystem<?> system) {
    return create(system.settings().config());
  }

  /** The settings in {@code config} (which must contain the reference defaults). */
  public static AgentsSettings create(Config config) {
    Config c = config.getConfig("swarmsense.agents");
    return new AgentsSettings(
        c.getDuration("telemetry-interval"),
        c.getDouble("simulation-speed"),
        c.getDouble("battery-alarm-percent"),
        c.getDuration("link-timeout"),
        c.getDuration("link-check-interval"),
        c.getDuration("iteration-timeout"),
        c.getDuration("round-timeout"),
        c.getDuration("sensor-sampling-interval"),
        c.getDouble("replan-drift-threshold"),
        c.getInt("replan-min-readings"),
        c.getDouble("replan-noise-z"),
        c.getDuration("ask-timeout"),
        EdgeNodeSettings.create(config),
        MissionDetectSettings.create(config));
  }

  /** The defaults of reference.conf (plus application.conf). */
  public static AgentsSettings defaults() {
    return create(ConfigFactory.load());
  }

  /** Simulated seconds one telemetry tick advances. */
  public double tickSimS() {
    return telemetryInterval.toNanos() / 1e9 * simulationSpeed;
  }

  /** Copy with another simulation speed. */
  public AgentsSettings withSimulationSpeed(double v) {
    return new AgentsSettings(telemetryInterval, v, batteryAlarmPercent, linkTimeout, linkCheckInterval,
        iterationTimeout, roundTimeout, sensorSamplingInterval, replanDriftThreshold, replanMinReadings, replanNoiseZ, askTimeout,
        edgeNode, missionDetect);
  }

  /** Copy with another telemetry interval. */
  public AgentsSettings withTelemetryInterval(Duration v) {
    return new AgentsSettings(v, simulationSpeed, batteryAlarmPercent, linkTimeout, linkCheckInterval,
        iterationTimeout, roundTimeout, sensorSamplingInterval, replanDriftThreshold, replanMinReadings, replanNoiseZ, askTimeout,
        edgeNode, missionDetect);
  }

  /** Copy with other I-EPOS timeouts. */
  public AgentsSettings withTimeouts(Duration iteration, Duration round) {
    return new AgentsSettings(telemetryInterval, simulationSpeed, batteryAlarmPercent, linkTimeout, linkCheckInterval,
        iteration, round, sensorSamplingInterval, replanDriftThreshold, replanMinReadings, replanNoiseZ, askTimeout,
        edgeNode, missionDetect);
  }

  /** Copy with another link timeout. */
  public AgentsSettings withLinkTimeout(Duration v) {
    return new AgentsSettings(telemetryInterval, simulationSpeed, batteryAlarmPercent, v, linkCheckInterval,
        iterationTimeout, roundTimeout, sensorSamplingInterval, replanDriftThreshold, replanMinReadings, replanNoiseZ, askTimeout,
        edgeNode, missionDetect);
  }

  private static void positive(String key, Duration d) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(key + " must be a positive duration, got: " + d);
    }
  }
}
