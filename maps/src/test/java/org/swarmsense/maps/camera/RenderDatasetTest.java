package org.swarmsense.maps.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.maps.MapsSettings;
import org.swarmsense.maps.SharedData;

/** {@code swarmsense render}'s output format, determinism and input checks. */
class RenderDatasetTest {

  static final Path MAP = SharedData.file("maps/monaco.osm.gz");
  static final Path TRACE = SharedData.file("traces/monaco-sumo-fcd-300s.xml.gz");
  static final CameraSettings SMALL = new CameraSettings(100, 60, 160, 128, 0.02, 6);

  @TempDir Path tmp;

  static RenderDataset.Options options(Path out, int frames, long seed) {
    return new RenderDataset.Options(MAP, TRACE, frames, seed, out, SMALL, "test");
  }

  static String run(RenderDataset.Options o) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RenderDataset.run(o, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void writesFramesLabelsAndManifestInTheDocumentedFormat() throws Exception {
    Path out = tmp.resolve("ds");
    String printed = run(options(out, 4, 7));
    assertTrue(printed.contains("render ms per 160x128 frame"), printed);
    ObjectMapper json = new ObjectMapper();
    List<String> lines = Files.readAllLines(out.resolve("labels.jsonl"));
    assertEquals(4, lines.size());
    List<String> keys = List.of("frame", "map", "trace", "t_s", "x_m", "y_m", "heading_deg", "alt_m", "m_per_px",
        "width_px", "height_px", "seed", "boxes");
    int boxes = 0;
    double roadShare = 0;
    for (int i = 0; i < 4; i++) {
      JsonNode label = json.readTree(lines.get(i));
      List<String> names = new ArrayList<>();
      label.fieldNames().forEachRemaining(names::add);
      assertEquals(keys, names);
      assertEquals(String.format("frames/%06d.png", i), label.get("frame").asText());
      assertEquals("monaco.osm.gz", label.get("map").asText());
      assertEquals("monaco-sumo-fcd-300s.xml.gz", label.get("trace").asText());
      assertEquals(7, label.get("seed").asLong());
      assertEquals(100.0, label.get("alt_m").asDouble());
      assertEquals(SMALL.metresPerPixel(), label.get("m_per_px").asDouble(), 1e-5);
      assertEquals(160, label.get("width_px").asInt());
      assertEquals(128, label.get("height_px").asInt());
      BufferedImage png = ImageIO.read(out.resolve(label.get("frame").asText()).toFile());
      assertEquals(160, png.getWidth());
      assertEquals(128, png.getHeight());
      assertEquals(3, png.getColorModel().getNumComponents());
      assertEquals(8, png.getColorModel().getComponentSize(0));
      BufferedImage roads = ImageIO.read(out.resolve(String.format("roads/%06d.png", i)).toFile());
      assertEquals(160, roads.getWidth());
      assertEquals(128, roads.getHeight());
      assertEquals(1, roads.getSampleModel().getSampleSize(0), "a road mask is one bit per pixel");
      roadShare += RoadMask.fromImage(roads).share();
      for (Iterator<JsonNode> it = label.get("boxes").elements(); it.hasNext(); ) {
        JsonNode b = it.next();
        List<String> bk = new ArrayList<>();
        b.fieldNames().forEachRemaining(bk::add);
        assertEquals(List.of("x0", "y0", "x1", "y1", "type", "id", "visible"), bk);
        assertTrue(b.get("x0").asDouble() >= 0 && b.get("x1").asDouble() <= 160 && b.get("x0").asDouble() < b.get("x1").asDouble(), b.toString());
        assertTrue(b.get("y0").asDouble() >= 0 && b.get("y1").asDouble() <= 128 && b.get("y0").asDouble() < b.get("y1").asDouble(), b.toString());
        assertTrue(b.get("visible").asDouble() > 0 && b.get("visible").asDouble() <= 1, b.toString());
        assertEquals("passenger", b.get("type").asText()); // the Monaco trace has only SUMO's default car type
        boxes++;
      }
    }
    assertTrue(boxes > 0, "frames are centred near vehicles, yet no box in 4 frames");
    assertTrue(roadShare > 0, "frames are centred near vehicles, yet no road in 4 road masks");
    try (var files = Files.list(out.resolve("roads"))) {
      assertEquals(4, files.count(), "one road mask per frame");
    }
    JsonNode manifest = json.readTree(out.resolve("manifest.json").toFile());
    assertEquals(4, manifest.get("frames").asInt());
    assertEquals(boxes, manifest.get("boxes").asInt());
    assertEquals(7, manifest.get("seed").asLong());
    assertEquals("test", manifest.get("version").asText());
    assertEquals(160, manifest.get("settings").get("width_px").asInt());
  }

  @Test
  void sameSeedSameDataSetOtherSeedAnother() throws Exception {
    run(options(tmp.resolve("a"), 2, 11));
    run(options(tmp.resolve("b"), 2, 11));
    run(options(tmp.resolve("c"), 2, 12));
    assertArrayEquals(Files.readAllBytes(tmp.resolve("a/labels.jsonl")), Files.readAllBytes(tmp.resolve("b/labels.jsonl")));
    for (String f : List.of("frames/000000.png", "frames/000001.png")) {
      assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("b").resolve(f)),
          f);
      assertFalse(java.util.Arrays.equals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("c").resolve(f))), f);
    }
    for (String f : List.of("roads/000000.png", "roads/000001.png")) {
      assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("b").resolve(f)),
          f);
    }
  }

  @Test
  void badInputIsRefusedNamingTheOptionAndNothingIsWritten() throws Exception {
    Path out = tmp.resolve("never");
    CameraSettings d = MapsSettings.load().camera();
    expect("--map: file not found: " + tmp.resolve("none.osm"),
        () -> new RenderDataset.Options(tmp.resolve("none.osm"), TRACE, 1, 1, out, d, "t"));
    expect("--trace: file not found: " + tmp.resolve("none.xml"),
        () -> new RenderDataset.Options(MAP, tmp.resolve("none.xml"), 1, 1, out, d, "t"));
    expect("--frames must be in 1..1000000, got: 0", () -> new RenderDataset.Options(MAP, TRACE, 0, 1, out, d, "t"));
    expect("--altitude-m must be a positive number of metres, got: 0.0", () -> RenderDataset.Options.camera(d, 0, Double.NaN, 0));
    expect("--altitude-m must be a positive number of metres, got: -5.0", () -> RenderDataset.Options.camera(d, -5, Double.NaN, 0));
    expect("--fov-deg must be in (0, 170) degrees, got: 170.0", () -> RenderDataset.Options.camera(d, Double.NaN, 170, 0));
    expect("--fov-deg must be in (0, 170) degrees, got: 0.0", () -> RenderDataset.Options.camera(d, Double.NaN, 0, 0));
    expect("--size-px must be in 16..4096, got: 5000", () -> RenderDataset.Options.camera(d, Double.NaN, Double.NaN, 5000));
    assertFalse(Files.exists(out));
    Files.createDirectories(tmp.resolve("full"));
    Files.writeString(tmp.resolve("full/old.txt"), "x");
    expect("--out " + tmp.resolve("full") + " exists and is not an empty folder",
        () -> new RenderDataset.Options(MAP, TRACE, 1, 1, tmp.resolve("full"), d, "t"));
    // an OSM file with no drawable content: refused before any output exists
    Path notOsm = tmp.resolve("empty.osm");
    Files.writeString(notOsm, "<?xml version='1.0'?><osm version='0.6'></osm>");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RenderDataset.run(new RenderDataset.Options(notOsm, TRACE, 1, 1, out, d, "t"), new PrintStream(new ByteArrayOutputStream())));
    assertTrue(e.getMessage().contains("empty.osm"), e.getMessage());
    assertFalse(Files.exists(out));
    // a trace of another city
    Path berlin = SharedData.file("maps/berlin-siegessaeule.osm.gz");
    expect("--trace " + TRACE + " lies outside --map " + berlin + " (is it a trace of another city?)",
        () -> RenderDataset.run(new RenderDataset.Options(berlin, TRACE, 1, 1, out, d, "t"), new PrintStream(new ByteArrayOutputStream())));
    assertFalse(Files.exists(out));
  }

  @Test
  void cameraSettingsNameTheBadField() {
    expect("altitudeM must be a positive finite number of metres, got: -1.0", () -> new CameraSettings(-1, 60, 512, 512, 0.02, 6));
    expect("horizontalFovDeg must be in (0, 170) degrees, got: 175.0", () -> new CameraSettings(100, 175, 512, 512, 0.02, 6));
    expect("widthPx must be in 1..4096, got: 0", () -> new CameraSettings(100, 60, 0, 512, 0.02, 6));
    expect("heightPx must be in 1..4096, got: 4097", () -> new CameraSettings(100, 60, 512, 4097, 0.02, 6));
    expect("exposureS must be in [0, 1] seconds, got: 2.0", () -> new CameraSettings(100, 60, 512, 512, 2, 6));
    expect("maxNoiseSigma must be in [0, 50] levels, got: -1.0", () -> new CameraSettings(100, 60, 512, 512, 0.02, -1));
  }

  static void expect(String message, org.junit.jupiter.api.function.Executable e) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, e).getMessage());
  }
}
