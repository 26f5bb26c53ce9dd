package org.swarmsense.gateway.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.swarmsense.gateway.http.FleetTokens;
import org.swarmsense.gateway.http.HttpApi;
import org.swarmsense.gateway.http.HttpServer;
import org.swarmsense.gateway.http.LiveHub;
import org.swarmsense.gateway.http.MapLayer;
import org.swarmsense.gateway.mission.DeploymentDefaults;
import org.swarmsense.gateway.mission.MissionDesk;
import org.swarmsense.gateway.mission.SensingMissionPlanner;
import org.swarmsense.maps.SharedData;
import org.swarmsense.gateway.testing.HeadlessChromium;

/**
 * The dashboard in a real headless Chromium: the page loads, draws the roads, drones published to
 * the live hub appear and move, and a mission submitted in the page is planned (the real sensing
 * model on the Monaco trace) and shown, or refused with the field named.
 */
class DashboardBrowserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "dashboard-test-token-0123456789";
  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final LiveHub hub = new LiveHub();
  private static final ExecutorService planning = Executors.newSingleThreadExecutor();
  private static final ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
  private static HttpServer server;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    MissionDesk desk =
        new MissionDesk(
            hub,
            new SensingMissionPlanner(),
            planning,
            new DeploymentDefaults(SharedData.file("traces/monaco-sumo-fcd-300s.xml.gz")),
            Path.of("."));
    MapLayer map =
        new MapLayer(
            "Testville",
            "(c) OpenStreetMap contributors, ODbL",
            new double[] {7.40, 43.72, 7.44, 43.75},
            "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
                + "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[7.41,43.73],[7.43,43.74]]}}]}");
    server =
        HttpServer.start(
            testKit.system(),
            new HttpApi(hub, new FleetTokens(Map.of("city", TOKEN)), desk, () -> map, "test").routes(),
            "127.0.0.1",
            0);
    AtomicInteger tick = new AtomicInteger();
    feeder.scheduleAtFixedRate(
        () -> {
          int t = tick.incrementAndGet();
          for (int i = 0; i < 3; i++) {
            long now = System.currentTimeMillis();
            hub.view().observed(new org.swarmsense.agents.device.DeviceKey("city",
                    org.swarmsense.agents.device.DeviceKey.Kind.DRONE, "drone-" + i),
                new org.swarmsense.agents.device.Observation(now, now, 43.725 + 0.005 * i + 0.0002 * t,
                    7.41 + 0.0003 * t, 50, 5, 90, 100.0 - t * 0.1, "flying"));
          }
        },
        0,
        200,
        TimeUnit.MILLISECONDS);
    browser = HeadlessChromium.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    feeder.shutdownNow();
    planning.shutdownNow();
    server.close();
    testKit.shutdownTestKit();
  }

  @Test
  void thePageDrawsRoadsAndDronesMoveLive() throws Exception {
    browser.get(server.url() + "/dashboard/?fleet=city&token=" + TOKEN);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.until(d -> ((Number) browser.executeScript("return window.swarmsense.roadsDrawn")).intValue() > 0);
    wait.until(d -> "3".equals(browser.findElement(org.openqa.selenium.By.id("device-count")).getText()));
    assertEquals("live", browser.findElement(org.openqa.selenium.By.id("link-state")).getText());
    assertTrue(browser.getPageSource().contains("OpenStreetMap"), "attribution shown");

    String before = position("drone-0");
    wait.until(d -> !position("drone-0").equals(before));
    assertNotEquals(before, position("drone-0"));
    assertEquals(3, browser.findElements(org.openqa.selenium.By.cssSelector("path.drone-marker")).size());

    screenshot("dashboard-live.png");
  }

  @Test
  void edgeNodesWithTheirQueueAndDetectionsAppearOnTheMap() throws Exception {
    org.swarmsense.gateway.http.LiveIngest live =
        new org.swarmsense.gateway.http.LiveIngest(hub, new org.swarmsense.gateway.mqtt.RecordingIngest());
    org.swarmsense.gateway.wire.DeviceId edge = new org.swarmsense.gateway.wire.DeviceId("city",
        org.swarmsense.gateway.wire.DeviceKind.EDGE, "edge-1");
    long now = System.currentTimeMillis();
    hub.view().observed(new org.swarmsense.agents.device.DeviceKey("city",
            org.swarmsense.agents.device.DeviceKey.Kind.EDGE, "edge-1"),
        new org.swarmsense.agents.device.Observation(now, now, 43.735, 7.42, 10, 0, 0, 100, "online",
            new org.swarmsense.agents.device.EdgeLoad(5, 8, 0.625, 40, 3)));
    browser.get(server.url() + "/dashboard/?fleet=city&token=" + TOKEN);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.until(d -> "live".equals(browser.findElement(org.openqa.selenium.By.id("link-state")).getText()));
    wait.until(d -> "1".equals(browser.findElement(org.openqa.selenium.By.id("edge-count")).getText()));
    assertEquals(1, browser.findElements(org.openqa.selenium.By.cssSelector("div.edge-marker")).size());
    String row = browser.findElement(org.openqa.selenium.By.cssSelector("#edges tbody tr")).getText();
    assertTrue(row.contains("edge-1") && row.contains("5/8") && row.contains("0.6"), row);
    assertEquals("3", browser.findElement(org.openqa.selenium.By.id("device-count")).getText(),
        "the edge node is not counted as a drone");

    // an answer for drone-0's task: two vehicles placed below it
    org.swarmsense.gateway.wire.EdgeResult r = org.swarmsense.gateway.wire.EdgeResult.served(
        System.currentTimeMillis(), "drone-0-3", 3, java.util.List.of(
            new org.swarmsense.gateway.wire.EdgeBox(0, 0.9, 100, 100, 120, 110),
            new org.swarmsense.gateway.wire.EdgeBox(0, 0.8, 300, 200, 320, 210)), 1, 10, 10, 40, 20, "vehicle-plain");
    live.onEdgeResult(edge, "drone-0-3", org.swarmsense.gateway.wire.EdgePayloads.toJson(r));
    wait.until(d -> ((Number) browser.executeScript("return window.swarmsense.detectionsDrawn")).intValue() == 2);
    assertEquals(2, browser.findElements(org.openqa.selenium.By.cssSelector("path.detection-marker")).size());
    assertEquals("2", browser.findElement(org.openqa.selenium.By.id("detection-count")).getText());
    screenshot("dashboard-edge.png");
  }

  @Test
  void aMissionSubmittedInThePageIsPlannedAndShown() throws Exception {
    browser.get(server.url() + "/dashboard/?fleet=city&token=" + TOKEN);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    wait.until(d -> ((Number) browser.executeScript("return window.swarmsense.roadsDrawn")).intValue() > 0);
    org.openqa.selenium.WebElement area =
        browser.findElement(org.openqa.selenium.By.cssSelector("#mission-form textarea[name=area]"));
    area.clear();
    area.sendKeys(
        "{\"type\":\"Polygon\",\"coordinates\":[[[7.415,43.728],[7.432,43.728],[7.432,43.742],"
            + "[7.415,43.742],[7.415,43.728]]]}");
    org.openqa.selenium.WebElement name =
        browser.findElement(org.openqa.selenium.By.cssSelector("#mission-form input[name=name]"));
    name.clear();
    name.sendKeys("harbour watch");
    browser.findElement(org.openqa.selenium.By.id("submit-mission")).click();

    wait.withMessage(
            () ->
                "mission state '"
                    + browser.findElement(org.openqa.selenium.By.id("mission-state")).getText()
                    + "', error '"
                    + browser.findElement(org.openqa.selenium.By.id("mission-error")).getText()
                    + "'")
        .until(d -> browser.findElement(org.openqa.selenium.By.id("mission-state")).getText().contains("planned"));
    wait.until(d -> ((Number) browser.executeScript("return window.swarmsense.cellsDrawn")).intValue() > 0);
    assertTrue(((Number) browser.executeScript("return window.swarmsense.routesDrawn")).intValue() > 0);
    wait.until(d -> browser.findElement(org.openqa.selenium.By.id("mission-summary")).getText().contains("I-EPOS"));
    assertEquals("", browser.findElement(org.openqa.selenium.By.id("mission-error")).getText());
    screenshot("dashboard-mission.png");
  }

  @Test
  void anInvalidMissionIsRefusedInThePageWithTheFieldNamed() {
    browser.get(server.url() + "/dashboard/?fleet=city&token=" + TOKEN);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    org.openqa.selenium.WebElement cell =
        browser.findElement(org.openqa.selenium.By.cssSelector("#mission-form input[name=cellSizeM]"));
    browser.executeScript("arguments[0].removeAttribute('min')", cell);
    cell.clear();
    cell.sendKeys("-3");
    browser.findElement(org.openqa.selenium.By.id("submit-mission")).click();
    wait.until(d -> browser.findElement(org.openqa.selenium.By.id("mission-error")).getText().contains("cellSizeM"));
  }

  /**
   * Issue 17, finding 5: a fence name is user input; shown in the map's tooltip it must stay text.
   * The name carries an image whose error handler would mark the page; hovering every no-fly zone and
   * geofence must show the name literally (with the fence's breach action) and never run it.
   */
  @Test
  void aFenceNameIsShownAsTextNeverRunAsHtml() throws Exception {
    String evil = "<img src=x onerror=\"window.__xss=1\">harbour";
    String fence = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":"
        + JSON.writeValueAsString(evil) + ",\"action\":\"hold\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
        + "[[[7.415,43.73],[7.425,43.73],[7.425,43.74],[7.415,43.74],[7.415,43.73]]]}}]}";
    assertEquals(200, putFences("no-fly-zones", fence).statusCode());
    assertEquals(200, putFences("geofences", fence).statusCode());
    try {
      browser.get(server.url() + "/dashboard/?fleet=city&token=" + TOKEN);
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
      wait.until(d -> ((Number) browser.executeScript("return window.swarmsense.noFlyZonesDrawn || 0")).intValue() > 0
          && ((Number) browser.executeScript("return window.swarmsense.geofencesDrawn || 0")).intValue() > 0);
      // hover every interactive shape: Leaflet opens its tooltip
      browser.executeScript("document.querySelectorAll('path.leaflet-interactive').forEach(function (p) {"
          + " p.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));"
          + " p.dispatchEvent(new MouseEvent('mousemove', {bubbles: true, clientX: 10, clientY: 10})); });");
      String script =
          "return Array.from(document.querySelectorAll('.leaflet-tooltip')).map(function (t) { return t.textContent; }).join('|')";
      wait.until(d -> String.valueOf(browser.executeScript(script)).split("harbour", -1).length > 2);
      String tips = String.valueOf(browser.executeScript(script));
      Thread.sleep(300); // an image error handler would have run by now
      System.out.println("fence tooltip text: " + java.util.Arrays.stream(tips.split("\\|"))
          .filter(t -> t.contains("harbour")).toList());
      assertEquals(null, browser.executeScript("return window.__xss === undefined ? null : window.__xss"),
          "the fence name ran as HTML");
      assertTrue(tips.contains("no-fly zone " + evil + " (on breach: hold)"), "the name is shown literally: " + tips);
      assertTrue(tips.contains("geofence " + evil + " (on breach: hold)"), "the name is shown literally: " + tips);
      assertEquals(0L, ((Number) browser.executeScript(
          "return document.querySelectorAll('.leaflet-tooltip img').length")).longValue());
    } finally {
      putFences("no-fly-zones", "{\"type\":\"FeatureCollection\",\"features\":[]}");
      putFences("geofences", "{\"type\":\"FeatureCollection\",\"features\":[]}");
    }
  }

  private static java.net.http.HttpResponse<String> putFences(String kind, String body) throws Exception {
    return java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + "/api/fleets/city/" + kind))
            .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
            .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Saves a screenshot to target/screenshots, and to $SWARMSENSE_SCREENSHOTS when set (the README's
   * pictures come from there: SWARMSENSE_SCREENSHOTS=$PWD/docs/img).
   */
  private static void screenshot(String name) throws java.io.IOException {
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Path out = Path.of("target", "screenshots");
    Files.createDirectories(out);
    Files.copy(shot, out.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    String docs = System.getenv("SWARMSENSE_SCREENSHOTS");
    if (docs != null && !docs.isBlank()) {
      Files.createDirectories(Path.of(docs));
      Files.copy(shot, Path.of(docs, name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String position(String id) {
    return String.valueOf(
        browser.executeScript(
            "var m = window.swarmsense.drones[arguments[0]]; return m ? m.getLatLng().toString() : '';",
            id));
  }
}
