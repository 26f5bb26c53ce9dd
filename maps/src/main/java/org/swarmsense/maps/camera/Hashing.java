package org.swarmsense.maps.camera;

/** The stable 64-bit mix (SplitMix64's finaliser) behind every per-id and per-frame choice. */
final class Hashing {

  private Hashing() {}

  /** A well-spread 64-bit hash of {@code x}. */
  static long mix(long x) {
    long z = x + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A stable hash of a string (not String.hashCode alone: spread over 64 bits). */
  static long of(String s) {
    long h = 1125899906842597L;
    for (int i = 0; i < s.length(); i++) {
      h = 31 * h + s.charAt(i);
    }
    return mix(h);
  }
}
