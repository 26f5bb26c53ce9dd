package org.swarmsense.edge.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TensorTest {

  @Test
  void stacksAndCutsAlongTheBatchAxis() {
    Tensor a = new Tensor(new long[] {1, 2}, new float[] {1, 2});
    Tensor b = new Tensor(new long[] {1, 2}, new float[] {3, 4});
    Tensor ab = Tensor.stack(List.of(a, b));
    assertArrayEquals(new long[] {2, 2}, ab.shape());
    assertArrayEquals(new float[] {1, 2, 3, 4}, ab.data());
    assertArrayEquals(new float[] {3, 4}, ab.sample(1).data());
    assertEquals(1, ab.sample(1).batchSize());
  }

  @Test
  void refusesMismatchedShapesNamingThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Tensor(new long[] {1, 3}, new float[] {1, 2}));
    assertTrue(e.getMessage().contains("data length must be 3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Tensor.stack(List.of(
        new Tensor(new long[] {1, 2}, new float[2]), new Tensor(new long[] {1, 3}, new float[3]))));
    assertTrue(e.getMessage().contains("[1, 2] vs [1, 3]"), e.getMessage());
  }
}
