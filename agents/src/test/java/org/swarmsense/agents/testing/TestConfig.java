package org.swarmsense.agents.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/** Fast settings for actor tests: 20 ms ticks, 60x simulation, short timeouts. */
public final class TestConfig {
  private TestConfig() {}

  /** The test configuration over the reference defaults. */
  public static Config fast() {
    return ConfigFactory.parseString("""
        swarmsense.agents {
          telemetry-interval = 20ms
          simulation-speed = 60
          link-timeout = 300ms
          link-check-interval = 50ms
          iteration-timeout = 500ms
          round-timeout = 20s
        }
        pekko.loglevel = WARNING
        """).withFallback(ConfigFactory.load());
  }
}
