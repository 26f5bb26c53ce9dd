package org.swarmsense.gateway.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicTest {

  @Test
  void parsesAndPrintsTheTree() {
    Topic t = Topic.parse("swarmsense/fleet-a/drone/d0001/telemetry");
    assertEquals(Topic.of("fleet-a", DeviceKind.DRONE, "d0001", Channel.TELEMETRY), t);
    assertEquals("swarmsense/fleet-a/drone/d0001/telemetry", t.toString());
    Topic r = Topic.parse("swarmsense/f/edge/e1/result/task-7");
    assertEquals("task-7", r.task());
    assertEquals("swarmsense/f/edge/e1/result/task-7", r.toString());
    assertEquals("swarmsense/+/+/+/status", Topic.filter("+", Channel.STATUS));
    assertEquals("swarmsense/f/+/+/result/+", Topic.filter("f", Channel.RESULT));
    // issue 19 part 4: occupancy requests and answers beside the detection ones
    Topic o = Topic.parse("swarmsense/f/edge/e1/occupancy");
    assertEquals(Topic.of("f", DeviceKind.EDGE, "e1", Channel.OCCUPANCY), o);
    Topic oa = Topic.parse("swarmsense/f/edge/e1/occupancy_result/d0001-leg-3");
    assertEquals("d0001-leg-3", oa.task());
    assertEquals(Channel.OCCUPANCY_RESULT, oa.channel());
    assertEquals("swarmsense/f/edge/e1/occupancy_result/d0001-leg-3", oa.toString());
    assertEquals("swarmsense/f/+/+/occupancy_result/+", Topic.filter("f", Channel.OCCUPANCY_RESULT));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      other/f/drone/d/status            | must be swarmsense/
      swarmsense/f/robot/d/status       | kind must be drone, sensor or edge, was 'robot'
      swarmsense/f/drone/d/shout        | channel must be status
      swarmsense/f/drone/d/task         | channel task is for edge nodes only
      swarmsense/f/edge/e/result        | only result topics have a sixth level
      swarmsense/f/drone/d/occupancy    | channel occupancy is for edge nodes only
      swarmsense/f/edge/e/occupancy_result | only result topics have a sixth level
      swarmsense/f/edge/e/occupancy/t1   | only result topics have a sixth level
      swarmsense/f f/drone/d/status     | fleet must be 1..64 characters
      swarmsense/f/drone//status        | id must be 1..64 characters
      """)
  void badTopicsNameTheLevel(String topic, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Topic.parse(topic));
    assertEquals(true, e.getMessage().contains(message), e.getMessage());
    assertEquals(true, e.getMessage().contains(topic), e.getMessage());
  }
}
