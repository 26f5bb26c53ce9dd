package org.swarmsense.agents.mission;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.swarmsense.agents.drone.Drone;
import org.swarmsense.agents.drone.DroneSetup;
import org.swarmsense.agents.planning.PlannerSpec;
import org.swarmsense.agents.settings.AgentsSettings;
import org.swarmsense.agents.testing.TestConfig;
import org.swarmsense.epos.sensing.MissionPlanner;
import org.swarmsense.epos.sensing.Strategy;
import org.swarmsense.epos.sensing.mission.Mission;
import org.swarmsense.epos.sensing.mission.MissionReader;
import org.swarmsense.epos.sensing.plans.CandidatePlan;
import org.swarmsense.epos.sensing.plans.PlanGenerator;
import org.swarmsense.epos.sensing.plans.SensingProblem;
import org.swarmsense.maps.SharedData;

/**
 * The mission coordinator flying real devices (issue 16 part 2): plans go out through a {@link
 * DroneLink} (here one that records each call and answers as a device would: ok, or a refusal),
 * progress comes from the devices' state words, a silent drone is lost and its slots re-planned
 * among the others, and a resumed flight sends no acknowledged plan again. A 4-drone pNEUMA mission
 * (12 slots of 300 s) planned in process is the reference the selection is checked against.
 */
class MissionCoordinatorDevicesTest {
  static final ActorTestKit testKit = ActorTestKit.create(TestConfig.fast());
  static final AgentsSettings SETTINGS = AgentsSettings.create(testKit.system())
      .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60));
  /** No drone is lost by a slow machine in the tests that are not about losing one. */
  static final AgentsSettings PATIENT = SETTINGS.withLinkTimeout(Duration.ofSeconds(60));
  static Mission mission;
  static MissionPlanner.Run inProcess;

  /** What the link was asked to send. */
  record Sent(int drone, String planId, CandidatePlan plan, double missionTimeS) {}

  /** What the link was asked to end: drone {@code drone}'s flight, as the re-plan's {@code planId}. */
  record Ended(int drone, String planId) {}

  /** A link answering like devices do: every drone accepts except those {@code refuses} names. */
  static final class RecordingLink implements DroneLink {
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final List<Ended> ended = new CopyOnWriteArrayList<>();
    final Predicate<Integer> refuses;

    RecordingLink(Predicate<Integer> refuses) {
      this.refuses = refuses;
    }

    @Override
    public CompletableFuture<Optional<String>> sendPlan(int drone, String planId, CandidatePlan plan,
        double missionTimeS) {
      sent.add(new Sent(drone, planId, plan, missionTimeS));
      return CompletableFuture.completedFuture(refuses.test(drone) ? Optional.of("battery_low") : Optional.empty());
    }

    @Override
    public CompletableFuture<Optional<String>> endFlight(int drone, String planId) {
      ended.add(new Ended(drone, planId));
      return CompletableFuture.completedFuture(refuses.test(drone) ? Optional.of("battery_low") : Optional.empty());
    }
  }

  @BeforeAll
  static void planInProcess() {
    Path cells = SharedData.dir().resolve("missions").resolve("pneuma_grid.csv");
    String yaml = """
        name: devices-test
        cells: %s
        window: {startS: 0, endS: 3600, slotS: 300}
        drones: {count: 4, plansPerDrone: 6, batterySwapS: 120, maxCellsPerSortie: 8, localityM: 1000}
        coverageTarget: 2
        planner: {iterations: 10, repetitions: 1, cost: SQR, beta: 0.1, seed: 7}
        """.formatted(cells.toAbsolutePath());
    mission = MissionReader.parse(yaml, true, cells.getParent(), "devices-test");
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

  private static List<ActorRef<Drone.Command>> drones(String prefix) {
    SensingProblem p = inProcess.problem();
    List<ActorRef<Drone.Command>> out = new ArrayList<>();
    for (int i = 0; i < inProcess.plans().size(); i++) {
      int base = PlanGenerator.baseOf(i, p.bases());
      DroneSetup setup = new DroneSetup(p.bx(base), p.by(base), mission.fleet().altitudeM(),
          mission.fleet().batterySwapS(), mission.fleet().model(), org.swarmsense.agents.alarm.Geofence.unbounded());
      out.add(testKit.spawn(Drone.create(prefix + i, setup, SETTINGS), prefix + i));
    }
    return out;
  }

  private static List<String> ids(String prefix) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < inProcess.plans().size(); i++) {
      out.add(prefix + i);
    }
    return out;
  }

  private static ActorRef<MissionCoordinator.Command> coordinator(long id, List<ActorRef<Drone.Command>> drones,
      DeviceFlight flight) {
    return coordinator(id, drones, flight, PATIENT);
  }

  private static ActorRef<MissionCoordinator.Command> coordinator(long id, List<ActorRef<Drone.Command>> drones,
      DeviceFlight flight, AgentsSettings settings) {
    return coordinator(id, drones, flight, settings, inProcess.plans());
  }

  private static ActorRef<MissionCoordinator.Command> coordinator(long id, List<ActorRef<Drone.Command>> drones,
      DeviceFlight flight, AgentsSettings settings, List<List<CandidatePlan>> candidates) {
    SensingProblem p = inProcess.problem();
    return testKit.spawn(MissionCoordinator.createForDevices(id, p, candidates, energy(),
        PlannerSpec.of(mission.planner(), p), drones, settings, flight));
  }

  /**
   * The in-process candidates cut to slot 0: the sorties taking off in it with their stops in it, and
   * its hover entries (energy that of the sorties kept, cost unchanged): a re-plan from slot 1 on leaves every drone nothing.
   */
  private static List<List<CandidatePlan>> slotZeroOnly() {
    SensingProblem p = inProcess.problem();
    List<List<CandidatePlan>> out = new ArrayList<>();
    for (List<CandidatePlan> plans : inProcess.plans()) {
      List<CandidatePlan> cut = new ArrayList<>();
      for (CandidatePlan c : plans) {
        List<CandidatePlan.Sortie> sorties = c.sorties().stream().filter(s -> s.takeOffS() < p.slotS())
            .map(s -> slotZeroOnly(s, p.slotS())).toList();
        List<Integer> kept = new ArrayList<>();
        for (int k = 0; k < c.nonZeros(); k++) {
          if (c.indexAt(k) % p.slots() == 0) {
            kept.add(k);
          }
        }
        cut.add(new CandidatePlan(c.drone(), c.index(), c.base(),
            kept.stream().mapToInt(c::indexAt).toArray(), kept.stream().mapToDouble(c::hoverAt).toArray(),
            sorties.stream().mapToDouble(CandidatePlan.Sortie::energyJ).sum(), c.cost(), sorties));
      }
      out.add(List.copyOf(cut));
    }
    return out;
  }

  /**
   * Each in-process candidate k of a drone twice: as planned (index 2k) and cut to slot 0 (index 2k + 1,
   * {@link #slotZeroOnly()}): a re-plan from slot 1 on can always leave a drone nothing, whichever it flies.
   */
  private static List<List<CandidatePlan>> slotZeroTwins() {
    List<List<CandidatePlan>> cut = slotZeroOnly();
    List<List<CandidatePlan>> out = new ArrayList<>();
    for (int d = 0; d < cut.size(); d++) {
      List<CandidatePlan> twins = new ArrayList<>();
      for (int k = 0; k < cut.get(d).size(); k++) {
        for (CandidatePlan c : List.of(inProcess.plans().get(d).get(k), cut.get(d).get(k))) {
          twins.add(new CandidatePlan(c.drone(), twins.size(), c.base(), c.indices(), c.hoverS(), c.energyJ(), c.cost(),
              c.sorties()));
        }
      }
      out.add(List.copyOf(twins));
    }
    return out;
  }

  /** {@code s} with its stops cut to slot 0 (a stop across the slot's end ends there; later stops dropped). */
  private static CandidatePlan.Sortie slotZeroOnly(CandidatePlan.Sortie s, double slotS) {
    List<CandidatePlan.Stop> stops = s.stops().stream().filter(st -> st.startS() < slotS)
        .map(st -> new CandidatePlan.Stop(st.cell(), st.xM(), st.yM(), st.startS(),
            Math.min(st.durationS(), slotS - st.startS())))
        .toList();
    return new CandidatePlan.Sortie(s.path(), stops, s.takeOffS(), s.energyJ());
  }

  /**
   * Everything {@code plan} does is in slot 1 or later: every hover entry, every stop's start, and the
   * take-off of each sortie that is not the rest of a flight already in the air.
   */
  private static boolean aheadFromSlotOne(CandidatePlan plan) {
    SensingProblem p = inProcess.problem();
    for (int k = 0; k < plan.nonZeros(); k++) {
      if (plan.indexAt(k) % p.slots() < 1) {
        return false;
      }
    }
    return plan.sorties().stream().allMatch(s -> (s.airborne() || s.takeOffS() >= p.slotS())
        && s.stops().stream().allMatch(st -> st.startS() >= p.slotS()));
  }

  /** The forecast's busiest cell in slot 0 (the re-plan trigger compares counts with the forecast). */
  private static int busiestCellOfSlotZero() {
    SensingProblem p = inProcess.problem();
    int busiest = 0;
    for (int i = 0; i < p.cells(); i++) {
      if (p.vehicleSeconds()[i * p.slots()] > p.vehicleSeconds()[busiest * p.slots()]) {
        busiest = i;
      }
    }
    return busiest;
  }

  /**
   * How many readings of a cell whose forecast is {@code forecastVehicles} a drift to {@code factor} x
   * the forecast needs before the trigger's noise rule lets it fire: n f |factor - 1| > z sqrt(n f),
   * i.e. n > z^2 / (f (factor - 1)^2); at least the trigger's minimum readings.
   */
  private static int readingsBeyondNoise(double forecastVehicles, double factor) {
    double z = PATIENT.replanNoiseZ();
    double n = z * z / (forecastVehicles * (factor - 1) * (factor - 1));
    return Math.max(PATIENT.replanMinReadings(), (int) Math.floor(n) + 1);
  }

  private static MissionCoordinator.MissionStatus status(ActorRef<MissionCoordinator.Command> c) {
    TestProbe<MissionCoordinator.MissionStatus> probe = testKit.createTestProbe();
    c.tell(new MissionCoordinator.GetMissionStatus(probe.getRef()));
    return probe.receiveMessage();
  }

  @Test
  void selectedPlansGoToTheDevicesAndTheAnswerCountsTheirReplies() {
    RecordingLink link = new RecordingLink(d -> d == 2);
    List<MissionCoordinator.MissionStatus> heard = new CopyOnWriteArrayList<>();
    ActorRef<MissionCoordinator.Command> c = coordinator(11, drones("a-"), DeviceFlight.fresh(ids("a-"), link,
        heard::add));
    TestProbe<MissionCoordinator.MissionPlanned> planned = testKit.createTestProbe();
    c.tell(new MissionCoordinator.PlanMission(5, planned.getRef()));
    MissionCoordinator.MissionPlanned m = planned.receiveMessage(Duration.ofSeconds(60));
    int[] selection = inProcess.results().get(Strategy.I_EPOS).selection();
    assertArrayEquals(selection, m.selected());
    assertEquals(3, m.dispatched(), "drone 2 refused: " + m);
    assertEquals(4, link.sent.size(), link.sent.toString());
    for (Sent s : link.sent) {
      assertEquals("m11-p0-d" + s.drone(), s.planId());
      assertSame(inProcess.plans().get(s.drone()).get(selection[s.drone()]), s.plan(), "drone " + s.drone());
    }
    MissionCoordinator.MissionStatus st = status(c);
    assertEquals(List.of(FlightStage.ACCEPTED, FlightStage.ACCEPTED, FlightStage.REFUSED, FlightStage.ACCEPTED),
        st.drones().stream().map(DroneProgress::stage).toList());
    assertEquals("battery_low", st.drones().get(2).reason());
    assertTrue(heard.stream().anyMatch(h -> h.drones().get(0).stage() == FlightStage.ACCEPTED), "progress heard");
  }

  @Test
  void telemetryTakesEachDroneToDoneAndTheMissionToCompleted() {
    RecordingLink link = new RecordingLink(d -> false);
    ActorRef<MissionCoordinator.Command> c = coordinator(12, drones("b-"), DeviceFlight.fresh(ids("b-"), link,
        s -> {}));
    TestProbe<MissionCoordinator.MissionPlanned> planned = testKit.createTestProbe();
    c.tell(new MissionCoordinator.PlanMission(1, planned.getRef()));
    planned.receiveMessage(Duration.ofSeconds(60));
    // "landed" before take-off is not done: only landing after flying is
    for (int i = 0; i < 4; i++) {
      c.tell(new MissionCoordinator.ObserveDevice("b-" + i, "landed"));
    }
    assertEquals(MissionCoordinator.Phase.FLYING, status(c).phase());
    for (int i = 0; i < 4; i++) {
      c.tell(new MissionCoordinator.ObserveDevice("b-" + i, "flying"));
    }
    MissionCoordinator.MissionStatus mid = status(c);
    assertEquals(4, mid.airborne());
    assertTrue(mid.drones().stream().allMatch(d -> d.stage() == FlightStage.FLYING), mid.toString());
    for (int i = 0; i < 3; i++) {
      c.tell(new MissionCoordinator.ObserveDevice("b-" + i, "landed"));
    }
    assertEquals(MissionCoordinator.Phase.FLYING, status(c).phase(), "one drone still flying");
    c.tell(new MissionCoordinator.ObserveDevice("b-3", "landed"));
    MissionCoordinator.MissionStatus end = status(c);
    assertEquals(MissionCoordinator.Phase.COMPLETED, end.phase());
    assertTrue(end.drones().stream().allMatch(d -> d.stage() == FlightStage.DONE), end.toString());
  }

  @Test
  void aDroneThatDoesNotProposeIsLeftOutAndGetsNothing() {
    RecordingLink link = new RecordingLink(d -> false);
    List<ActorRef<Drone.Command>> drones = drones("c-");
    testKit.stop(drones.get(1));
    ActorRef<MissionCoordinator.Command> c = coordinator(13, drones, DeviceFlight.fresh(ids("c-"), link, s -> {}));
    TestProbe<MissionCoordinator.MissionPlanned> planned = testKit.createTestProbe();
    c.tell(new MissionCoordinator.PlanMission(1, planned.getRef()));
    MissionCoordinator.MissionPlanned m = planned.receiveMessage(Duration.ofSeconds(60));
    assertEquals(-1, m.selected()[1]);
    assertEquals(3, m.dispatched());
    assertTrue(link.sent.stream().noneMatch(s -> s.drone() == 1), link.sent.toString());
    assertEquals(FlightStage.LEFT_OUT, status(c).drones().get(1).stage());
  }

  @Test
  void aSilentDroneIsLostAndTheRemainingSlotsAreReplannedAmongTheOthers() throws Exception {
    RecordingLink link = new RecordingLink(d -> false);
    ActorRef<MissionCoordinator.Command> c = coordinator(14, drones("d-"), DeviceFlight.fresh(ids("d-"), link,
        s -> {}), SETTINGS); // link timeout 300 ms
    TestProbe<MissionCoordinator.MissionPlanned> planned = testKit.createTestProbe();
    c.tell(new MissionCoordinator.PlanMission(1, planned.getRef()));
    planned.receiveMessage(Duration.ofSeconds(60));
    MissionCoordinator.MissionStatus s = null;
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < end) {
      for (int i : new int[] {0, 1, 3}) { // drone 2 says nothing after its plan (link timeout 300 ms)
        c.tell(new MissionCoordinator.ObserveDevice("d-" + i, "flying"));
      }
      s = status(c);
      if (s.plannings() >= 2 && link.sent.stream().anyMatch(x -> x.planId().contains("-p1-"))) {
        break;
      }
      Thread.sleep(50);
    }
    assertEquals(FlightStage.LOST, s.drones().get(2).stage(), s.toString());
    assertEquals(2, s.plannings(), s.toString());
    List<Sent> replanned = link.sent.stream().filter(x -> x.planId().startsWith("m14-p1-")).toList();
    assertTrue(!replanned.isEmpty(), "new plans sent: " + link.sent);
    assertTrue(replanned.stream().noneMatch(x -> x.drone() == 2), "nothing sent to the lost drone: " + replanned);
    for (Sent x : replanned) {
      assertTrue(aheadFromSlotOne(x.plan()), "re-planned plans start at slot 1 or later: " + x);
    }
  }

  @Test
  void aDeviceCountFarAboveTheForecastReplansTheRemainingSlotsOnceAndSaysWhy() throws Exception {
    RecordingLink link = new RecordingLink(d -> false);
    ActorRef<MissionCoordinator.Command> c = coordinator(16, drones("f-"), DeviceFlight.fresh(ids("f-"), link,
        s -> {}));
    SensingProblem p = inProcess.problem();
    int busiest = 0; // the busiest cell of slot 0 by the forecast (the trigger compares with the forecast)
    for (int i = 0; i < p.cells(); i++) {
      if (p.vehicleSeconds()[i * p.slots()] > p.vehicleSeconds()[busiest * p.slots()]) {
        busiest = i;
      }
    }
    final int cell = busiest;
    double forecastVehicles = p.vehicleSeconds()[cell * p.slots()] / p.slotS();
    assertTrue(forecastVehicles > 0, "the pNEUMA forecast has traffic in slot 0");
    c.tell(new MissionCoordinator.ObserveDeviceTraffic("f-0", cell, 100, 1)); // before any dispatch: no mission time
    TestProbe<MissionCoordinator.MissionPlanned> planned = testKit.createTestProbe();
    c.tell(new MissionCoordinator.PlanMission(1, planned.getRef()));
    planned.receiveMessage(Duration.ofSeconds(60));
    assertEquals(1, status(c).plannings(), "a count before the first dispatch does not re-plan");
    double seen = forecastVehicles * 4; // 4x the forecast: far over the 30 % threshold
    // the busiest cell's forecast is small (a fraction of a vehicle): enough readings that 4x is beyond noise
    int readings = readingsBeyondNoise(forecastVehicles, 4);
    System.out.printf(java.util.Locale.ROOT, "4x device counts: forecast %.3f vehicles on cell %d, %d readings%n",
        forecastVehicles, cell, readings);
    MissionCoordinator.MissionStatus s = null;
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (int k = 0; System.nanoTime() < end; k++) {
      for (int i = 0; k == 0 && i < readings + 10; i++) {
        c.tell(new MissionCoordinator.ObserveDeviceTraffic("f-" + (i % 4), cell, seen, 1));
      }
      s = status(c);
      if (s.plannings() >= 2 && s.phase() == MissionCoordinator.Phase.FLYING
          && link.sent.stream().anyMatch(x -> x.planId().startsWith("m16-p1-"))) {
        break;
      }
      Thread.sleep(50);
    }
    assertEquals(2, s.plannings(), "one re-plan for slot 0, however many counts followed: " + s);
    assertEquals(1, s.replanReasons().size(), s.toString());
    assertTrue(s.replanReasons().get(0).startsWith("demand 4.") && s.replanReasons().get(0).endsWith("in slot 0"),
        s.replanReasons().toString());
    assertEquals(4.0, s.lastDriftRatio(), 0.5, s.toString());
    List<Sent> replanned = link.sent.stream().filter(x -> x.planId().startsWith("m16-p1-")).toList();
    for (Sent x : replanned) {
      assertTrue(aheadFromSlotOne(x.plan()), "re-planned plans start at slot 1 or later: " + x);
    }
    for (int k = 0; k < 20; k++) {
      c.tell(new MissionCoordinator.ObserveDeviceTraffic("f-1", cell, seen * 10, 1));
    }
    Thread.sleep(300);
    assertEquals(2, status(c).plannings(), "the trigger fires once per slot: no re-plan storm");
    assertThrows(IllegalArgumentException.class,
        () -> new MissionCoordinator.ObserveDeviceTraffic("f-1", cell, Double.NaN, 1));
    assertThrows(IllegalArgumentException.class, () -> new MissionCoordinator.ObserveTraffic(-1, 0, 1));
  }

  /**
   * Demand far below the forecast (no vehicle where the forecast has the most) re-plans slots 1.. with
   * the goal scaled to nothing. Every drone's candidates fly in slot 0 only: each flies home by its own
   * plan, which has nothing left either, so the re-plan sends it nothing (an end-of-flight command would
   * cut its slot-0 hover short), and neither a drone nor the mission is done until the drone has landed.
   */
  @Test
  void aReplanLeavingNothingToDronesWhosePlansHaveNothingLeftSendsNothingAndTheyLandByTheirPlans()
      throws Exception {
    RecordingLink link = new RecordingLink(d -> false);
    ActorRef<MissionCoordinator.Command> c = coordinator(17, drones("g-"), DeviceFlight.fresh(ids("g-"), link,
        s -> {}), PATIENT, slotZeroOnly());
    MissionCoordinator.MissionStatus s = replanToNothing(c, link, "g-");
    assertEquals(List.of("m17-p0-d0", "m17-p0-d1", "m17-p0-d2", "m17-p0-d3"),
        s.drones().stream().map(DroneProgress::planId).toList(), "each flies on with its first plan");
    assertTrue(s.drones().stream().allMatch(d -> d.stage() == FlightStage.FLYING), s.toString());
    assertEquals(List.of(), link.ended, "no drone is told to end its flight");
    assertEquals(4, link.sent.size(), "no plan is sent in the re-plan: " + link.sent);
    landOneByOne(c, "g-");
  }

  /**
   * The same re-plan when each candidate also comes cut to slot 0 ({@link #slotZeroTwins()}): a drone
   * whose plan still flies after slot 0 is told to end its flight, one whose plan does not is sent
   * nothing; the mission is done only once they landed.
   */
  @Test
  void aReplanThatLeavesDronesNothingEndsTheFlightsThatHadMoreAndTheMissionIsDoneOnlyOnceTheyLanded()
      throws Exception {
    RecordingLink link = new RecordingLink(d -> false);
    List<List<CandidatePlan>> twins = slotZeroTwins();
    ActorRef<MissionCoordinator.Command> c = coordinator(18, drones("t-"), DeviceFlight.fresh(ids("t-"), link,
        s -> {}), PATIENT, twins);
    MissionCoordinator.MissionStatus s = replanToNothing(c, link, "t-");
    SensingProblem p = inProcess.problem();
    List<Ended> expected = new ArrayList<>();
    for (Sent first : link.sent.subList(0, 4)) {
      boolean more = !RemainingPlans.fromSlot(first.plan(), 1, p.slots(), p.slotS(), energy()).sorties().isEmpty();
      System.out.printf(java.util.Locale.ROOT, "drone %d flies candidate %d: %s after slot 0%n", first.drone(),
          first.plan().index(), more ? "more" : "nothing");
      if (more) {
        expected.add(new Ended(first.drone(), "m18-p1-d" + first.drone()));
      }
    }
    assertFalse(expected.isEmpty(), "the first planning chose some plans that fly after slot 0: " + link.sent);
    assertEquals(expected, link.ended.stream().sorted(java.util.Comparator.comparingInt(Ended::drone)).toList(),
        "exactly the drones whose plans had more are told to end their flights");
    assertEquals(4, link.sent.size(), "no (empty) plan is sent in the re-plan: " + link.sent);
    for (DroneProgress d : s.drones()) { // told to end its flight: its command is taken, it has not flown it yet
      assertEquals(expected.stream().anyMatch(e -> e.drone() == d.index()) ? FlightStage.ACCEPTED : FlightStage.FLYING,
          d.stage(), d.toString());
    }
    landOneByOne(c, "t-");
  }

  /** Flies the first plans and counts no vehicle where slot 0's forecast has the most: the re-plan's status. */
  private MissionCoordinator.MissionStatus replanToNothing(ActorRef<MissionCoordinator.Command> c, RecordingLink link,
      String prefix) throws Exception {
    TestProbe<MissionCoordinator.MissionPlanned> planned = testKit.createTestProbe();
    c.tell(new MissionCoordinator.PlanMission(1, planned.getRef()));
    planned.receiveMessage(Duration.ofSeconds(60));
    assertEquals(4, link.sent.size(), "first plans: " + link.sent);
    assertTrue(link.ended.isEmpty(), link.ended.toString());
    for (int i = 0; i < 4; i++) {
      c.tell(new MissionCoordinator.ObserveDevice(prefix + i, "flying"));
    }
    int cell = busiestCellOfSlotZero();
    SensingProblem p = inProcess.problem();
    double forecastVehicles = p.vehicleSeconds()[cell * p.slots()] / p.slotS();
    // 0 seen: beyond noise only once the forecast total exceeds z^2 (6.7 vehicles)
    int readings = readingsBeyondNoise(forecastVehicles, 0);
    System.out.printf(java.util.Locale.ROOT, "no-vehicle device counts: forecast %.3f vehicles on cell %d, %d readings%n",
        forecastVehicles, cell, readings);
    MissionCoordinator.MissionStatus s = null;
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (int k = 0; System.nanoTime() < end; k++) {
      for (int i = 0; k == 0 && i < readings + 10; i++) {
        c.tell(new MissionCoordinator.ObserveDeviceTraffic(prefix + (i % 4), cell, 0, 1));
      }
      s = status(c);
      if (s.plannings() >= 2 && s.phase() != MissionCoordinator.Phase.PROPOSING
          && s.phase() != MissionCoordinator.Phase.PLANNING
          && s.drones().stream().noneMatch(d -> d.stage() == FlightStage.SENT)) {
        break;
      }
      Thread.sleep(50);
    }
    assertEquals(2, s.plannings(), s.toString());
    assertEquals(List.of("demand 0.00 x the forecast in slot 0"), s.replanReasons());
    assertEquals(MissionCoordinator.Phase.FLYING, s.phase(), "not done while the drones are out: " + s);
    return s;
  }

  /** Drones 0-2 fly back and land, then drone 3: the mission completes only with the last landing. */
  private void landOneByOne(ActorRef<MissionCoordinator.Command> c, String prefix) {
    MissionCoordinator.MissionStatus s;
    for (int i = 0; i < 3; i++) { // drones 0-2 fly back and land; drone 3 has not said anything yet
      c.tell(new MissionCoordinator.ObserveDevice(prefix + i, "transit"));
      assertEquals(FlightStage.FLYING, status(c).drones().get(i).stage());
      c.tell(new MissionCoordinator.ObserveDevice(prefix + i, "landed"));
    }
    FlightStage last = status(c).drones().get(3).stage();
    s = status(c);
    assertEquals(List.of(FlightStage.DONE, FlightStage.DONE, FlightStage.DONE, last),
        s.drones().stream().map(DroneProgress::stage).toList());
    assertTrue(!last.finished(), "drone 3 is still out: " + last);
    assertEquals(MissionCoordinator.Phase.FLYING, s.phase(), "drone 3 has not landed: " + s);
    c.tell(new MissionCoordinator.ObserveDevice(prefix + 3, "landed")); // it was on the ground between sorties
    s = status(c);
    assertEquals(MissionCoordinator.Phase.COMPLETED, s.phase(), s.toString());
    assertTrue(s.drones().stream().allMatch(d -> d.stage() == FlightStage.DONE), s.toString());
  }

  @Test
  void aResumedFlightSendsAgainOnlyThePlanWhoseAnswerWasNotRecorded() {
    RecordingLink link = new RecordingLink(d -> false);
    List<DroneProgress> before = List.of(
        new DroneProgress(0, "e-0", FlightStage.ACCEPTED, 0, 0, "m15-p0-d0", "", "idle"),
        new DroneProgress(1, "e-1", FlightStage.FLYING, 1, 0, "m15-p0-d1", "", "flying"),
        new DroneProgress(2, "e-2", FlightStage.SENT, 2, 0, "m15-p0-d2", "", ""),
        new DroneProgress(3, "e-3", FlightStage.DONE, 0, 0, "m15-p0-d3", "", "landed"));
    ActorRef<MissionCoordinator.Command> c = coordinator(15, drones("e-"), new DeviceFlight(ids("e-"), link,
        s -> {}, Optional.of(before), 1, 420));
    MissionCoordinator.MissionStatus s = status(c);
    assertEquals(MissionCoordinator.Phase.FLYING, s.phase());
    assertEquals(1, s.plannings());
    assertTrue(s.missionTimeS() >= 420, s.toString());
    assertEquals(1, link.sent.size(), "only the unanswered plan is sent again: " + link.sent);
    Sent again = link.sent.get(0);
    assertEquals(2, again.drone());
    assertEquals("m15-p0-d2", again.planId(), "same plan id: the device can tell it is the same plan");
    assertSame(inProcess.plans().get(2).get(2), again.plan());
    for (int i = 0; i < 100 && s.drones().get(2).stage() == FlightStage.SENT; i++) {
      s = status(c); // the link's answer comes back to the coordinator as a message of its own
    }
    assertEquals(FlightStage.ACCEPTED, s.drones().get(2).stage());
    c.tell(new MissionCoordinator.ObserveDevice("e-1", "landed"));
    assertEquals(FlightStage.DONE, status(c).drones().get(1).stage());
  }

  /**
   * A simulated fleet that flies its plans 100 x faster than the wall clock: the coordinator's mission
   * time (its slots, the counts it judges, the time re-planned plans start from) runs as fast.
   */
  @Test
  void aFleetFlownFasterThanTheWallClockRunsTheMissionClockAsFast() throws Exception {
    RecordingLink link = new RecordingLink(d -> false);
    ActorRef<MissionCoordinator.Command> c = coordinator(18, drones("h-"),
        DeviceFlight.fresh(ids("h-"), link, s -> {}).withClockFactor(100), PATIENT);
    TestProbe<MissionCoordinator.MissionPlanned> planned = testKit.createTestProbe();
    c.tell(new MissionCoordinator.PlanMission(1, planned.getRef()));
    planned.receiveMessage(Duration.ofSeconds(60));
    long t0 = System.nanoTime(); // after the first dispatch, where the mission clock starts
    Thread.sleep(300);
    double wallS = (System.nanoTime() - t0) / 1e9;
    double missionS = status(c).missionTimeS();
    assertTrue(missionS >= 100 * wallS, "mission time " + missionS + " s after " + wallS + " s of wall clock");
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> DeviceFlight.fresh(ids("h-"), link, s -> {}).withClockFactor(0));
    assertEquals("device flight: clockFactor must be finite and > 0, was 0.0", e.getMessage());
  }
}
