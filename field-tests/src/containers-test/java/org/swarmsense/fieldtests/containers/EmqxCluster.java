package org.swarmsense.fieldtests.containers;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A two-node EMQX 5 cluster in containers on one Docker network, formed by static seeds: node names
 * {@code emqx@node1.emqx.io} and {@code emqx@node2.emqx.io} (EMQX runs Erlang with long names, so
 * the hosts are FQDNs, here network aliases that are also the containers' host names). Anonymous
 * MQTT clients are allowed (EMQX's default with no authenticator). {@link #start()} returns once
 * {@code emqx ctl cluster status} on node 1 lists both nodes as running; closing stops both
 * containers and removes the network.
 */
final class EmqxCluster implements AutoCloseable {
  /**
   * EMQX 5.8, the last open-source line under the Apache licence whose clustering needs no licence
   * key (the brief's {@code emqx/emqx:5}; pinned so that a run is repeatable).
   */
  static final DockerImageName EMQX = DockerImageName.parse("emqx/emqx:5.8.6");
  static final List<String> HOSTS = List.of("node1.emqx.io", "node2.emqx.io");
  static final Duration CLUSTER_FORMED = Duration.ofSeconds(120);

  private final Network network;
  private final List<GenericContainer<?>> nodes;

  private EmqxCluster(Network network, List<GenericContainer<?>> nodes) {
    this.network = network;
    this.nodes = nodes;
  }

  /** Starts both nodes and waits until they have formed one cluster. */
  static EmqxCluster start() throws IOException, InterruptedException {
    Network network = Network.newNetwork();
    List<GenericContainer<?>> nodes = new ArrayList<>();
    EmqxCluster cluster = new EmqxCluster(network, nodes);
    try {
      String seeds = "[" + String.join(",", HOSTS.stream().map(h -> "emqx@" + h).toList()) + "]";
      for (String host : HOSTS) {
        GenericContainer<?> node = new GenericContainer<>(EMQX)
            .withNetwork(network)
            .withNetworkAliases(host)
            .withCreateContainerCmdModifier(cmd -> cmd.withHostName(host))
            .withEnv("EMQX_NODE_NAME", "emqx@" + host)
            .withEnv("EMQX_CLUSTER__DISCOVERY_STRATEGY", "static")
            .withEnv("EMQX_CLUSTER__STATIC__SEEDS", seeds)
            .withExposedPorts(ContainerBroker.MQTT_PORT)
            .waitingFor(Wait.forLogMessage(".*is running now.*", 1).withStartupTimeout(CLUSTER_FORMED));
        nodes.add(node);
      }
      nodes.forEach(GenericContainer::start);
      cluster.awaitFormed();
      return cluster;
    } catch (RuntimeException | IOException | InterruptedException e) {
      cluster.close();
      throw e;
    }
  }

  private void awaitFormed() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + CLUSTER_FORMED.toNanos();
    String status = "";
    while (System.nanoTime() < deadline) {
      ExecResult r = nodes.get(0).execInContainer("emqx", "ctl", "cluster", "status");
      String said = r.getStdout();
      status = said;
      if (HOSTS.stream().allMatch(h -> said.contains("emqx@" + h))) {
        System.out.println("EMQX cluster formed: " + said.strip());
        return;
      }
      TimeUnit.SECONDS.sleep(1);
    }
    throw new IllegalStateException("EMQX nodes " + HOSTS + " did not form a cluster within " + CLUSTER_FORMED
        + "; emqx ctl cluster status said: " + status);
  }

  /** The MQTT URL of node {@code i} (0 or 1) as seen from this host. */
  String url(int i) {
    return ContainerBroker.url(nodes.get(i));
  }

  @Override
  public void close() {
    nodes.forEach(GenericContainer::stop);
    network.close();
  }
}
