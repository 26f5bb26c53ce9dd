package org.swarmsense.maps.osm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.maps.SharedData;

/** What the renderer reads from OSM: data in, data out, and the shipped XML and PBF extracts. */
class OsmFeatureReaderTest {

  @Test
  void waysRingsTreesAndMissingNodes(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("small.osm");
    Files.writeString(f, """
        <?xml version="1.0" encoding="UTF-8"?>
        <osm version="0.6">
          <node id="1" lat="43.0" lon="7.0"/>
          <node id="2" lat="43.0" lon="7.001"/>
          <node id="3" lat="43.001" lon="7.001"/>
          <node id="4" lat="43.001" lon="7.0"/>
          <node id="5" lat="43.002" lon="7.002"><tag k="natural" v="tree"/></node>
          <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/><tag k="building" v="yes"/></way>
          <way id="11"><nd ref="1"/><nd ref="2"/><nd ref="99"/><nd ref="3"/><nd ref="4"/><tag k="highway" v="primary"/></way>
          <way id="12"><nd ref="1"/><nd ref="3"/><tag k="barrier" v="fence"/></way>
          <way id="13"><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="2"/></way>
          <relation id="20"><member type="way" ref="13" role="outer"/><tag k="type" v="multipolygon"/><tag k="leisure" v="park"/></relation>
        </osm>
        """);
    OsmFeatures read = OsmFeatureReader.read(f);
    List<OsmWay> ways = read.ways();
    // building; primary cut at the missing node 99 into two runs; fence not drawable; the park ring
    assertEquals(List.of(10L, 11L, 11L, 13L), ways.stream().map(OsmWay::id).toList());
    assertTrue(ways.get(0).closed());
    assertEquals("yes", ways.get(0).tag("building"));
    assertArrayEquals(new double[] {7.0, 7.001}, ways.get(1).lonDeg());
    assertArrayEquals(new double[] {43.001, 43.001}, ways.get(2).latDeg());
    assertEquals("park", ways.get(3).tag("leisure"));
    assertTrue(ways.get(3).closed());
    assertEquals(List.of(new OsmFeatures.Node(5, 7.002, 43.002)), read.trees());
  }

  /**
   * A way with {@code amenity=school} and another feature key (a school's building, its grounds) is
   * drawn, whatever order {@code FEATURE_KEYS} iterates in; {@code amenity} alone is drawn only for
   * parking. The reader used to let the first key it met decide, in {@code Set.of}'s order, which is
   * drawn anew in every JVM: one way per other key makes the old rule drop at least one of them
   * unless amenity happened to come last (1 run in 7).
   */
  @Test
  void aSchoolsBuildingIsDrawnWhateverOrderTheKeysAreTriedIn(@TempDir Path dir) throws IOException {
    StringBuilder osm = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<osm version=\"0.6\">\n"
        + "  <node id=\"1\" lat=\"43.0\" lon=\"7.0\"/>\n  <node id=\"2\" lat=\"43.0\" lon=\"7.001\"/>\n"
        + "  <node id=\"3\" lat=\"43.001\" lon=\"7.001\"/>\n");
    List<String> others = List.of("highway=service", "building=yes", "landuse=education", "natural=scrub",
        "leisure=pitch", "waterway=ditch");
    for (int i = 0; i < others.size(); i++) {
      String[] kv = others.get(i).split("=");
      osm.append(String.format("  <way id=\"%d\"><nd ref=\"1\"/><nd ref=\"2\"/><nd ref=\"3\"/><nd ref=\"1\"/>"
          + "<tag k=\"amenity\" v=\"school\"/><tag k=\"%s\" v=\"%s\"/></way>%n", 100 + i, kv[0], kv[1]));
    }
    osm.append("  <way id=\"200\"><nd ref=\"1\"/><nd ref=\"2\"/><nd ref=\"3\"/><nd ref=\"1\"/>"
        + "<tag k=\"amenity\" v=\"parking\"/></way>\n");
    osm.append("  <way id=\"201\"><nd ref=\"1\"/><nd ref=\"2\"/><nd ref=\"3\"/><nd ref=\"1\"/>"
        + "<tag k=\"amenity\" v=\"school\"/></way>\n</osm>\n");
    Path f = Files.writeString(dir.resolve("school.osm"), osm.toString());
    assertEquals(List.of(100L, 101L, 102L, 103L, 104L, 105L, 200L),
        OsmFeatureReader.read(f).ways().stream().map(OsmWay::id).toList(), "Set.of order: " + OsmFeatureReader.FEATURE_KEYS);
  }

  @Test
  void shippedExtractsXmlAndPbf() {
    OsmFeatures monaco = OsmFeatureReader.read(SharedData.file("maps/monaco.osm.gz"));
    long buildings = monaco.ways().stream().filter(w -> w.tag("building") != null).count();
    long roads = monaco.ways().stream().filter(w -> "primary".equals(w.tag("highway"))).count();
    System.out.println("Monaco: " + monaco.ways().size() + " drawable ways, " + buildings + " buildings, "
        + roads + " primary road pieces, " + monaco.trees().size() + " trees");
    assertTrue(buildings > 800, "buildings: " + buildings);
    assertTrue(roads > 50, "primary roads: " + roads);
    assertEquals(208, monaco.trees().size()); // grep -c 'k="natural" v="tree"' on the extract
    OsmFeatures andorra = OsmFeatureReader.read(SharedData.file("maps/andorra.osm.pbf"));
    long highways = andorra.ways().stream().filter(w -> w.tag("highway") != null).count();
    System.out.println("Andorra (PBF): " + andorra.ways().size() + " drawable ways, " + highways + " highways");
    assertTrue(highways > 1000, "Andorra highways: " + highways);
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) {
    Path none = dir.resolve("none.osm.pbf");
    assertEquals("OSM file not found: " + none,
        assertThrows(IllegalArgumentException.class, () -> OsmFeatureReader.read(none)).getMessage());
  }
}
