package org.swarmsense.gateway.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.swarmsense.gateway.testing.HeadlessChromium;

/**
 * The README's main job end to end: {@code swarmsense demo} on the shipped Monaco map with the
 * embedded broker, decentralized I-EPOS, simulated drones flying over MQTT, watched in a real
 * headless Chromium. Screenshots go to target/screenshots (and to $SWARMSENSE_SCREENSHOTS, which is
 * how the README's pictures are made).
 */
class DemoTest {

  @Test
  void theDemoPlansFliesAndShowsTheMissionLive(@TempDir Path cache) throws Exception {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(new java.io.OutputStream() { // kept, and shown as it comes
      @Override
      public void write(int b) {
        stderr.write(b);
        System.err.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        stderr.write(b, off, len);
        System.err.write(b, off, len);
      }
    }, true, StandardCharsets.UTF_8);
    Demo.Settings settings = new Demo.Settings(5, Duration.ofSeconds(45), 0, false, cache);
    Path reportDir = cache.resolve("report");
    try (Demo demo = new Demo(settings, out, err)
        .withEdgeNodes(org.swarmsense.agents.settings.AgentsSettings.defaults().edgeNode().withCount(2))
        .withReportDir(reportDir)) {
      CompletableFuture<Demo.Outcome> run =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return demo.run();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (demo.dashboardUrl() == null && System.nanoTime() < deadline && !run.isDone()) {
        Thread.sleep(100);
      }
      assertTrue(demo.dashboardUrl() != null, "the dashboard URL is printed: " + stdout);

      ChromeDriver browser = HeadlessChromium.start();
      try {
        browser.get(demo.dashboardUrl());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        wait.until(d -> number(browser, "window.swarmsense.roadsDrawn") > 100);
        wait.until(d -> number(browser, "window.swarmsense.cellsDrawn") > 0);
        wait.until(d -> browser.findElement(By.id("device-count")).getText().equals("5"));
        wait.until(d -> browser.findElement(By.id("edge-count")).getText().equals("2"));
        assertEquals(2, browser.findElements(By.cssSelector("div.edge-marker")).size(), "two edge nodes on the map");
        String before = position(browser, "d0000");
        wait.until(d -> !position(browser, "d0000").equals(before));
        assertNotEquals(before, position(browser, "d0000"));
        assertTrue(browser.findElement(By.id("mission-summary")).getText().contains("I-EPOS"));
        screenshot(browser, "dashboard-demo.png");
      } finally {
        browser.quit();
      }

      Demo.Outcome outcome = run.get(3, TimeUnit.MINUTES);
      assertTrue(outcome.selectionsAgree(), "decentralized and in-process I-EPOS agree");
      assertEquals(5, outcome.plansAccepted());
      assertTrue(outcome.telemetryReceived() > 50, "telemetry flowed: " + outcome.telemetryReceived());
      assertEquals(0, outcome.rejectedPayloads());
      assertTrue(outcome.allLanded(), "every drone flew its plan and landed");
      // the progress ends on the mission's end, not on a line from before the drones landed
      String[] progress = stderr.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("  mission "))
          .toArray(String[]::new);
      assertTrue(progress.length > 0 && progress[progress.length - 1].startsWith("  mission done at ")
          && progress[progress.length - 1].contains(", 5 done"), String.join("\n", progress));
      String printed = stdout.toString(StandardCharsets.UTF_8);
      assertTrue(printed.contains("selected the same plans as the in-process planner: yes"), printed);
      for (String strategy : new String[] {"I-EPOS", "random", "greedy", "even-coverage", "local-search"}) {
        assertTrue(printed.contains(strategy), "summary lists " + strategy + ":\n" + printed);
      }
      // the fleet offloaded while hovering: counted in the live report, printed, written
      com.fasterxml.jackson.databind.JsonNode offload = outcome.report().path("offload");
      assertTrue(offload.path("tasksSent").asLong() > 0, "hovering drones sent frames: " + offload);
      assertTrue(offload.path("results").asLong() > 0, "the edge nodes answered: " + offload);
      assertTrue(offload.path("bytesSent").asLong() > 0, offload.toString());
      assertTrue(printed.contains("offload: " + offload.path("tasksSent").asLong() + " tasks sent"), printed);
      assertTrue(Files.readString(reportDir.resolve("report.html")).contains("Frames offloaded to edge nodes"));
      com.fasterxml.jackson.databind.JsonNode written = new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(reportDir.resolve("report.json").toFile());
      assertEquals(offload.path("tasksSent").asLong(), written.path("offload").path("tasksSent").asLong());
      // the live capture control (on by default) decided every slot and is reported against the best fixed
      // rate over the same recorded slots, printed and written
      com.fasterxml.jackson.databind.JsonNode control = outcome.report().path("control");
      int slots = control.path("controlled").path("slots").asInt();
      assertTrue(slots > 0, "slots with a hovering drone were controlled: " + control);
      assertEquals(slots, control.path("fixed").path("slots").asInt(), "the fixed rate is judged on the same slots");
      assertTrue(control.path("fixedDecision").asText().contains("hindsight"), control.toString());
      assertTrue(control.path("controlled").path("p99DelayS").asDouble() >= control.path("controlled")
          .path("p50DelayS").asDouble() && control.path("controlled").path("p50DelayS").asDouble() > 0, control.toString());
      assertTrue(control.path("controlled").has("runningViolationShare") && control.path("controlled")
          .has("bytesSent"), control.toString());
      assertTrue(printed.contains("capture control: ") && printed.contains("control: " + slots
          + " slots with a hovering drone"), printed);
      assertEquals(slots, written.path("control").path("controlled").path("slots").asInt());
      assertTrue(Files.readString(reportDir.resolve("report.html")).contains("Capture-rate and offloading control (live"
          + " flight)"));
    }
  }

  private static long number(ChromeDriver browser, String expression) {
    return ((Number) browser.executeScript("return " + expression)).longValue();
  }

  private static String position(ChromeDriver browser, String id) {
    return String.valueOf(
        browser.executeScript(
            "var m = window.swarmsense.drones[arguments[0]]; return m ? m.getLatLng().toString() : '';", id));
  }

  private static void screenshot(ChromeDriver browser, String name) throws java.io.IOException {
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Path dir = Files.createDirectories(Path.of("target", "screenshots"));
    Files.copy(shot, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    String docs = System.getenv("SWARMSENSE_SCREENSHOTS");
    if (docs != null && !docs.isBlank()) {
      Files.createDirectories(Path.of(docs));
      Files.copy(shot, Path.of(docs, name), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
