package org.swarmsense.fieldtests.containers;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.fieldtests.fault.TwoNodeFailover;

/**
 * Issue 16 part 5: the two-node failover ({@link TwoNodeFailover}: two {@code serve} processes,
 * SIGKILL of one, every entity on the other within 10 s, no QoS 1 command lost) against a two-node
 * EMQX cluster instead of one Mosquitto. Node A is on EMQX node 1, node B on EMQX node 2, and the
 * drones alternate between the two, so the shared subscriptions and the QoS 1 commands cross the
 * broker cluster.
 */
@Tag("containers")
class EmqxTwoNodeFailoverContainerTest {
  @Test
  void theSurvivorRunsEveryEntityAndNoCommandIsLostOnAnEmqxCluster(@TempDir Path dir) throws Exception {
    try (EmqxCluster emqx = EmqxCluster.start()) {
      TwoNodeFailover.run(dir, emqx.url(0), emqx.url(1), List.of(emqx.url(0), emqx.url(1)));
    }
  }
}
