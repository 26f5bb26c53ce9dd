package org.swarmsense.agents.cluster;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a node of a multi-node gateway listens and which seed nodes it joins through.
 *
 * @param host the host name or IP address other nodes reach this node at (Artery TCP), e.g. 10.0.0.5
 * @param port the Artery TCP port of this node; 0 = a free one (only for nodes that are not seeds)
 * @param seedNodes the seed nodes, {@code host:port} each, in the same order on every node; the first
 *     one bootstraps the cluster when it starts first
 */
public record ClusterJoin(String host, int port, List<String> seedNodes) {
  /** Host names and IPv4 addresses; no spaces, quotes, slashes or {@code @} (they end up in an address). */
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})");

  /** Validates every field; errors name the option ({@code --cluster-host}, ...) and the value. */
  public ClusterJoin {
    requireHost("--cluster-host", host);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--cluster-port must be in 0..65535 (0 = a free port), was " + port);
    }
    if (seedNodes == null || seedNodes.isEmpty()) {
      throw new IllegalArgumentException("--seed-node: at least one seed node host:port is needed to join a cluster");
    }
    seedNodes = List.copyOf(seedNodes);
    for (String s : seedNodes) {
      seedHost(s);
      seedPort(s);
    }
  }

  private static void requireHost(String option, String host) {
    if (host == null || !HOST.matcher(host).matches()) {
      throw new IllegalArgumentException(option + " must be a host name or IPv4 address (letters, digits, '.', '-'),"
          + " was '" + host + "'");
    }
  }

  /** The host part of a seed node {@code host:port}. */
  static String seedHost(String seed) {
    if (seed == null) {
      throw new IllegalArgumentException("--seed-node must be host:port, was 'null'");
    }
    int colon = seed.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("--seed-node must be host:port, was '" + seed + "'");
    }
    String host = seed.substring(0, colon);
    if (!HOST.matcher(host).matches()) {
      throw new IllegalArgumentException("--seed-node must be host:port with a host name or IPv4 address, was '"
          + seed + "'");
    }
    return host;
  }

  /** The port part of a seed node {@code host:port}, 1..65535. */
  static int seedPort(String seed) {
    String p = seed.substring(seed.lastIndexOf(':') + 1);
    int port;
    try {
      port = p.matches("[0-9]{1,5}") ? Integer.parseInt(p) : -1;
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("--seed-node port must be in 1..65535, was '" + seed + "'");
    }
    return port;
  }

  /** The seed nodes as Pekko addresses of actor system {@code systemName}. */
  public List<String> seedAddresses(String systemName) {
    return seedNodes.stream().map(s -> "pekko://" + systemName + "@" + seedHost(s) + ":" + seedPort(s)).toList();
  }
}
