package org.swarmsense.gateway.http;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.swarmsense.gateway.input.FieldError;

/**
 * Bearer tokens of the HTTP API: each token belongs to exactly one fleet, and a request may only
 * touch the fleet of its token. Only SHA-256 digests of the tokens are kept (like the MQTT
 * passwords, a secret is never held or written in the clear; tokens are random, at least 16
 * characters, so a fast digest suffices); a token may be given as its digest, {@code
 * sha256:<64 hex>}, so a configuration need not hold it either. Immutable and thread-safe;
 * comparison is constant-time.
 */
public final class FleetTokens {
  /** The prefix of a token given as its digest. */
  public static final String DIGEST_PREFIX = "sha256:";

  private final Map<String, String> fleetByDigest;

  /**
   * @param tokenByFleet fleet id to its token (at least 16 characters) or the token's digest
   *     ({@code sha256:<64 hex>}); unique
   */
  public FleetTokens(Map<String, String> tokenByFleet) {
    java.util.HashMap<String, String> byDigest = new java.util.HashMap<>();
    tokenByFleet.forEach(
        (fleet, token) -> {
          Fleets.requireValidId("fleet", fleet);
          String digest;
          if (token != null && token.startsWith(DIGEST_PREFIX)) {
            digest = token.substring(DIGEST_PREFIX.length()).toLowerCase(java.util.Locale.ROOT);
            if (!digest.matches("[0-9a-f]{64}")) {
              throw new FieldError("tokens." + fleet, "sha256:...", "must be sha256: and 64 hex digits");
            }
          } else if (token == null || token.length() < 16) {
            throw new FieldError("tokens." + fleet, "***", "must be at least 16 characters");
          } else {
            digest = digest(token);
          }
          if (byDigest.put(digest, fleet) != null) {
            throw new FieldError("tokens." + fleet, "***", "is the token of another fleet too");
          }
        });
    this.fleetByDigest = Map.copyOf(byDigest);
  }

  /** The digest form of a token, {@code sha256:<64 hex>}, for configurations. */
  public static String digestOf(String token) {
    return DIGEST_PREFIX + digest(token);
  }

  private static String digest(String token) {
    try {
      return java.util.HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The fleet a token belongs to. */
  public Optional<String> fleetOf(String token) {
    if (token == null) {
      return Optional.empty();
    }
    byte[] given = digest(token).getBytes(StandardCharsets.UTF_8);
    String found = null;
    for (Map.Entry<String, String> e : fleetByDigest.entrySet()) {
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
