package org.swarmsense.maps.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.maps.SharedData;

class SumoFcdReaderTest {

  static final String MONACO = "traces/monaco-sumo-fcd-300s.xml.gz";

  @Test
  void monacoTraceHasAllSamples() {
    List<Trajectory> ts = SumoFcdReader.read(SharedData.file(MONACO));
    int samples = ts.stream().mapToInt(Trajectory::size).sum();
    assertEquals(15_196, samples);
    for (Trajectory t : ts) {
      for (int i = 0; i < t.size(); i++) {
        assertTrue(t.lonDeg(i) > 7.40 && t.lonDeg(i) < 7.44, t + " lon " + t.lonDeg(i));
        assertTrue(t.latDeg(i) > 43.72 && t.latDeg(i) < 43.76, t + " lat " + t.latDeg(i));
        assertTrue(t.tS(i) >= 0 && t.tS(i) <= 300);
      }
    }
    System.out.println("Monaco FCD: " + ts.size() + " vehicles, " + samples + " samples");
  }

  @Test
  void smallTraceDataInDataOut(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("small.xml");
    Files.writeString(f, """
        <?xml version="1.0" encoding="UTF-8"?>
        <fcd-export>
          <timestep time="0.00">
            <vehicle id="a" x="7.420000" y="43.730000" speed="1"/>
          </timestep>
          <timestep time="1.00">
            <vehicle id="a" x="7.420100" y="43.730100" speed="1"/>
            <vehicle id="b" x="7.421000" y="43.731000" speed="1"/>
            <person id="p" x="7.4" y="43.7"/>
          </timestep>
        </fcd-export>
        """);
    List<Trajectory> ts = SumoFcdReader.read(f);
    assertEquals(2, ts.size());
    assertEquals(new Trajectory("a", new double[] {0, 1}, new double[] {7.42, 7.4201}, new double[] {43.73, 43.7301}), ts.get(0));
    assertEquals("b", ts.get(1).vehicleId());
    assertTrue(Arrays.equals(new double[] {1}, ts.get(1).tS()));
  }

  @Test
  void theVehicleTypeIsKept(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("types.xml");
    Files.writeString(f, "<fcd-export>\n"
        + "<timestep time=\"0\"><vehicle id=\"c\" x=\"7.42\" y=\"43.73\" type=\"bus\"/><vehicle id=\"d\" x=\"7.42\" y=\"43.73\"/></timestep>\n"
        + "<timestep time=\"1\"><vehicle id=\"c\" x=\"7.421\" y=\"43.73\" type=\"bus\"/><vehicle id=\"d\" x=\"7.421\" y=\"43.73\"/></timestep>\n"
        + "</fcd-export>\n");
    List<Trajectory> ts = SumoFcdReader.read(f);
    assertEquals("bus", ts.get(0).vehicleType());
    assertEquals(Trajectory.NO_TYPE, ts.get(1).vehicleType());
    assertEquals("bus", ts.get(0).at1Hz().vehicleType());
  }

  @Test
  void forEachHandsOverVehiclesThatLeft(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("leave.xml");
    Files.writeString(f, "<fcd-export>\n"
        + "<timestep time=\"0\"><vehicle id=\"b\" x=\"7.42\" y=\"43.73\"/><vehicle id=\"a\" x=\"7.42\" y=\"43.73\"/></timestep>\n"
        + "<timestep time=\"1\"><vehicle id=\"b\" x=\"7.421\" y=\"43.73\"/></timestep>\n"
        + "<timestep time=\"2\"><vehicle id=\"b\" x=\"7.422\" y=\"43.73\"/></timestep>\n"
        + "</fcd-export>\n");
    List<String> order = new java.util.ArrayList<>();
    List<Integer> sizes = new java.util.ArrayList<>();
    SumoFcdReader.forEach(f, t -> {
      order.add(t.vehicleId());
      sizes.add(t.size());
    });
    assertEquals(List.of("a", "b"), order); // a left after t = 0, b ran to the end
    assertEquals(List.of(1, 3), sizes);
    assertEquals(List.of("b", "a"), SumoFcdReader.read(f).stream().map(Trajectory::vehicleId).toList());
  }

  @Test
  void truncatedGzipNamesTheFile(@TempDir Path dir) throws IOException {
    byte[] all = Files.readAllBytes(SharedData.file(MONACO));
    Path cut = dir.resolve("cut-fcd.xml.gz");
    Files.write(cut, Arrays.copyOf(all, all.length / 2));
    var e = assertThrows(IllegalArgumentException.class, () -> SumoFcdReader.read(cut));
    System.out.println(e.getMessage());
    assertTrue(e.getMessage().startsWith(cut.toString() + ": truncated or corrupt trace near line "), e.getMessage());
    assertTrue(e.getMessage().contains("compressed byte offset"), e.getMessage());
  }

  @Test
  void truncatedXmlInsideCompleteGzipNamesTheFile(@TempDir Path dir) throws IOException {
    String xml = "<fcd-export>\n<timestep time=\"0\">\n<vehicle id=\"a\" x=\"7.42\" y=\"43.73\"/>\n</timestep>\n";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(xml.getBytes(StandardCharsets.UTF_8));
    }
    Path f = dir.resolve("short.xml.gz");
    Files.write(f, bytes.toByteArray());
    var e = assertThrows(IllegalArgumentException.class, () -> SumoFcdReader.read(f));
    assertTrue(e.getMessage().startsWith(f.toString() + ": truncated"), e.getMessage());
  }

  @Test
  void nonGeoTraceIsExplained(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("xy.xml");
    Files.writeString(f, "<fcd-export>\n<timestep time=\"0\">\n<vehicle id=\"a\" x=\"1200.5\" y=\"300.2\"/>\n</timestep>\n</fcd-export>\n");
    var e = assertThrows(IllegalArgumentException.class, () -> SumoFcdReader.read(f));
    assertTrue(e.getMessage().contains(f + ": line 3") && e.getMessage().contains("--fcd-output.geo true"), e.getMessage());
  }
}
