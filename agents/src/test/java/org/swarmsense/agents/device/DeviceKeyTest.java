package org.swarmsense.agents.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeviceKeyTest {
  @Test
  void plainNamesKeepTheirEntityIdReadable() {
    assertEquals("drone/city-1/d0007", new DeviceKey("city-1", DeviceKey.Kind.DRONE, "d0007").entityId());
  }

  @Test
  void separatorsPercentSignsAndUnicodeAreEncodedSoKeysNeverCollide() {
    List<DeviceKey> keys = List.of(
        new DeviceKey("a/b", DeviceKey.Kind.DRONE, "c"),
        new DeviceKey("a", DeviceKey.Kind.DRONE, "b/c"),
        new DeviceKey("a%2Fb", DeviceKey.Kind.DRONE, "c"),
        new DeviceKey("a", DeviceKey.Kind.SENSOR, "b/c"),
        new DeviceKey("flotte-é", DeviceKey.Kind.EDGE, "無人機-1"),
        new DeviceKey("a", DeviceKey.Kind.DRONE, "b%2Fc"));
    Set<String> ids = new HashSet<>();
    for (DeviceKey k : keys) {
      String id = k.entityId();
      assertEquals(2, id.chars().filter(c -> c == '/').count(), "exactly the two separators: " + id);
      assertTrue(id.chars().allMatch(c -> c < 128), "ASCII only: " + id);
      assertTrue(ids.add(id), "entity id used twice: " + id);
      assertEquals(k, DeviceKey.fromEntityId(id), "round trip of " + id);
    }
    assertEquals("drone/a%2Fb/c", keys.get(0).entityId());
    assertEquals("drone/a%252Fb/c", keys.get(2).entityId());
    assertNotEquals(keys.get(1).entityId(), keys.get(5).entityId());
  }

  @Test
  void emptyTooLongAndControlCharactersAreRefusedNamingTheField() {
    var e = assertThrows(IllegalArgumentException.class, () -> new DeviceKey("", DeviceKey.Kind.DRONE, "d"));
    assertTrue(e.getMessage().startsWith("fleet must not be empty"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new DeviceKey("f", DeviceKey.Kind.DRONE, "x".repeat(129)));
    assertTrue(e.getMessage().startsWith("id must be at most 128 UTF-8 bytes, was 129"), e.getMessage());
    // 43 three-byte characters = 129 bytes: the limit is in bytes, not characters
    e = assertThrows(IllegalArgumentException.class, () -> new DeviceKey("f", DeviceKey.Kind.DRONE, "無".repeat(43)));
    assertTrue(e.getMessage().contains("was 129"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new DeviceKey("f\n", DeviceKey.Kind.DRONE, "d"));
    assertTrue(e.getMessage().startsWith("fleet must not contain control characters"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new DeviceKey("f", DeviceKey.Kind.DRONE, "d\uD800"));
    assertTrue(e.getMessage().startsWith("id must not contain control characters or broken UTF-16"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DeviceKey.fromEntityId("drone/a/b/c"));
    assertTrue(e.getMessage().contains("kind/fleet/id"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DeviceKey.fromEntityId("drone/a%2/b"));
    assertTrue(e.getMessage().startsWith("fleet has"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DeviceKey.fromEntityId("robot/a/b"));
    assertTrue(e.getMessage().contains("'robot'"), e.getMessage());
  }
}
