package org.swarmsense.agents.mission;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.swarmsense.agents.drone.Drone;
import org.swarmsense.agents.drone.DroneSetup;
import org.swarmsense.agents.planning.PlannerSpec;
import org.swarmsense.agents.sensor.Sensor;
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

/** A mission on pNEUMA (central Athens, 422 cells, 12 slots) planned by the actors. */
class MissionCoordinatorTest {
  static final ActorTestKit testKit = ActorTestKit.create(TestConfig.fast());
  static final AgentsSettings SETTINGS = AgentsSettings.create(testKit.system())
      .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60));
  static Mission mission;
  static MissionPlanner.Run inProcess;

  static final Path CELLS = SharedData.dir().resolve("missions").resolve("pneuma_grid.csv");
  static final String YAML = """
      name: agents-test
      cells: %s
      window: {startS: 0, endS: 3600, slotS: 300}
      drones: {count: 12, plansPerDrone: 12, batterySwapS: 120, maxCellsPerSortie: 8, localityM: 1000}
      coverageTarget: 2
      planner: {iterations: 30, repetitions: 2, cost: SQR, beta: 0.1, seed: 5}
      """;

  @BeforeAll
  static void planInProcess() {
    mission = MissionReader.parse(YAML.formatted(CELLS.toAbsolutePath()), true, CELLS.getParent(), "agents-test");
    inProcess = MissionPlanner.plan(mission, s -> {}).runs().get(0);
  }

  /** The mission's drones' energy model (the coordinator prices a re-plan's rest of a sortie with it). */
  private static org.swarmsense.epos.sensing.energy.EnergyModel energy() {
    return org.swarmsense.epos.sensing.energy.EnergyModel.of(mission.fleet().model());
  }

  @AfterAll
  static void cleanup() {
    testKit.shutdownTestKit();
  }

  private static List<ActorRef<Drone.Command>> spawnDrones(String prefix, SensingProblem p, AgentsSettings s) {
    List<ActorRef<Drone.Command>> drones = new ArrayList<>();
    for (int i = 0; i < inProcess.plans().size(); i++) {
      int base = PlanGenerator.baseOf(i, p.bases());
      DroneSetup setup = new DroneSetup(p.bx(base), p.by(base), mission.fleet().altitudeM(),
          mission.fleet().batterySwapS(), mission.fleet().model(), org.swarmsense.agents.alarm.Geofence.unbounded());
      drones.add(testKit.spawn(Drone.create(prefix + i, setup, s), prefix + i));
    }
    return drones;
  }

  @Test
  void theActorsSelectWhatTheInProcessPlannerSelectsAndDispatchIt() {
    SensingProblem p = inProcess.problem();
    PlannerSpec spec = PlannerSpec.of(mission.planner(), p);
    List<ActorRef<Drone.Command>> drones = spawnDrones("m1-drone-", p, SETTINGS);
    ActorRef<MissionCoordinator.Command> coordinator = testKit.spawn(
        MissionCoordinator.create(1, p, inProcess.plans(), energy(), spec, drones, List.of(), SETTINGS));
    TestProbe<MissionCoordinator.MissionPlanned> planned = testKit.createTestProbe();
    coordinator.tell(new MissionCoordinator.PlanMission(42, planned.getRef()));
    MissionCoordinator.MissionPlanned m = planned.receiveMessage(Duration.ofSeconds(60));
    assertEquals(42, m.requestId());
    assertEquals(12, m.proposed());
    assertEquals(30, m.globalCost().length);
    assertArrayEquals(inProcess.results().get(Strategy.I_EPOS).selection(), m.selected());
    assertEquals(12, m.dispatched());
    TestProbe<Drone.Status> status = testKit.createTestProbe();
    drones.get(0).tell(new Drone.GetStatus(status.getRef()));
    assertTrue(status.receiveMessage().hasPlan());
  }

  @Test
  void withCoverTheActorsStillSelectWhatTheInProcessPlannerSelects() {
    Mission cover = MissionReader.parse(YAML.formatted(CELLS.toAbsolutePath()).replace("cost: SQR", "cost: COVER"),
        true, CELLS.getParent(), "agents-test-cover");
    MissionPlanner.Run run = MissionPlanner.plan(cover, s -> {}).runs().get(0);
    SensingProblem p = run.problem();
    List<ActorRef<Drone.Command>> drones = spawnDrones("m5-drone-", p, SETTINGS);
    ActorRef<MissionCoordinator.Command> coordinator = testKit.spawn(MissionCoordinator.create(5, p, run.plans(),
        energy(), PlannerSpec.of(cover.planner(), p), drones, List.of(), SETTINGS));
    TestProbe<MissionCoordinator.MissionPlanned> planned = testKit.createTestProbe();
    coordinator.tell(new MissionCoordinator.PlanMission(43, planned.getRef()));
    MissionCoordinator.MissionPlanned m = planned.receiveMessage(Duration.ofSeconds(60));
    assertArrayEquals(run.results().get(Strategy.I_EPOS).selection(), m.selected());
    assertFalse(java.util.Arrays.equals(inProcess.results().get(Strategy.I_EPOS).selection(), m.selected()),
        "COVER selects otherwise than SQR here, so the match above is COVER's");
  }

  @Test
  void aDroneThatDoesNotProposeIsLeftOutAndThePlanningFinishes() {
    SensingProblem p = inProcess.problem();
    PlannerSpec spec = PlannerSpec.of(mission.planner(), p);
    List<ActorRef<Drone.Command>> drones = spawnDrones("m3-drone-", p, SETTINGS);
    testKit.stop(drones.get(3));
    ActorRef<MissionCoordinator.Command> coordinator = testKit.spawn(
        MissionCoordinator.create(3, p, inProcess.plans(), energy(), spec, drones, List.of(), SETTINGS));
    TestProbe<MissionCoordinator.MissionPlanned> planned = testKit.createTestProbe();
    coordinator.tell(new MissionCoordinator.PlanMission(9, planned.getRef()));
    MissionCoordinator.MissionPlanned m = planned.receiveMessage(Duration.ofSeconds(60));
    assertEquals(11, m.proposed());
    assertEquals(30, m.globalCost().length);
    assertEquals(-1, m.selected()[3]);
    for (int i = 0; i < m.selected().length; i++) {
      if (i != 3) {
        assertTrue(m.selected()[i] >= 0, "drone " + i + " selected " + m.selected()[i]);
      }
    }
    assertEquals(11, m.dispatched());
  }

  @Test
  void whenNoDroneProposesNoDroneGetsAPlan() {
    SensingProblem p = inProcess.problem();
    PlannerSpec spec = PlannerSpec.of(mission.planner(), p);
    List<ActorRef<Drone.Command>> drones = spawnDrones("m4-drone-", p, SETTINGS);
    drones.forEach(testKit::stop);
    ActorRef<MissionCoordinator.Command> coordinator = testKit.spawn(
        MissionCoordinator.create(4, p, inProcess.plans(), energy(), spec, drones, List.of(), SETTINGS));
    TestProbe<MissionCoordinator.MissionPlanned> planned = testKit.createTestProbe();
    coordinator.tell(new MissionCoordinator.PlanMission(10, planned.getRef()));
    MissionCoordinator.MissionPlanned m = planned.receiveMessage(Duration.ofSeconds(60));
    assertEquals(0, m.proposed());
    int[] leftOut = new int[drones.size()];
    java.util.Arrays.fill(leftOut, -1);
    assertArrayEquals(leftOut, m.selected(), "every drone left out, none handed plan 0");
    assertEquals(0, m.dispatched());
  }

  @Test
  void demandDriftTriggersARePlanOfTheRemainingSlots() {
    SensingProblem p = inProcess.problem();
    PlannerSpec spec = PlannerSpec.of(mission.planner(), p);
    List<ActorRef<Drone.Command>> drones = spawnDrones("m2-drone-", p, SETTINGS);
    // three sensors on the busiest cells of slot 0, seeing twice the forecast traffic
    List<Integer> busiest = new ArrayList<>();
    for (int c = 0; c < p.cells(); c++) {
      busiest.add(c);
    }
    busiest.sort((a, b) -> Double.compare(p.vehicleSeconds()[b * p.slots()], p.vehicleSeconds()[a * p.slots()]));
    List<ActorRef<Sensor.Command>> sensors = new ArrayList<>();
    for (int c : busiest.subList(0, 3)) {
      sensors.add(testKit.spawn(Sensor.create("m2-sensor-" + c, c,
          SlotTrafficSource.ofCell(p.vehicleSeconds(), p.slots(), c, p.slotS()).scaled(2), SETTINGS)));
    }
    // the forecast of these cells is a small fraction of a vehicle: for 2x to be beyond Poisson noise the
    // slot needs rounds r (one reading per sensor) with r F (2 - 1)^2 > z^2, F the three cells' forecast;
    // the sensors sample often enough for twice that within slot 0
    double forecast = 0;
    for (int c : busiest.subList(0, 3)) {
      forecast += p.vehicleSeconds()[c * p.slots()] / p.slotS();
    }
    double rounds = SETTINGS.replanNoiseZ() * SETTINGS.replanNoiseZ() / forecast;
    double intervalS = Math.min(SETTINGS.sensorSamplingInterval().toNanos() / 1e9, p.slotS() / (2 * rounds + 3));
    System.out.printf(java.util.Locale.ROOT, "2x sensors: forecast %.4f vehicles on 3 cells, %.0f rounds needed,"
        + " sampling every %.3f s of a %.0f s slot%n", forecast, rounds, intervalS, p.slotS());
    TestProbe<Sensor.SamplingReply> sampling = testKit.createTestProbe();
    for (ActorRef<Sensor.Command> sensor : sensors) {
      sensor.tell(new Sensor.SetSamplingInterval(intervalS, sampling.getRef()));
      sampling.expectMessageClass(Sensor.SamplingChanged.class);
    }
    ActorRef<MissionCoordinator.Command> coordinator = testKit.spawn(
        MissionCoordinator.create(2, p, inProcess.plans(), energy(), spec, drones, sensors, SETTINGS));
    TestProbe<MissionCoordinator.MissionPlanned> planned = testKit.createTestProbe();
    coordinator.tell(new MissionCoordinator.PlanMission(1, planned.getRef()));
    planned.receiveMessage(Duration.ofSeconds(60));
    TestProbe<MissionCoordinator.MissionStatus> status = testKit.createTestProbe();
    MissionCoordinator.MissionStatus s = null;
    for (int i = 0; i < 600; i++) {
      coordinator.tell(new MissionCoordinator.GetMissionStatus(status.getRef()));
      s = status.receiveMessage();
      if (s.plannings() >= 2 && s.phase() == MissionCoordinator.Phase.FLYING) {
        break;
      }
      status.expectNoMessage(Duration.ofMillis(50));
    }
    assertTrue(s.plannings() >= 2, "re-planned: " + s);
    assertEquals(2.0, s.lastDriftRatio(), 1e-9);
    MissionCoordinator.MissionPlanned replan = s.lastPlanning().orElseThrow();
    assertEquals(-1, replan.requestId());
    assertEquals(1, replan.planning());
  }
}
