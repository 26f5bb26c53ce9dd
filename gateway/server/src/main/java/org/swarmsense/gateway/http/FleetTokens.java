package org.swarmsense.gateway.http;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Bearer tokens of the HTTP API: each token belongs to exactly one fleet, and a request may only
 * touch the fleet of its token. Immutable and thread-safe; comparison is constant-time.
 */
public final class FleetTokens {
  private final Map<String, String> fleetByToken;

  /**
   * @param tokenByFleet fleet id to its token; tokens must be at least 16 characters and unique
   */
  public FleetTokens(Map<String, String> tokenByFleet) {
    java.util.HashMap<String, String> byToken = new java.util.HashMap<>();
    tokenByFleet.forEach(
        (fleet, token) -> {
          Fleets.requireValidId("fleet", fleet);
          if (token == null || token.length() < 16) {
            throw new FieldError("tokens." + fleet, "***", "must be at least 16 characters");
          }
          if (byToken.put(token, fleet) != null) {
            throw new FieldError("tokens." + fleet, "***", "is the token of another fleet too");
          }
        });
    this.fleetByToken = Map.copyOf(byToken);
  }

  /** The fleet a token belongs to. */
  public Optional<String> fleetOf(String token) {
    if (token == null) {
      return Optional.empty();
    }
    byte[] given = token.getBytes(StandardCharsets.UTF_8);
    String found = null;
    for (Map.Entry<String, String> e : fleetByToken.entrySet()) {
      if (MessageDigest.isEqual(given, e.getKey().getBytes(StandardCharsets.UTF_8))) {
        found = e.getValue();
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * Checks that {@code token} may act on {@code fleet}.
   *
   * @throws ApiException 401 without a known token, 403 for another fleet's token
   */
  public void authorize(String token, String fleet) {
    String owner =
        fleetOf(token)
            .orElseThrow(
                () ->
                    ApiException.unauthorized(
                        "a fleet token is required: Authorization: Bearer <token>"));
    if (!owner.equals(fleet)) {
      throw ApiException.forbidden("this token is not allowed for fleet '" + fleet + "'");
    }
  }
}
