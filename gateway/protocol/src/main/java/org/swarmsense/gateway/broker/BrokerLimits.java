package org.swarmsense.gateway.broker;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * Per-fleet resource limits the brokers enforce ({@code swarmsense.gateway.broker} in
 * reference.conf). Immutable.
 *
 * @param maxRetainedBytes largest retained payload, bytes (a status is {@code online}/{@code
 *     offline}), 1..1 MiB
 * @param maxRetainedPerFleet distinct retained topics one fleet may hold (embedded broker: {@code
 *     RetainedQuota}; Mosquitto: the swarmsense plugin), >= 1
 */
public record BrokerLimits(int maxRetainedBytes, int maxRetainedPerFleet) {
  /** Validates the values. */
  public BrokerLimits {
    if (maxRetainedBytes < 1 || maxRetainedBytes > 1 << 20) {
      throw new IllegalArgumentException("broker.max-retained-bytes must be 1..1048576, was " + maxRetainedBytes);
    }
    if (maxRetainedPerFleet < 1) {
      throw new IllegalArgumentException("broker.max-retained-per-fleet must be >= 1, was " + maxRetainedPerFleet);
    }
  }

  /** Reads {@code swarmsense.gateway.broker}. */
  public static BrokerLimits fromConfig(Config root) {
    Config c = root.getConfig("swarmsense.gateway.broker");
    return new BrokerLimits(c.getBytes("max-retained-bytes").intValue(), c.getInt("max-retained-per-fleet"));
  }

  /** reference.conf's values. */
  public static BrokerLimits defaults() {
    return fromConfig(ConfigFactory.load());
  }
}
