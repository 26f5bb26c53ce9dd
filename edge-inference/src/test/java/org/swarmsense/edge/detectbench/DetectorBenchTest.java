package org.swarmsense.edge.detectbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.maps.MapsSettings;
import org.swarmsense.maps.SharedData;
import org.swarmsense.maps.camera.RenderDataset;

class DetectorBenchTest {

  @Test
  void quickRunPrintsBothVariantsOnEveryChannelAndTheGoals(@TempDir Path tmp) throws Exception {
    DetectorBenchOptions quick = DetectorBenchOptions.render(SharedData.file("maps/monaco.osm.gz"),
        SharedData.file("traces/monaco-sumo-fcd-300s.xml.gz"), 100, 3).asQuick().withWorkDir(tmp);
    assertEquals(DetectorBenchOptions.QUICK_FRAMES, quick.frames());
    assertThrows(IllegalArgumentException.class, () -> DetectorBench.run(quick, System.out));
    Path frames = tmp.resolve("frames");
    RenderDataset.run(new RenderDataset.Options(quick.map(), quick.trace(), quick.frames(), quick.seed(), frames,
        MapsSettings.load().camera(), "test"), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    DetectorBenchOptions o = quick.withData(frames);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    List<DetectorBench.Row> rows = DetectorBench.run(o, new PrintStream(buf, true, StandardCharsets.UTF_8));
    String out = buf.toString(StandardCharsets.UTF_8);
    System.out.println(out);
    // two variants, each clean, at the budget without loss and with the loss, the last two road-first, and the
    // judged row (road-first + loss) decoded by the other receiver
    assertEquals(12, rows.size());
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(DetectorBench.Channel.values()[i % 6], rows.get(i).channel(), rows.get(i).toString());
    }
    long truths = rows.get(0).counts().truePositives() + rows.get(0).counts().falseNegatives();
    for (DetectorBench.Row r : rows) {
      // every row scores the same frames against the same truths
      assertEquals(truths, r.counts().truePositives() + r.counts().falseNegatives());
      assertTrue(r.medianMs() > 0 && r.p90Ms() >= r.medianMs(), r.toString());
    }
    assertTrue(out.contains("plain") && out.contains("robust") && out.contains("codec 0.1 bpp, 5% loss")
        && out.contains("codec 0.1 bpp, no loss"), out);
    assertTrue(out.contains("of which the budget alone: robust keeps"), out);
    assertTrue(out.contains("goals: clean F1 >= 0.90") && out.contains("ms per frame <= 25")
        && out.contains("robust keeps >= 90%"), out);
    assertTrue(out.contains("road-first 0.1 bpp, no loss") && out.contains("road-first 0.1 bpp, 5% loss")
        && out.contains("road-first: MCUs outside the frame's road mask send DC only"), out);
    // with road masks the goal lines judge the road-first rows (the codec drones send) and name the uniform one
    DetectorBench.Row robustClean = rows.get(6);
    assertEquals(DetectorBench.Channel.ROAD_BUDGET, rows.get(9).channel());
    String budgetAlone = String.format(java.util.Locale.ROOT, "robust keeps %.1f%% at road-first 0.1 bpp without loss",
        100 * rows.get(9).counts().f1() / robustClean.counts().f1());
    String withLoss = String.format(java.util.Locale.ROOT, "at road-first 0.1 bpp + 5%% loss: %.3f / %.3f",
        rows.get(10).counts().f1(), robustClean.counts().f1());
    String otherReceiver = String.format(java.util.Locale.ROOT, "the other receiver: robust keeps %.1f%%, plain %.1f%%",
        100 * rows.get(11).counts().f1() / robustClean.counts().f1(),
        100 * rows.get(5).counts().f1() / rows.get(0).counts().f1());
    assertTrue(out.contains(budgetAlone) && out.contains(withLoss) && out.contains(otherReceiver)
        && out.contains("; the uniform codec: robust keeps "), out);
    // how the loss fell: counts of this run's frames and vehicles
    java.util.regex.Matcher lossLine = java.util.regex.Pattern.compile("the 5% loss fell on (\\d+) of (\\d+) frames:"
        + " (\\d+) lost some packets \\((\\d+) of (\\d+) vehicles, [0-9.]+%\\), (\\d+) lost every packet").matcher(out);
    assertTrue(lossLine.find(), out);
    assertEquals(o.frames(), Integer.parseInt(lossLine.group(2)));
    assertEquals(truths, Long.parseLong(lossLine.group(5)));
    assertEquals(Integer.parseInt(lossLine.group(1)),
        Integer.parseInt(lossLine.group(3)) + Integer.parseInt(lossLine.group(6)));
    assertTrue(Long.parseLong(lossLine.group(4)) <= truths, out);
    // the shipped receiver zero-fills (reference.conf), so the other one repairs
    assertTrue(out.contains("road-first 0.1 bpp, 5% loss, repaired") && out.contains("missing DC zero, not deblocked"),
        out);

    // Without the road masks the road-first rows are left out, and the run says so.
    try (var masks = Files.list(frames.resolve("roads"))) {
      for (Path m : masks.toList()) {
        Files.delete(m);
      }
    }
    buf.reset();
    rows = DetectorBench.run(o, new PrintStream(buf, true, StandardCharsets.UTF_8));
    assertEquals(8, rows.size());
    out = buf.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("road-first: no road masks in ") && out.contains("of its clean F1 at 0.1 bpp + 5% loss: ")
        && out.contains("% at 0.1 bpp without loss") && !out.contains("uniform codec")
        && out.contains("codec 0.1 bpp, 5% loss, repaired"), out);
  }

  @Test
  void theLossSpreadCountsFramesPartlyAndWhollyLostWithTheirVehicles() {
    DetectorBench.LossSpread l = DetectorBench.LossSpread.NONE
        .plus(0.9, 0.9, 3) // everything arrived
        .plus(0.5, 0.9, 4) // some packets lost
        .plus(0, 0.9, 5) // nothing arrived
        .plus(0, 0, 2); // nothing was sent or arrived either way: not a loss
    assertEquals(new DetectorBench.LossSpread(4, 1, 1, 14, 4, 5), l);
  }

  @Test
  void badOptionsNameTheOption(@TempDir Path tmp) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DetectorBenchOptions.render(tmp.resolve("none.osm"), tmp.resolve("t.xml"), 10, 1));
    assertTrue(e.getMessage().startsWith("--map: file not found"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DetectorBenchOptions.render(
        SharedData.file("maps/monaco.osm.gz"), SharedData.file("traces/monaco-sumo-fcd-300s.xml.gz"), 0, 1));
    assertTrue(e.getMessage().contains("--frames must be in 1..10000, got: 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new DetectorBenchOptions(null, null, 10, 1, tmp, tmp));
    assertTrue(e.getMessage().startsWith("--data: not a rendered data set"), e.getMessage());
  }

  /** The shipped vehicle order's id, read from the resource's text here (not through BandOrder). */
  private static int shippedOrderId() throws Exception {
    try (java.io.InputStream in = org.swarmsense.edge.detect.VehicleDetector.class.getResourceAsStream(
        "vehicle/vehicle_plain.band-order.txt")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^id=(\\d+)$").matcher(text);
      assertTrue(m.find(), text);
      return Integer.parseInt(m.group(1));
    }
  }

  @Test
  void aRelearnedOrderTakesAnIdAboveTheShippedOneAndTheFileItReplaces(@TempDir Path tmp) throws Exception {
    int shipped = shippedOrderId();
    // no file yet: above the shipped order, never an id an older order had
    assertEquals(shipped + 1, DetectorBench.nextOrderId(tmp.resolve("new.txt")));
    Path old = tmp.resolve("old.txt");
    int[] ranking = org.swarmsense.semantic.codec.BandOrder.zigZag().ranking();
    new org.swarmsense.semantic.codec.BandOrder(shipped + 7, "older experiment", ranking).write(old, List.of("t"));
    assertEquals(shipped + 8, DetectorBench.nextOrderId(old));
    new org.swarmsense.semantic.codec.BandOrder(1, "below the shipped one", ranking).write(old, List.of("t"));
    assertEquals(shipped + 1, DetectorBench.nextOrderId(old));
    java.nio.file.Files.writeString(old, "not an order\n");
    assertThrows(IllegalArgumentException.class, () -> DetectorBench.nextOrderId(old));
  }
}
