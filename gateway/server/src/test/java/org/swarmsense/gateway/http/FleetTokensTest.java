package org.swarmsense.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, finding 8 (secrets at rest): HTTP tokens are kept only as SHA-256 digests, like the
 * MQTT passwords, and may be configured as their digest so that no configuration holds them.
 */
class FleetTokensTest {
  private static final String TOKEN = "token-of-fleet-a-0123456789";

  private static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aTokenConfiguredAsItsDigestAuthorizes() throws Exception {
    FleetTokens tokens = new FleetTokens(Map.of("a", "sha256:" + sha256(TOKEN), "b", "token-of-fleet-b-9876543210"));
    assertEquals(Optional.of("a"), tokens.fleetOf(TOKEN));
    assertEquals(Optional.of("b"), tokens.fleetOf("token-of-fleet-b-9876543210"));
    assertEquals(Optional.empty(), tokens.fleetOf("sha256:" + sha256(TOKEN)), "the digest is not a token");
    assertThrows(ApiException.class, () -> tokens.authorize("token-of-fleet-b-9876543210", "a"));
    assertEquals("sha256:" + sha256(TOKEN), FleetTokens.digestOf(TOKEN));
  }

  @Test
  void noTokenIsKeptInTheClear() throws Exception {
    FleetTokens tokens = new FleetTokens(Map.of("a", TOKEN));
    for (Field f : FleetTokens.class.getDeclaredFields()) {
      if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      f.setAccessible(true);
      String held = String.valueOf(f.get(tokens));
      assertFalse(held.contains(TOKEN), f.getName() + " holds the token: " + held);
      assertTrue(held.contains(sha256(TOKEN)), f.getName() + " holds the digest: " + held);
    }
  }
}
