package org.swarmsense.fieldtests.abuse;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.swarmsense.semantic.SemanticCommSettings;

/**
 * The edge node's receiver settings (issue 14, 2026-12-04: {@code swarmsense.semantic-comm.codec.conceal-missing-dc}
 * and {@code codec.deblock}, overridable by a deployment's application.conf or {@code -D}): every junk value is
 * refused naming the key, so a node never starts with a receiver its operator did not ask for.
 */
class ReceiverSettingsAbuseTest {

  @Test
  void junkReceiverSettingsAreRefusedByName() {
    for (String key : new String[] {"conceal-missing-dc", "deblock"}) {
      for (String junk : new String[] {"7x", "1", "maybe", "[true]", "{on = true}", "null"}) {
        String line = "swarmsense.semantic-comm.codec." + key + " = " + junk;
        RuntimeException e = assertThrows(RuntimeException.class, () -> SemanticCommSettings.create(
            ConfigFactory.parseString(line).withFallback(ConfigFactory.defaultReference())), line);
        System.out.println("receiver settings: " + line + " -> " + e.getMessage());
        assertTrue(e.getMessage().contains(key), line + ": " + e.getMessage());
      }
    }
  }
}
