package org.swarmsense.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.swarmsense.gateway.mission.DeploymentDefaults;
import org.swarmsense.gateway.mission.MissionDesk;
import org.swarmsense.gateway.mission.PlanningService;

/**
 * Issue 17, findings 2, 3 and the mission part of 6, over a real HTTP server: a mission names only
 * the server's datasets and no error quotes a file or tells whether a path exists; a mission whose
 * estimated cost exceeds the budget is refused at submit with the field named and never planned;
 * any Throwable in planning (OutOfMemoryError included) marks the mission failed; DELETE cancels;
 * mission ids count per fleet.
 *
 * <p>The planner here is scripted per mission name (it is the desk's contract under test, not
 * I-EPOS): "oom" throws OutOfMemoryError, "slow" reports progress every 20 ms until interrupted or
 * told to stop, anything else throws so that a refused mission that got planned is noticed.
 */
class MissionAbuseTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN_A = "token-of-fleet-a-0123456789";
  private static final String TOKEN_B = "token-of-fleet-b-0123456789";
  private static final ActorTestKit testKit = ActorTestKit.create();
  /** Names of the missions the planner was called for; refused ones are named "refused-..." by the tests. */
  private static final java.util.Queue<String> planned = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private static final AtomicReference<Thread> slowThread = new AtomicReference<>();
  private static final ExecutorService executor = Executors.newSingleThreadExecutor();
  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static HttpServer server;
  private static Path datasets;

  /** A small valid area mission over Monaco with the dataset trace as demand. */
  static String mission(String name, String extra) {
    return "{\"name\":\"" + name + "\",\"area\":{\"bbox\":[7.415,43.730,7.425,43.738]},\"cellSizeM\":250,"
        + "\"window\":{\"startS\":0,\"endS\":600,\"slotS\":120},\"drones\":{\"count\":4},"
        + "\"demand\":{\"source\":\"sumo\",\"path\":\"tiny-trace.xml\"}" + extra + "}";
  }

  @BeforeAll
  static void start() throws Exception {
    datasets = Files.createTempDirectory("swarmsense-datasets-");
    Files.writeString(datasets.resolve("tiny-cells.csv"),
        "type,id,x,y,z,value\nSENSE,0,0,0,0,1\nSENSE,1,100,0,0,2\nBASE,0,50,50,0,0\n");
    Files.writeString(datasets.resolve("tiny-trace.xml"), "<fcd-export></fcd-export>\n");
    PlanningService scripted = (mission, progress) -> {
      planned.add(mission.name());
      switch (mission.name()) {
        case "oom" -> throw new OutOfMemoryError("Java heap space");
        case "slow" -> {
          slowThread.set(Thread.currentThread());
          for (int i = 0; i < 1500; i++) {
            progress.accept("step " + i);
            try {
              Thread.sleep(20);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IllegalStateException("interrupted");
            }
          }
          throw new IllegalStateException("the slow mission was never cancelled");
        }
        default -> throw new IllegalStateException("not planned in this test: " + mission.name());
      }
    };
    MissionDesk desk = new MissionDesk(new LiveHub(), scripted, executor, new DeploymentDefaults(null), datasets);
    HttpApi api = new HttpApi(new LiveHub(), new FleetTokens(Map.of("a", TOKEN_A, "b", TOKEN_B)), desk,
        () -> null, "test");
    server = HttpServer.start(testKit.system(), api.routes(), "127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.close();
    executor.shutdownNow();
    testKit.shutdownTestKit();
  }

  record Reply(int status, String body) {
    JsonNode json() throws Exception {
      return JSON.readTree(body);
    }
  }

  static Reply call(String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token);
    if (body != null) {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body());
  }

  @Test
  void aMissionCannotReadServerFiles() throws Exception {
    String cellsMission = "{\"name\":\"%s\",\"cells\":\"%s\",\"window\":{\"startS\":0,\"endS\":600,\"slotS\":120},"
        + "\"drones\":{\"count\":2}}";
    Reply passwd = call("POST", "/api/fleets/a/missions", TOKEN_A,
        cellsMission.formatted("refused-passwd", "/etc/passwd"));
    System.out.println("cells=/etc/passwd: " + passwd.status() + " " + passwd.body());
    assertEquals(400, passwd.status());
    assertFalse(passwd.body().contains("root:"), "quotes the file: " + passwd.body());
    assertEquals("cells", passwd.json().path("field").asText(), passwd.body());

    // an existing and a missing path answer alike, for cells and for demand.path
    for (String field : new String[] {"cells", "demand.path"}) {
      String[] bodies = new String[2];
      String[] paths = {"/etc/hostname", "/etc/no-such-file-here"};
      for (int i = 0; i < 2; i++) {
        String m = field.equals("cells") ? cellsMission.formatted("refused-cells", paths[i])
            : mission("refused-demand", "").replace("tiny-trace.xml", paths[i]);
        Reply r = call("POST", "/api/fleets/a/missions", TOKEN_A, m);
        assertEquals(400, r.status(), r.body());
        assertEquals(field, r.json().path("field").asText(), r.body());
        bodies[i] = r.json().path("error").asText().replace(paths[i], "PATH");
      }
      assertEquals(bodies[0], bodies[1], field + ": the answer tells whether the path exists");
      assertFalse(bodies[0].contains("cannot read"), bodies[0]);
    }
    // relative escapes are refused too
    Reply up = call("POST", "/api/fleets/a/missions", TOKEN_A,
        cellsMission.formatted("refused-up", "../../../../etc/passwd"));
    assertEquals(400, up.status());
    assertFalse(up.body().contains("root:"), up.body());

    // the control: a dataset of the server by name is accepted (and listed)
    Reply list = call("GET", "/api/fleets/a/datasets", TOKEN_A, null);
    assertEquals("[\"tiny-cells.csv\",\"tiny-trace.xml\"]", list.body());
    Reply ok = call("POST", "/api/fleets/b/missions", TOKEN_B,
        cellsMission.formatted("accepted-cells", "tiny-cells.csv"));
    assertEquals(202, ok.status(), ok.body());
    // the desk plans in arrival order on one thread: once the control is planned, a refused mission
    // that had been queued would have been planned before it
    awaitPlanned("accepted-cells");
    assertRefusedNeverPlanned();
  }

  static void awaitPlanned(String name) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!planned.contains(name)) {
      assertTrue(System.nanoTime() < end, name + " not planned within 20 s; planned: " + planned);
      Thread.sleep(20);
    }
  }

  static void assertRefusedNeverPlanned() {
    assertTrue(planned.stream().noneMatch(n -> n.startsWith("refused-")), "a refused mission was planned: " + planned);
  }

  @Test
  void aMissionAboveTheBudgetIsRefusedWithTheFieldNamed() throws Exception {
    String[][] cases = {
      {mission("refused-huge", "").replace("\"count\":4", "\"count\":1000000"), "drones.count"},
      {mission("refused-long", ",\"planner\":{\"iterations\":100000,\"repetitions\":1000}"), "planner.iterations"},
      {mission("refused-fine", "").replace("\"cellSizeM\":250", "\"cellSizeM\":3.3")
          .replace("[7.415,43.730,7.425,43.738]", "[7.409,43.724,7.440,43.752]"), "cellSizeM"},
    };
    for (String[] c : cases) {
      Reply r = call("POST", "/api/fleets/a/missions", TOKEN_A, c[0]);
      System.out.println(c[1] + ": " + r.status() + " " + r.body());
      assertEquals(400, r.status(), r.body());
      assertEquals(c[1], r.json().path("field").asText(), r.body());
      assertTrue(r.json().path("error").asText().contains("budget"), r.body());
    }
    assertRefusedNeverPlanned();
  }

  @Test
  void anOutOfMemoryErrorMarksTheMissionFailedAndDeleteCancels() throws Exception {
    Reply oom = call("POST", "/api/fleets/a/missions", TOKEN_A, mission("oom", ""));
    assertEquals(202, oom.status(), oom.body());
    String id = oom.json().path("id").asText();
    JsonNode s = awaitState("a", id, "failed", TOKEN_A);
    assertTrue(s.path("error").asText().contains("out of memory"), s.toString());

    Reply slow = call("POST", "/api/fleets/a/missions", TOKEN_A, mission("slow", ""));
    String slowId = slow.json().path("id").asText();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (slowThread.get() == null && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Reply cancelled = call("DELETE", "/api/fleets/a/missions/" + slowId, TOKEN_A, null);
    assertEquals(200, cancelled.status(), cancelled.body());
    assertEquals("cancelled", cancelled.json().path("state").asText());
    Thread.sleep(300);
    assertEquals("cancelled", call("GET", "/api/fleets/a/missions/" + slowId, TOKEN_A, null).json().path("state").asText());
    assertEquals(409, call("POST", "/api/fleets/a/missions/" + slowId + "/run", TOKEN_A, null).status());
    assertEquals(404, call("DELETE", "/api/fleets/b/missions/" + slowId + "x", TOKEN_B, null).status());
    // the planning thread is free again: the next mission gets planned (and fails as scripted)
    Reply next = call("POST", "/api/fleets/a/missions", TOKEN_A, mission("oom", ""));
    awaitState("a", next.json().path("id").asText(), "failed", TOKEN_A);
  }

  @Test
  void missionIdsCountPerFleet() throws Exception {
    // fleet "b" of a fresh desk sees its own numbering, whatever fleet a did
    Reply a1 = call("POST", "/api/fleets/a/missions", TOKEN_A, mission("oom", ""));
    Reply a2 = call("POST", "/api/fleets/a/missions", TOKEN_A, mission("oom", ""));
    int listedB = call("GET", "/api/fleets/b/missions", TOKEN_B, null).json().size();
    Reply b = call("POST", "/api/fleets/b/missions", TOKEN_B, mission("oom", ""));
    assertEquals(202, a1.status());
    assertEquals(202, a2.status());
    assertEquals("m" + (listedB + 1), b.json().path("id").asText(), "ids count across fleets: " + b.body());
  }

  @Test
  void aFullPlanningPoolRefusesWith503() throws Exception {
    org.swarmsense.gateway.mission.MissionLimits one =
        org.swarmsense.gateway.mission.MissionLimits.defaults().withDatasetDir(datasets);
    one = new org.swarmsense.gateway.mission.MissionLimits(one.datasetDir(), one.maxWork(), one.maxMemoryBytes(), 1, 0);
    java.util.concurrent.ThreadPoolExecutor pool = org.swarmsense.gateway.mission.PlanningPool.create(one);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    try {
      MissionDesk desk = new MissionDesk(new LiveHub(), (mission, progress) -> {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("done");
      }, pool, new DeploymentDefaults(null), one);
      desk.submit("a", mission("first", ""));
      // the domain says "busy"; ApiErrors alone maps MissionBusyException to 503
      org.swarmsense.gateway.mission.MissionBusyException busy = org.junit.jupiter.api.Assertions.assertThrows(
          org.swarmsense.gateway.mission.MissionBusyException.class, () -> desk.submit("a", mission("second", "")));
      assertTrue(busy.getMessage().contains("too many missions"), busy.getMessage());
      assertEquals(1, desk.list("a").size(), "the refused mission is not listed");
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  private static JsonNode awaitState(String fleet, String id, String state, String token) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    JsonNode s;
    do {
      s = call("GET", "/api/fleets/" + fleet + "/missions/" + id, token, null).json();
      if (s.path("state").asText().equals(state)) {
        return s;
      }
      Thread.sleep(20);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("mission " + id + " never became " + state + ": " + s);
  }
}
