package org.swarmsense.edge.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A script that is not shipped is named in the error; nothing is run. */
class BundledScriptTest {

  @Test
  void aMissingScriptIsNamed(@TempDir Path dir) {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> BundledScript.run(
        BundledScriptTest.class, "no_such_script.py", dir, "listing", "python3-onnx", Duration.ofSeconds(5)));
    assertEquals("script resource missing: no_such_script.py beside " + BundledScriptTest.class.getName(),
        e.getMessage());
  }
}
