package org.swarmsense.gateway.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.gateway.broker.MosquittoBroker;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.testing.MqttBrokers;

/** Smoke test of the replay bench: both sides deliver every message of a small trace (no timing asserted). */
class ReplayBenchTest {
  @TempDir Path dir;

  @Test
  void bothSidesDeliverEverything() throws Exception {
    try (MqttBroker broker = MosquittoBroker.findExecutable().isPresent() ? MqttBrokers.mosquitto()
        : MqttBrokers.available().get(0).start()) {
      Path file = dir.resolve("bench.jsonl.gz");
      List<TraceMessage> trace = ReplayBench.writeTrace(file, 10, 3000);
      assertEquals(3000, trace.size());
      ReplayBench.Round r = ReplayBench.round(broker.url(), file, trace);
      System.out.println(ReplayBench.HEADER + "\n" + r.row(1));
      assertEquals(3000, r.rawDelivered());
      assertEquals(3000, r.replayDelivered());
      assertTrue(r.rawRate() > 0 && r.replayRate() > 0);
    }
  }
}
