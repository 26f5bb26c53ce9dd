package org.swarmsense.epos.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {
  @TempDir Path dir;

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text);
  }

  @Test
  void readsCrlfAndLfAndKeepsOnlyTheFirstKPlans() throws IOException {
    write("agent_0.plans", "0.5:1,2,3\r\n0.25:4,5,6\r\n1:7,8,9\r\n");
    write("agent_1.plans", "0:1e0, -2.5 ,3\n\n0.0:0,0,0");
    Dataset ds = Dataset.read(dir, 2);
    assertEquals(2, ds.agents().size());
    AgentPlans a0 = ds.agents().get(0);
    assertEquals(2, a0.size());
    assertArrayEquals(new double[] {4, 5, 6}, a0.plan(1).values());
    assertEquals(0.25, a0.cost(1));
    assertArrayEquals(new double[] {1, -2.5, 3}, ds.agents().get(1).plan(0).values());
    assertTrue(ds.goal().isEmpty());
  }

  @Test
  void gaussianHasElevenAgentsOfDimensionHundredAndTwoGoalFiles() {
    Dataset ds = Dataset.read(TestData.gaussian(), 16);
    assertEquals(11, ds.agents().size());
    assertEquals(100, ds.dimension());
    assertEquals(16, ds.agents().get(10).size());
    assertEquals(2, ds.goalFiles().size());
    assertTrue(ds.goal().isEmpty(), "two *.target files: no goal is picked silently");
    Path zero = TestData.gaussian().resolve("zero.target");
    assertArrayEquals(new double[100], Dataset.read(TestData.gaussian(), 1, zero).goal().orElseThrow());
  }

  @Test
  void aSingleTargetIsTheGoal() throws IOException {
    write("agent_0.plans", "0:1,2\n");
    write("g.target", "3,4\n");
    assertArrayEquals(new double[] {3, 4}, Dataset.read(dir, 1).goal().orElseThrow());
  }

  private String error(String plans) throws IOException {
    write("agent_0.plans", plans);
    return assertThrows(IllegalArgumentException.class, () -> Dataset.read(dir, 10)).getMessage();
  }

  @Test
  void malformedLinesNameFileLineAndField() throws IOException {
    String e = error("0:1,2\n0:1,x\n");
    assertTrue(e.contains("agent_0.plans:2") && e.contains("value 2") && e.contains("'x'"), e);
    e = error("0:1,2\n0 1 2\n");
    assertTrue(e.contains("agent_0.plans:2") && e.contains("':'"), e);
    e = error("zero:1,2\n");
    assertTrue(e.contains("agent_0.plans:1") && e.contains("cost"), e);
    e = error("0:1,2\n0:1,2,3\n");
    assertTrue(e.contains("agent_0.plans:2") && e.contains("3 values"), e);
    e = error("0:1,NaN\n");
    assertTrue(e.contains("finite"), e);
    e = error("\n\n");
    assertTrue(e.contains("no plans"), e);
  }

  @Test
  void missingAgentsDimensionMismatchAndBadGoalAreRefused() throws IOException {
    write("agent_0.plans", "0:1,2\n");
    write("agent_2.plans", "0:1,2\n");
    String e = assertThrows(IllegalArgumentException.class, () -> Dataset.read(dir, 1)).getMessage();
    assertTrue(e.contains("agent_1.plans is missing"), e);
    write("agent_1.plans", "0:1,2,3\n");
    e = assertThrows(IllegalArgumentException.class, () -> Dataset.read(dir, 1)).getMessage();
    assertTrue(e.contains("agent_1.plans") && e.contains("dimension 3"), e);
    write("agent_1.plans", "0:1,2\n");
    write("g.target", "1,2,3");
    e = assertThrows(IllegalArgumentException.class, () -> Dataset.read(dir, 1)).getMessage();
    assertTrue(e.contains("g.target") && e.contains("3 values"), e);
    e = assertThrows(IllegalArgumentException.class, () -> Dataset.read(dir.resolve("nope"), 1)).getMessage();
    assertTrue(e.contains("does not exist"), e);
    e = assertThrows(IllegalArgumentException.class, () -> Dataset.read(dir, 0)).getMessage();
    assertTrue(e.contains("maxPlans"), e);
  }
}
