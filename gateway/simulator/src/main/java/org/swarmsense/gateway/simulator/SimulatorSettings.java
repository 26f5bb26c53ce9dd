package org.swarmsense.gateway.simulator;

import java.time.Duration;
import java.util.List;
import org.swarmsense.gateway.broker.ExternalBroker;
import org.swarmsense.gateway.wire.Topic;

/**
 * What to simulate. Immutable.
 *
 * @param url broker URL
 * @param fleet the fleet all devices belong to
 * @param devices how many devices, 1..100,000; every fourth is a sensor, the rest drones
 * @param rateHz telemetry rate of each device in hertz, (0, 100]
 * @param duration how long to run; {@link Duration#ZERO} runs until closed
 * @param connections MQTT connections shared by the devices; 0 gives every device its own (with its
 *     own last will, as real devices); fewer connections than devices are for load tests, and then
 *     a device's status is published but no last will can be set for it
 * @param username user name at the broker, or empty
 * @param password password at the broker, or empty
 * @param homeLatDeg latitude of the centre of the fleet's home points, degrees
 * @param homeLonDeg longitude of the centre, degrees
 * @param seed seed of the home points and phases
 */
public record SimulatorSettings(
    String url,
    String fleet,
    int devices,
    double rateHz,
    Duration duration,
    int connections,
    String username,
    String password,
    double homeLatDeg,
    double homeLonDeg,
    long seed,
    Layout layout) {

  /**
   * Where devices start and how their time runs.
   *
   * @param homes explicit home points {lon, lat} given to the devices in turn (empty: random
   *     points around the centre)
   * @param dronesOnly every device is a drone (otherwise every fourth is a traffic sensor)
   * @param startOnGround drones wait landed at home for a plan (otherwise they circle their home)
   * @param timeFactor how much faster than the wall clock plans are flown, (0, 1000]
   */
  public record Layout(List<double[]> homes, boolean dronesOnly, boolean startOnGround, double timeFactor) {
    public Layout {
      homes = List.copyOf(homes);
      for (double[] h : homes) {
        if (h.length != 2 || !(h[0] >= -180 && h[0] <= 180) || !(h[1] >= -80 && h[1] <= 80)) {
          throw new IllegalArgumentException("a home point must be {lon, lat} in range, was " + java.util.Arrays.toString(h));
        }
      }
      if (!(timeFactor > 0 && timeFactor <= 1000)) {
        throw new IllegalArgumentException("time factor must be in (0, 1000], was " + timeFactor);
      }
    }

    /** Random homes, a mixed fleet circling in real time. */
    public static Layout defaults() {
      return new Layout(List.of(), false, false, 1);
    }
  }

  /** Validates every field; errors name the option and the value. */
  public SimulatorSettings {
    new ExternalBroker(url);
    Topic.requireName("fleet", fleet);
    if (devices < 1 || devices > 100_000) {
      throw new IllegalArgumentException("devices must be 1..100000, was " + devices);
    }
    if (!(rateHz > 0 && rateHz <= 100)) {
      throw new IllegalArgumentException("rate-hz must be in (0, 100], was " + rateHz);
    }
    if (duration == null || duration.isNegative()) {
      throw new IllegalArgumentException("duration must be >= 0, was " + duration);
    }
    if (connections < 0 || connections > devices) {
      throw new IllegalArgumentException(
          "connections must be 0 (one per device) or 1.." + devices + ", was " + connections);
    }
    username = username == null ? "" : username;
    password = password == null ? "" : password;
    if (!(homeLatDeg >= -80 && homeLatDeg <= 80)) {
      throw new IllegalArgumentException("home latitude must be -80..80 degrees, was " + homeLatDeg);
    }
    layout = layout == null ? Layout.defaults() : layout;
    if (!(homeLonDeg >= -180 && homeLonDeg <= 180)) {
      throw new IllegalArgumentException("home longitude must be -180..180 degrees, was " + homeLonDeg);
    }
  }

  /** Defaults for a fleet: 1 Hz, until closed, one connection per device, around Zurich, seed 1. */
  public static SimulatorSettings of(String url, String fleet, int devices) {
    return new SimulatorSettings(url, fleet, devices, 1, Duration.ZERO, 0, "", "", 47.3769, 8.5417, 1, Layout.defaults());
  }

  /** The same with another rate. */
  public SimulatorSettings withRateHz(double hz) {
    return new SimulatorSettings(url, fleet, devices, hz, duration, connections, username, password,
        homeLatDeg, homeLonDeg, seed, layout);
  }

  /** The same with shared connections. */
  public SimulatorSettings withConnections(int n) {
    return new SimulatorSettings(url, fleet, devices, rateHz, duration, n, username, password,
        homeLatDeg, homeLonDeg, seed, layout);
  }

  /** The same with credentials. */
  public SimulatorSettings withCredentials(String user, String pass) {
    return new SimulatorSettings(url, fleet, devices, rateHz, duration, connections, user, pass,
        homeLatDeg, homeLonDeg, seed, layout);
  }

  /** The same with a duration. */
  public SimulatorSettings withDuration(Duration d) {
    return new SimulatorSettings(url, fleet, devices, rateHz, d, connections, username, password,
        homeLatDeg, homeLonDeg, seed, layout);
  }

  /** The same with another layout. */
  public SimulatorSettings withLayout(Layout l) {
    return new SimulatorSettings(url, fleet, devices, rateHz, duration, connections, username, password,
        homeLatDeg, homeLonDeg, seed, l);
  }

  @Override
  public String toString() {
    return "SimulatorSettings[url=" + url + ", fleet=" + fleet + ", devices=" + devices + ", rateHz="
        + rateHz + ", duration=" + duration + ", connections=" + connections + ", username=" + username
        + ", seed=" + seed + "]";
  }
}
