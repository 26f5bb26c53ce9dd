package org.swarmsense.gateway.tenancy;

import org.swarmsense.gateway.wire.Topic;

/**
 * One set of broker credentials: a user name, its password hash and the fleet it may act for, or
 * {@link #ALL_FLEETS} for the gateway itself. Immutable.
 *
 * @param username the MQTT user name, 1..64 of {@code [A-Za-z0-9_-]}
 * @param fleet the fleet, or {@code *} for every fleet
 * @param password the password hash
 */
public record Account(String username, String fleet, PasswordHash password) {
  /** The fleet value of the gateway's account. */
  public static final String ALL_FLEETS = "*";

  /** Validates the names. */
  public Account {
    Topic.requireName("username", username);
    if (!ALL_FLEETS.equals(fleet)) {
      Topic.requireName("fleet", fleet);
    }
    if (password == null) {
      throw new IllegalArgumentException("password of '" + username + "' must not be null");
    }
  }

  /** An account whose password is hashed now (Mosquitto's iteration count). */
  public static Account withPassword(String username, String fleet, String password) {
    if (password == null || password.length() < 8) {
      throw new IllegalArgumentException(
          "password of '" + username + "' must have at least 8 characters, had "
              + (password == null ? 0 : password.length()));
    }
    return new Account(username, fleet, PasswordHash.hashOf(password, PasswordHash.MOSQUITTO_ITERATIONS));
  }

  /** Whether this account may act for every fleet (the gateway). */
  public boolean allFleets() {
    return ALL_FLEETS.equals(fleet);
  }

  /**
   * The prefix every MQTT client id of this account must start with: {@code {fleet}:} for a fleet
   * account (the colon is not allowed in fleet names, so one fleet's prefix never matches another's),
   * empty for the gateway's account. Binding ids to accounts stops session takeover: without it any
   * account could connect with the gateway's or a device's id and inherit its saved session.
   */
  public String clientIdPrefix() {
    return allFleets() ? "" : fleet + CLIENT_ID_SEPARATOR;
  }

  /** The separator between a fleet and the rest of a client id. */
  public static final String CLIENT_ID_SEPARATOR = ":";

  /** A client id that a fleet account may use: {@code {fleet}:{suffix}}. */
  public static String clientIdOf(String fleet, String suffix) {
    return fleet + CLIENT_ID_SEPARATOR + suffix;
  }

  /**
   * Whether this account may connect with {@code clientId}: the gateway's account with any id, a fleet
   * account only with {@link #clientIdPrefix()} followed by at least one character.
   */
  public boolean mayUseClientId(String clientId) {
    if (clientId == null || clientId.isEmpty()) {
      return false;
    }
    String prefix = clientIdPrefix();
    return clientId.length() > prefix.length() && clientId.startsWith(prefix);
  }

  /**
   * The topic filters this account may publish on: the documented channels only ({@code
   * swarmsense/{fleet}/{drone|sensor|edge}/+/{status|telemetry|cmd|evt}}, edge {@code task}, {@code occupancy} and
   * {@code result/+}, {@code occupancy_result/+}, and the gateway's reply topics {@code swarmsense/{fleet}/gateway/+/reply}); the
   * gateway's account {@code swarmsense/#}. Anything else in the fleet's subtree (e.g. {@code
   * swarmsense/{fleet}/store/r1}) is refused by the broker.
   */
  public java.util.List<String> publishFilters() {
    if (allFleets()) {
      return java.util.List.of(Topic.ROOT + "/#");
    }
    java.util.List<String> out = new java.util.ArrayList<>();
    for (org.swarmsense.gateway.wire.DeviceKind kind : org.swarmsense.gateway.wire.DeviceKind.values()) {
      for (org.swarmsense.gateway.wire.Channel c : org.swarmsense.gateway.wire.Channel.values()) {
        boolean edgeOnly = c.edgeOnly();
        if (edgeOnly && kind != org.swarmsense.gateway.wire.DeviceKind.EDGE) {
          continue;
        }
        out.add(Topic.ROOT + "/" + fleet + "/" + kind.level() + "/+/" + c.level()
            + (c.hasTaskLevel() ? "/+" : ""));
      }
    }
    out.add(Topic.ROOT + "/" + fleet + "/gateway/+/reply");
    return out;
  }

  /** Whether a retained message may be published on this topic: only device {@code status} topics. */
  public static boolean mayRetain(String topic) {
    return topic.startsWith(Topic.ROOT + "/") && topic.endsWith("/" + org.swarmsense.gateway.wire.Channel.STATUS.level())
        && topic.split("/", -1).length == 5;
  }

  /** The one topic filter this account may publish and subscribe under. */
  public String topicFilter() {
    return allFleets() ? Topic.ROOT + "/#" : Topic.fleetSubtree(fleet);
  }
}
