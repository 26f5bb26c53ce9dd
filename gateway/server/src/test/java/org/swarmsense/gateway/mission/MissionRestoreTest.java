package org.swarmsense.gateway.mission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.agents.mission.DroneProgress;
import org.swarmsense.agents.mission.FlightStage;
import org.swarmsense.agents.mission.MissionCoordinator;
import org.swarmsense.epos.sensing.MissionPlanner.Result;
import org.swarmsense.epos.sensing.Strategy;
import org.swarmsense.gateway.persistence.GatewayStore;
import org.swarmsense.gateway.persistence.MissionJournal;
import org.swarmsense.gateway.persistence.MissionRecord;
import org.swarmsense.gateway.persistence.PersistenceSettings;
import org.swarmsense.maps.SharedData;

/**
 * Issue 18 for missions, without a process kill (the field test {@code RestartAfterKillTest} does
 * that): a desk keeps its missions in a real H2 journal (snapshots every 3 events); a second desk on
 * the reopened journal answers every mission as before, plans again a mission whose planning was
 * interrupted, fails with a clear reason a mission caught while its drones were planning, and
 * re-attaches a running mission's drones through the flight with their kept progress (the flight is
 * asked to resume, never to fly again: no plan dispatched twice).
 */
class MissionRestoreTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FLEET = "monaco";
  private static final Path TRACE = SharedData.file("traces/monaco-sumo-fcd-300s.xml.gz");
  private static final String MISSION = "{\"name\":\"kept\",\"area\":{\"bbox\":[7.415,43.728,7.432,43.742]},"
      + "\"cellSizeM\":250,\"window\":{\"startS\":0,\"endS\":300,\"slotS\":60},\"drones\":{\"count\":2,"
      + "\"plansPerDrone\":4},\"planner\":{\"iterations\":5,\"seed\":3}}";

  /** A flight that records what it is asked (the real one is checked in FleetCoordinationTest). */
  static final class RecordingFlight implements MissionFlight {
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile List<DroneProgress> resumed;
    volatile Consumer<MissionCoordinator.MissionStatus> progress;

    @Override
    public Flight fly(String fleet, String missionId, Result result, Consumer<MissionCoordinator.MissionStatus> p) {
      calls.add("fly " + missionId);
      int[] selection = result.runs().get(0).results().get(Strategy.I_EPOS).selection();
      List<DroneProgress> drones = List.of(
          new DroneProgress(0, "d0", FlightStage.ACCEPTED, selection[0], 0, missionId + "-p0-d0", "", ""),
          new DroneProgress(1, "d1", FlightStage.SENT, selection[1], 0, missionId + "-p0-d1", "", ""));
      p.accept(status(drones, MissionCoordinator.Phase.FLYING));
      return new Flight(JSON.createObjectNode(), JSON.createObjectNode(), List.of("d0", "d1"));
    }

    @Override
    public void resume(String fleet, String missionId, Result result, List<String> droneIds,
        List<DroneProgress> drones, int plannings, double missionTimeS, Consumer<MissionCoordinator.MissionStatus> p) {
      calls.add("resume " + missionId + " " + droneIds + " plannings " + plannings);
      progress = p;
      resumed = drones;
    }
  }

  static MissionCoordinator.MissionStatus status(List<DroneProgress> drones, MissionCoordinator.Phase phase) {
    return new MissionCoordinator.MissionStatus(phase, 1, 1, 0, 0, 0, java.util.Optional.empty(), drones, 12,
        java.util.List.of());
  }

  static MissionDesk desk(ExecutorService pool) {
    return new MissionDesk((f, e) -> { }, new SensingMissionPlanner(), pool, new DeploymentDefaults(TRACE),
        TRACE.getParent());
  }

  static JsonNode await(MissionDesk desk, String id, String state) throws InterruptedException {
    JsonNode s = desk.status(FLEET, id);
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!s.path("state").asText().equals(state) && System.nanoTime() < end) {
      Thread.sleep(50);
      s = desk.status(FLEET, id);
    }
    assertEquals(state, s.path("state").asText(), s.toString());
    return s;
  }

  /** The mission as the desk completes it (the trace added), for records written as a kill leaves them. */
  static String completed() throws Exception {
    return new DeploymentDefaults(TRACE).apply((ObjectNode) JSON.readTree(MISSION)).toString();
  }

  @Test
  void missionsAnswerAsBeforeAfterTheJournalIsReopened(@TempDir Path dir) throws Exception {
    PersistenceSettings settings = PersistenceSettings.fromConfig(ConfigFactory.load(), Map.of()).withDataDir(dir)
        .withSnapshotEvery(3).withMinFreeBytes(0);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    JsonNode m1Before;
    JsonNode m1Report;
    JsonNode m2Before;
    try (GatewayStore store = GatewayStore.open(settings, ConfigFactory.load())) {
      MissionDesk desk = desk(pool);
      desk.flyWith(new RecordingFlight());
      assertEquals(new MissionDesk.Restored(0, 0, 0, 0), desk.keepIn(new MissionJournal(store)));
      String m1 = desk.submit(FLEET, MISSION).path("id").asText();
      await(desk, m1, "planned");
      desk.run(FLEET, m1);
      m1Report = desk.report(FLEET, m1);
      String m2 = desk.submit(FLEET, MISSION).path("id").asText();
      await(desk, m2, "planned");
      m1Before = desk.status(FLEET, m1);
      m2Before = desk.status(FLEET, m2);
      assertEquals("running", m1Before.path("state").asText(), m1Before.toString());
      // m3 caught planning and m4 caught while its drones planned, written as a kill leaves them
      MissionJournal j = new MissionJournal(store);
      j.record(FLEET, "m3", new MissionRecord.Submitted(FLEET, "m3", 3, completed(), 1));
      j.record(FLEET, "m4", new MissionRecord.Submitted(FLEET, "m4", 4, completed(), 1));
      j.record(FLEET, "m4", new MissionRecord.Planned(m1Report.toString(), "{\"type\":\"FeatureCollection\"}", 2));
      j.record(FLEET, "m4", new MissionRecord.Flying(3));
    }
    try (GatewayStore store = GatewayStore.open(settings, ConfigFactory.load())) {
      MissionDesk desk = desk(pool);
      RecordingFlight flight = new RecordingFlight();
      desk.flyWith(flight);
      MissionDesk.Restored restored = desk.keepIn(new MissionJournal(store));
      System.out.println("restored: " + restored);
      assertEquals(new MissionDesk.Restored(4, 1, 1, 1), restored);
      assertEquals(m1Before, desk.status(FLEET, "m1"), "a running mission answers as before");
      assertEquals(m2Before, desk.status(FLEET, "m2"));
      // as the HTTP API serves it (numbers read back from text are other node types of the same value)
      assertTrue(m1Report.toString().equals(desk.report(FLEET, "m1").toString()), "its report is the kept one");
      await(desk, "m3", "planned"); // planning interrupted by the kill: planned again
      JsonNode m4 = desk.status(FLEET, "m4");
      assertEquals("failed", m4.path("state").asText(), m4.toString());
      assertTrue(m4.path("error").asText().contains("restarted while the fleet's drones were planning"), m4.toString());
      long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (flight.resumed == null && System.nanoTime() < end) {
        Thread.sleep(50);
      }
      assertEquals(List.of("resume m1 [d0, d1] plannings 1"), flight.calls, "re-attached, not flown again");
      assertEquals(List.of(FlightStage.ACCEPTED, FlightStage.SENT),
          flight.resumed.stream().map(DroneProgress::stage).toList());
      // the coordinator's news after the restart completes the mission, and is kept
      flight.progress.accept(status(List.of(flight.resumed.get(0).at(FlightStage.DONE, ""),
          flight.resumed.get(1).at(FlightStage.DONE, "")), MissionCoordinator.Phase.COMPLETED));
      assertEquals("done", desk.status(FLEET, "m1").path("state").asText());
      assertEquals("m5", desk.submit(FLEET, MISSION).path("id").asText(), "ids continue after the kept ones");
      assertEquals("DONE", new MissionJournal(store).find(FLEET, "m1").orElseThrow().state());
    } finally {
      pool.shutdownNow();
    }
  }
}
