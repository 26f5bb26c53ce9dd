package org.swarmsense.edge.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import org.junit.jupiter.api.Test;

class ModelResourcesTest {
  @Test
  void readsAShippedFileWholeAndNamesAMissingOne() throws Exception {
    byte[] read = ModelResources.bytes("org/swarmsense/edge/detect/", "vehicle/vehicle_plain.band-order.txt");
    byte[] expected;
    try (InputStream in = org.swarmsense.edge.detect.VehicleDetector.class
        .getResourceAsStream("vehicle/vehicle_plain.band-order.txt")) {
      expected = in.readAllBytes();
    }
    assertTrue(expected.length > 0);
    assertEquals(new String(expected, "UTF-8"), new String(read, "UTF-8"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelResources.bytes("org/swarmsense/edge/detect/", "vehicle/no-such-model.onnx"));
    assertEquals("resource missing: org/swarmsense/edge/detect/vehicle/no-such-model.onnx", e.getMessage());
  }
}
