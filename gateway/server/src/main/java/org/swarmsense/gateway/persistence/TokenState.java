package org.swarmsense.gateway.persistence;

/**
 * A fleet's automatic HTTP token, as its SHA-256 digest only (the token itself is printed once and
 * never stored), so a restarted {@code serve} accepts the same token and the dashboard URL it
 * printed keeps working.
 *
 * @param digest 64 lower-case hex digits, or empty before the first token
 * @param issuedAtMs when it was issued (epoch ms), 0 before
 */
public record TokenState(String digest, long issuedAtMs) implements EntityState<TokenState, TokenState.Issued> {
  /** No token issued yet. */
  public static final TokenState NONE = new TokenState("", 0);

  /** Validates the values. */
  public TokenState {
    if (digest == null || !(digest.isEmpty() || digest.matches("[0-9a-f]{64}"))) {
      throw new IllegalArgumentException("token digest must be 64 lower-case hex digits, was " + digest);
    }
  }

  /** Whether a token was issued. */
  public boolean issued() {
    return !digest.isEmpty();
  }

  @Override
  public TokenState apply(Issued event) {
    return new TokenState(event.digest(), event.atMs());
  }

  /**
   * A token was issued (replacing any earlier one).
   *
   * @param digest its SHA-256 digest, 64 lower-case hex digits
   * @param atMs when (epoch ms)
   */
  public record Issued(String digest, long atMs) implements org.swarmsense.agents.cluster.CborSerializable {
    /** Validates the values. */
    public Issued {
      if (digest == null || !digest.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("token digest must be 64 lower-case hex digits, was " + digest);
      }
      if (atMs <= 0) {
        throw new IllegalArgumentException("token issue time must be > 0 ms, was " + atMs);
      }
    }
  }
}
