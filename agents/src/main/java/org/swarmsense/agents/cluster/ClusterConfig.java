package org.swarmsense.agents.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Pekko settings of one cluster node: cluster provider, Artery TCP on a host and port, static
 * seed nodes (pekko-discovery is not available at Pekko 1.7.0), the split-brain resolver, and a
 * shard count suited to fleets of tens to thousands of drones. Everything else falls back to the
 * given configuration (normally reference.conf / application.conf). Stateless, thread-safe.
 */
public final class ClusterConfig {
  /** Shards per entity type. */
  public static final int SHARDS = 50;

  private ClusterConfig() {}

  /**
   * The configuration of a node that forms a cluster of its own ({@link #joinSelf} after start):
   * Artery TCP on {@code host} at a free port, no seed nodes, the same downing and shard count as
   * {@link #node}.
   */
  public static Config singleNode(String host, Config fallback) {
    return ConfigFactory.parseString("""
        pekko.actor.provider = cluster
        pekko.remote.artery.canonical.hostname = "%s"
        pekko.remote.artery.canonical.port = 0
        pekko.cluster.seed-nodes = []
        pekko.cluster.downing-provider-class = "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider"
        pekko.cluster.sharding.number-of-shards = %d
        pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
        pekko.coordinated-shutdown.exit-jvm = off
        pekko.coordinated-shutdown.terminate-actor-system = on
        pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
        """.formatted(host, SHARDS)).withFallback(fallback);
  }

  /** Makes the node of {@code system} join itself: a single-node cluster. */
  public static void joinSelf(org.apache.pekko.actor.typed.ActorSystem<?> system) {
    org.apache.pekko.cluster.typed.Cluster c = org.apache.pekko.cluster.typed.Cluster.get(system);
    c.manager().tell(org.apache.pekko.cluster.typed.Join.create(c.selfMember().address()));
  }

  /**
   * The configuration of node {@code systemName}@{@code host}:{@code port} whose seed nodes are at
   * {@code seedPorts} on the same host, over {@code fallback}.
   */
  public static Config node(String systemName, String host, int port, List<Integer> seedPorts, Config fallback) {
    if (systemName == null || !systemName.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
      throw new IllegalArgumentException("systemName must be letters, digits, - or _, got: " + systemName);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535, got: " + port);
    }
    if (seedPorts.isEmpty()) {
      throw new IllegalArgumentException("need at least one seed node port");
    }
    String seeds = seedPorts.stream().map(p -> "\"pekko://" + systemName + "@" + host + ":" + p + "\"")
        .collect(Collectors.joining(", "));
    return ConfigFactory.parseString("""
        pekko.actor.provider = cluster
        pekko.remote.artery.canonical.hostname = "%s"
        pekko.remote.artery.canonical.port = %d
        pekko.cluster.seed-nodes = [%s]
        pekko.cluster.downing-provider-class = "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider"
        pekko.cluster.sharding.number-of-shards = %d
        pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
        pekko.coordinated-shutdown.exit-jvm = off
        pekko.coordinated-shutdown.terminate-actor-system = on
        """.formatted(host, port, seeds, SHARDS)).withFallback(fallback);
  }

  /**
   * The configuration of a node of a multi-node gateway: actor system {@code systemName} on {@code
   * join}'s host and port, joining through its seed nodes, downed by {@link SurvivorDowning} (two
   * nodes survive the crash of either; see its comment for why not the split brain resolver), the
   * same shard count as {@link #singleNode}. Entities are not remembered: a device's entity starts
   * again on a surviving node with the device's next message (devices report every second).
   */
  public static Config clustered(String systemName, ClusterJoin join, Config fallback) {
    // the failover's timings (swarmsense.agents.cluster in reference.conf; the rule that chose them is in
    // gateway/server's README, "Failover time: the rule")
    Config t = fallback.getConfig("swarmsense.agents.cluster");
    if (systemName == null || !systemName.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
      throw new IllegalArgumentException("systemName must be letters, digits, - or _, got: " + systemName);
    }
    String seeds = join.seedAddresses(systemName).stream().map(a -> "\"" + a + "\"")
        .collect(Collectors.joining(", "));
    return ConfigFactory.parseString("""
        pekko.actor.provider = cluster
        pekko.remote.artery.canonical.hostname = "%s"
        pekko.remote.artery.canonical.port = %d
        pekko.cluster.seed-nodes = [%s]
        pekko.cluster.downing-provider-class = "org.swarmsense.agents.cluster.SurvivorDowning"
        pekko.cluster.sharding.number-of-shards = %d
        pekko.cluster.sharding.remember-entities = off
        pekko.cluster.failure-detector.heartbeat-interval = %dms
        pekko.cluster.failure-detector.acceptable-heartbeat-pause = %dms
        pekko.cluster.sharding.retry-interval = %dms
        pekko.cluster.sharding.least-shard-allocation-strategy.rebalance-absolute-limit = 20
        pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
        pekko.coordinated-shutdown.exit-jvm = off
        pekko.coordinated-shutdown.terminate-actor-system = on
        pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
        """.formatted(join.host(), join.port(), seeds, SHARDS, t.getDuration("heartbeat-interval").toMillis(),
            t.getDuration("acceptable-heartbeat-pause").toMillis(), t.getDuration("shard-retry-interval").toMillis()))
        .withFallback(fallback);
  }
}
