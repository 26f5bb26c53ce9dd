package org.swarmsense.gateway.tenancy;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password stored the way Mosquitto 2 stores it: {@code $7$<iterations>$<salt>$<hash>}, PBKDF2 with
 * HMAC-SHA512, a 12-byte salt and a 64-byte hash, both in standard Base64. The same string is written
 * to Mosquitto's password file and checked by the embedded broker's authenticator. Immutable and
 * thread-safe.
 *
 * @param iterations PBKDF2 iterations, 1..10,000,000 (mosquitto_passwd uses 101)
 * @param salt the salt
 * @param hash the derived key
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {
  /** The iteration count of {@code mosquitto_passwd} in Mosquitto 2.0. */
  public static final int MOSQUITTO_ITERATIONS = 101;

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Validates the sizes. */
  public PasswordHash {
    if (iterations < 1 || iterations > 10_000_000) {
      throw new IllegalArgumentException("iterations must be 1..10000000, was " + iterations);
    }
    if (salt == null || salt.length < 8) {
      throw new IllegalArgumentException("salt must be at least 8 bytes, was " + (salt == null ? 0 : salt.length));
    }
    if (hash == null || hash.length != 64) {
      throw new IllegalArgumentException("hash must be 64 bytes, was " + (hash == null ? 0 : hash.length));
    }
    salt = salt.clone();
    hash = hash.clone();
  }

  /** Hashes a password with a fresh random salt. */
  public static PasswordHash hashOf(String password, int iterations) {
    byte[] salt = new byte[12];
    RANDOM.nextBytes(salt);
    return new PasswordHash(iterations, salt, derive(password, salt, iterations));
  }

  /** Parses {@code $7$iterations$salt$hash}; the error names the value. */
  public static PasswordHash parse(String encoded) {
    String[] p = encoded == null ? new String[0] : encoded.split("\\$", -1);
    if (p.length != 5 || !p[0].isEmpty() || !p[1].equals("7")) {
      throw new IllegalArgumentException(
          "password hash must look like $7$<iterations>$<salt>$<hash>, was '" + encoded + "'");
    }
    try {
      return new PasswordHash(
          Integer.parseInt(p[2]), Base64.getDecoder().decode(p[3]), Base64.getDecoder().decode(p[4]));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("password hash '" + encoded + "': " + e.getMessage(), e);
    }
  }

  /** Whether {@code password} is the one hashed here (constant-time comparison). */
  public boolean matches(String password) {
    return password != null && MessageDigest.isEqual(hash, derive(password, salt, iterations));
  }

  /** The Mosquitto form. */
  public String encoded() {
    return "$7$" + iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$"
        + Base64.getEncoder().encodeToString(hash);
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PasswordHash h && h.encoded().equals(encoded());
  }

  @Override
  public int hashCode() {
    return encoded().hashCode();
  }

  @Override
  public String toString() {
    return encoded();
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    char[] chars = password.toCharArray(); // the JDK's PBKDF2 feeds HMAC the UTF-8 bytes
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
          .generateSecret(new PBEKeySpec(chars, salt, iterations, 512))
          .getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA512 is not available", e);
    }
  }
}
