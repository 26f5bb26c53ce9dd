package org.swarmsense.gateway.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.MemberStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.agents.cluster.ClusterConfig;
import org.swarmsense.agents.cluster.ClusterJoin;

/**
 * Issue 16, one writer per persistence id: two stores on two cluster nodes (two actor systems in
 * this JVM, B joining through A) sharing one PostgreSQL journal ({@link LocalPostgres}) write one
 * fleet's audit log, device journal and pending commands alternately. Every write succeeds, the
 * audit log has one sequence (1..40 in the order written, whichever node wrote), both nodes read
 * every write of the other, and each event is written once in the cluster (the events the nodes asked
 * for equal the events the entities wrote). With a writer per node (the state before) the second
 * node's entity would not see the first's events: its audit numbers would restart and its reads miss
 * the other's writes.
 */
class ClusterWideStoreTest {
  private static final int ROUNDS = 20;

  @Test
  void twoNodesSharingOneJournalHaveOneWriterPerIdAndReadEachOthersWrites(@TempDir Path dir) throws Exception {
    try (LocalPostgres pg = LocalPostgres.start()) {
      int portA = freePort();
      int portB = freePort();
      String seed = "127.0.0.1:" + portA;
      Config a = ClusterConfig.clustered("swarmsense", new ClusterJoin("127.0.0.1", portA, List.of(seed)),
          ConfigFactory.load());
      Config b = ClusterConfig.clustered("swarmsense", new ClusterJoin("127.0.0.1", portB, List.of(seed)),
          ConfigFactory.load());
      try (GatewayStore storeA = GatewayStore.open(settings(dir.resolve("a"), pg), a);
          GatewayStore storeB = GatewayStore.open(settings(dir.resolve("b"), pg), b)) {
        assertTrue(storeA.writeCounts().clusterWide() && storeB.writeCounts().clusterWide(),
            "nodes given one database and seed nodes write cluster-wide");
        awaitMembersUp(storeA, 2);
        for (int i = 0; i < ROUNDS; i++) {
          GatewayStore w = i % 2 == 0 ? storeA : storeB;
          AuditEntry e = w.audit("fleet-a", "http:fleet-a", "device.command", "c" + i);
          assertEquals(i + 1, e.seq(), "one audit sequence whichever node writes");
          w.recordDevices("fleet-a", List.of(new DeviceRecord("drone", "d" + i, true, null)));
          w.commandAccepted("fleet-a", new PendingCommand(hex(i), "drone", "d" + i, "{\"cmd\":\"hold\"}", 10 + i));
        }
        for (GatewayStore r : List.of(storeA, storeB)) {
          assertEquals(ROUNDS, r.auditLog("fleet-a").total());
          assertEquals("c" + (ROUNDS - 1), r.auditLog("fleet-a").newest().get(ROUNDS - 1).detail());
          assertEquals(ROUNDS, r.devices("fleet-a").devices().size(), "every node's devices in one journal");
          assertEquals(ROUNDS, r.commands("fleet-a").pending().size(), "every node's commands in one journal");
        }
        WriteCounts ca = storeA.writeCounts();
        WriteCounts cb = storeB.writeCounts();
        System.out.printf("cluster-wide store: node A asked %d writes (failed %d), its entities wrote %d; node B asked"
            + " %d (failed %d), wrote %d%n", ca.writes(), ca.failedWrites(), ca.persistedHere(), cb.writes(),
            cb.failedWrites(), cb.persistedHere());
        assertEquals(0, ca.failedWrites() + cb.failedWrites(), "no write failed");
        assertEquals(3L * ROUNDS, ca.writes() + cb.writes());
        assertEquals(3L * ROUNDS, ca.persistedHere() + cb.persistedHere(), "each event written once, by its one writer");
      }
    }
  }

  private static PersistenceSettings settings(Path dir, LocalPostgres pg) {
    return GatewayStoreTest.settings(dir).withJdbc(pg.url(), "swarmsense", "");
  }

  private static void awaitMembersUp(GatewayStore store, int n) throws InterruptedException {
    Cluster c = Cluster.get(store.actorSystem().orElseThrow().classicSystem());
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < until) {
      int up = 0;
      for (org.apache.pekko.cluster.Member m : c.state().getMembers()) {
        up += m.status() == MemberStatus.up() ? 1 : 0;
      }
      if (up == n) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the cluster did not reach " + n + " members up: " + c.state());
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String hex(int i) {
    return String.format("%032x", i + 1);
  }
}
