package org.swarmsense.fieldtests.fault;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.gateway.broker.MosquittoBroker;

/**
 * Issue 16 part 4: the two-node failover ({@link TwoNodeFailover}) against one Mosquitto process. Two
 * {@code swarmsense serve} processes form a cluster (the second joins through the first); {@value
 * TwoNodeFailover#DEVICES} simulated drones (MQTT 5 clients in this JVM) send telemetry at 1 Hz and
 * answer their QoS 1 commands. Both nodes must host some of the device entities (the telemetry is
 * split by the shared subscription, the entities by sharding). Then the first node, the seed, the
 * oldest and the shard coordinator's home, is killed with SIGKILL: every device's entity must run on
 * the survivor (its HTTP device list holds every drone with telemetry sent after the kill) within 10 s
 * (printed), and every QoS 1 command sent over the survivor's HTTP API from 3 s before the kill to
 * 15 s after it reaches its device (sent/received printed). A command whose request fails (its
 * entity's node died mid-command) is sent again with the same {@code t_ms}, as an operator would;
 * devices count distinct commands.
 */
class TwoNodeFailoverTest {
  @Test
  void theSurvivorRunsEveryEntityWithin10sAndNoCommandIsLost(@TempDir Path dir) throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start()) {
      TwoNodeFailover.run(dir, broker.url(), broker.url(), List.of(broker.url()));
    }
  }
}
