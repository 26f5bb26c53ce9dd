package org.swarmsense.agents.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.swarmsense.agents.alarm.Geofence;
import org.swarmsense.agents.drone.Drone;
import org.swarmsense.agents.drone.DroneSetup;
import org.swarmsense.agents.mission.MissionCoordinator;
import org.swarmsense.agents.planning.PlannerSpec;
import org.swarmsense.agents.sensor.SlotTrafficSource;
import org.swarmsense.agents.settings.AgentsSettings;
import org.swarmsense.epos.sensing.Strategy;
import org.swarmsense.maps.SharedData;
import org.swarmsense.agents.testing.TestConfig;
import org.swarmsense.epos.sensing.MissionPlanner;
import org.swarmsense.epos.sensing.mission.Mission;
import org.swarmsense.epos.sensing.mission.MissionReader;
import org.swarmsense.epos.sensing.plans.PlanGenerator;
import org.swarmsense.epos.sensing.plans.SensingProblem;

/**
 * Three cluster nodes on loopback in one JVM: drones are sharded entities; a mission planned on
 * node 1 runs decentralized I-EPOS across the nodes (each drone's planning agent lives where the
 * drone lives) and selects what the in-process planner selects; then a node holding drones leaves
 * and its drones come back on the other two.
 */
class ThreeNodeClusterTest {
  static final List<ActorTestKit> nodes = new ArrayList<>();

  @AfterAll
  static void cleanup() {
    for (ActorTestKit k : nodes) {
      ActorTestKit.shutdown(k.system(), Duration.ofSeconds(30), false);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void aMissionAcrossThreeNodesSurvivesANodeLeaving() throws IOException {
    Path cells = SharedData.dir().resolve("missions").resolve("pneuma_grid.csv");
    Mission mission = MissionReader.parse("""
        name: cluster-test
        cells: %s
        window: {startS: 0, endS: 1800, slotS: 300}
        drones: {count: 9, plansPerDrone: 8, batterySwapS: 120, maxCellsPerSortie: 6, localityM: 1000}
        coverageTarget: 2
        planner: {iterations: 15, cost: SQR, seed: 3}
        """.formatted(cells.toAbsolutePath()), true, cells.getParent(), "cluster-test");
    MissionPlanner.Run inProcess = MissionPlanner.plan(mission, s -> {}).runs().get(0);
    SensingProblem p = inProcess.problem();

    List<Integer> ports = List.of(freePort(), freePort(), freePort());
    for (int port : ports) {
      Config c = ClusterConfig.node("swarm", "127.0.0.1", port, List.of(ports.get(0)), TestConfig.fast());
      nodes.add(ActorTestKit.create("swarm", c));
    }
    AgentsSettings settings = AgentsSettings.create(nodes.get(0).system())
        .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60));
    List<FleetSharding.Regions> regions = new ArrayList<>();
    for (ActorTestKit node : nodes) {
      regions.add(FleetSharding.init(node.system(), settings, id -> {
        int i = Integer.parseInt(id.substring("drone-".length()));
        int base = PlanGenerator.baseOf(i, p.bases());
        return new DroneSetup(p.bx(base), p.by(base), 50, 120, mission.fleet().model(), Geofence.unbounded());
      }, id -> new FleetSharding.SensorSetup(0, new SlotTrafficSource(new double[] {0}, 300, 1))));
    }
    awaitUp(3);
    ActorTestKit node1 = nodes.get(0);
    awaitRegions(node1, 3);

    // sensors are sharded too: each answers a sampling-rate change from wherever it lives
    TestProbe<org.swarmsense.agents.sensor.Sensor.SamplingReply> rate = node1.createTestProbe();
    for (int i = 0; i < 6; i++) {
      regions.get(0).sensors().tell(new org.apache.pekko.cluster.sharding.typed.ShardingEnvelope<>("sensor-" + i,
          new org.swarmsense.agents.sensor.Sensor.SetSamplingInterval(30, rate.getRef())));
    }
    List<String> changed = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      changed.add(((org.swarmsense.agents.sensor.Sensor.SamplingChanged) rate.receiveMessage(Duration.ofSeconds(20)))
          .sensorId());
    }
    assertEquals(6, new java.util.HashSet<>(changed).size());

    List<ActorRef<Drone.Command>> drones = new ArrayList<>();
    for (int i = 0; i < inProcess.plans().size(); i++) {
      drones.add(node1.spawn(FleetSharding.forwarder("drone-" + i, regions.get(0).drones()), "fwd-drone-" + i));
    }
    ActorRef<MissionCoordinator.Command> coordinator = node1.spawn(MissionCoordinator.create(7, p, inProcess.plans(),
        org.swarmsense.epos.sensing.energy.EnergyModel.of(mission.fleet().model()),
        PlannerSpec.of(mission.planner(), p), drones, List.of(), settings), "mission-7");
    TestProbe<MissionCoordinator.MissionPlanned> planned = node1.createTestProbe();
    coordinator.tell(new MissionCoordinator.PlanMission(1, planned.getRef()));
    MissionCoordinator.MissionPlanned m = planned.receiveMessage(Duration.ofSeconds(90));
    assertEquals(9, m.proposed());
    assertArrayEquals(inProcess.results().get(Strategy.I_EPOS).selection(), m.selected());

    Map<String, String> before = locations(node1, drones);
    System.out.println("ThreeNodeClusterTest drones by node before: " + before);
    String leaving = "pekko://swarm@127.0.0.1:" + ports.get(2);
    if (!before.containsValue(leaving)) {
      leaving = "pekko://swarm@127.0.0.1:" + ports.get(1);
    }
    assertTrue(before.containsValue(leaving), "some drones live outside node 1: " + before);
    int leavingIndex = leaving.endsWith(":" + ports.get(2)) ? 2 : 1;
    ActorTestKit gone = nodes.remove(leavingIndex);
    Cluster.get(gone.system()).manager().tell(
        org.apache.pekko.cluster.typed.Leave.create(Cluster.get(gone.system()).selfMember().address()));
    ActorTestKit.shutdown(gone.system(), Duration.ofSeconds(30), false);
    awaitUp(2);
    Map<String, String> after = locations(node1, drones);
    System.out.println("ThreeNodeClusterTest drones by node after " + leaving + " left: " + after);
    assertEquals(before.keySet(), after.keySet(), "every drone answers");
    assertFalse(after.containsValue(leaving));
    // the coordinator notices the moved drones (silence -> Subscribe, hasPlan = false) and re-dispatches
    TestProbe<Drone.Status> probe = node1.createTestProbe();
    List<String> withoutPlan = new ArrayList<>();
    for (int attempt = 0; attempt < 100; attempt++) {
      withoutPlan.clear();
      for (ActorRef<Drone.Command> d : drones) {
        d.tell(new Drone.GetStatus(probe.getRef()));
        Drone.Status s = probe.receiveMessage(Duration.ofSeconds(10));
        if (!s.hasPlan()) {
          withoutPlan.add(s.droneId());
        }
      }
      if (withoutPlan.isEmpty()) {
        break;
      }
      probe.expectNoMessage(Duration.ofMillis(200));
    }
    assertEquals(List.of(), withoutPlan, "every drone flies a plan again");
  }

  /** droneId -> node address, asking every drone (retrying while shards move). */
  static Map<String, String> locations(ActorTestKit node, List<ActorRef<Drone.Command>> drones) {
    Map<String, String> out = new TreeMap<>();
    TestProbe<Drone.Status> probe = node.createTestProbe();
    for (int attempt = 0; attempt < 60 && out.size() < drones.size(); attempt++) {
      for (ActorRef<Drone.Command> d : drones) {
        d.tell(new Drone.GetStatus(probe.getRef()));
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (out.size() < drones.size() && System.nanoTime() < deadline) {
        try {
          Drone.Status s = probe.receiveMessage(Duration.ofMillis(200));
          out.put(s.droneId(), s.node());
        } catch (AssertionError timeout) {
          // not all answered yet: ask again
        }
      }
    }
    return out;
  }

  /** Waits until the shard coordinator knows {@code n} drone regions, so new shards spread over all nodes. */
  static void awaitRegions(ActorTestKit node, int n) {
    TestProbe<org.apache.pekko.cluster.sharding.ShardRegion.ClusterShardingStats> probe = node.createTestProbe();
    for (int i = 0; i < 100; i++) {
      org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding.get(node.system()).shardState().tell(
          new org.apache.pekko.cluster.sharding.typed.GetClusterShardingStats(FleetSharding.DRONE,
              Duration.ofSeconds(3), probe.getRef()));
      if (probe.receiveMessage(Duration.ofSeconds(10)).getRegions().size() >= n) {
        return;
      }
      probe.expectNoMessage(Duration.ofMillis(200));
    }
    throw new AssertionError("the shard coordinator did not see " + n + " drone regions");
  }

  static void awaitUp(int n) {
    for (int i = 0; i < 300; i++) {
      boolean all = true;
      for (ActorTestKit k : nodes) {
        long up = 0;
        for (org.apache.pekko.cluster.Member mem : Cluster.get(k.system()).state().getMembers()) {
          if (mem.status() == MemberStatus.up()) {
            up++;
          }
        }
        all &= up == n;
      }
      if (all) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError("cluster did not reach " + n + " up members in 30 s");
  }
}
