package org.swarmsense.maps.osm;

import com.graphhopper.reader.ReaderElement;
import com.graphhopper.reader.ReaderNode;
import com.graphhopper.reader.ReaderRelation;
import com.graphhopper.reader.ReaderWay;
import com.graphhopper.reader.osm.OSMInputFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamException;

/**
 * Reads the drawable features of an OSM extract: {@code natural=tree} and {@code highway=crossing}
 * nodes, and ways tagged {@code highway}, {@code building},
 * {@code landuse}, {@code natural}, {@code leisure}, {@code waterway} or {@code amenity=parking},
 * and the outer rings of multipolygon relations with such tags. Ways whose nodes are not all in
 * the extract are cut to their runs of present nodes. Stateless and thread-safe.
 */
public final class OsmFeatureReader {

  /** Tag keys that make a way drawable. */
  public static final Set<String> FEATURE_KEYS =
      Set.of("highway", "building", "landuse", "natural", "leisure", "waterway", "amenity");

  private OsmFeatureReader() {}

  /** The drawable ways and trees of {@code osmFile}, ways in file order (relations' rings last). */
  public static OsmFeatures read(Path osmFile) {
    if (!Files.isRegularFile(osmFile)) {
      throw new IllegalArgumentException("OSM file not found: " + osmFile);
    }
    NodeTable nodes = new NodeTable();
    List<OsmWay> out = new ArrayList<>();
    Map<Long, long[]> untagged = new HashMap<>();
    Map<Long, OsmWayRefs> tagged = new HashMap<>();
    List<ReaderRelation> relations = new ArrayList<>();
    List<OsmFeatures.Node> trees = new ArrayList<>();
    List<OsmFeatures.Node> crossings = new ArrayList<>();
    try (OSMInputFile in = new OSMInputFile(osmFile.toFile()).setWorkerThreads(1).open()) {
      ReaderElement e;
      while ((e = in.getNext()) != null) {
        if (e instanceof ReaderNode n) {
          nodes.add(n.getId(), n.getLon(), n.getLat());
          if (n.hasTag("natural", "tree")) {
            trees.add(new OsmFeatures.Node(n.getId(), n.getLon(), n.getLat()));
          } else if (n.hasTag("highway", "crossing") && !n.hasTag("crossing", "unmarked", "no")) {
            crossings.add(new OsmFeatures.Node(n.getId(), n.getLon(), n.getLat()));
          }
        } else if (e instanceof ReaderWay w) {
          long[] refs = w.getNodes().toArray();
          if (drawable(w)) {
            OsmWayRefs r = new OsmWayRefs(w.getId(), stringTags(w), refs);
            tagged.put(w.getId(), r);
            out.addAll(r.resolve(nodes));
          } else {
            untagged.put(w.getId(), refs);
          }
        } else if (e instanceof ReaderRelation r && "multipolygon".equals(r.getTag("type")) && drawable(r)) {
          relations.add(r);
        }
      }
    } catch (IOException | XMLStreamException | RuntimeException ex) {
      throw new IllegalArgumentException(osmFile + ": cannot read OSM data: " + ex.getMessage(), ex);
    }
    for (ReaderRelation r : relations) {
      Map<String, String> tags = stringTags(r);
      for (ReaderRelation.Member m : r.getMembers()) {
        if (m.getType() != ReaderElement.Type.WAY || !"outer".equals(m.getRole())) {
          continue;
        }
        long[] refs = untagged.get(m.getRef());
        if (refs == null && tagged.containsKey(m.getRef())) {
          refs = tagged.get(m.getRef()).refs();
        }
        if (refs != null) {
          out.addAll(new OsmWayRefs(m.getRef(), tags, refs).resolve(nodes));
        }
      }
    }
    return new OsmFeatures(out, trees, crossings);
  }

  /**
   * Whether an element is drawn: it has one of {@link #FEATURE_KEYS} other than {@code amenity}, or it
   * is {@code amenity=parking}. An element with both (a school's building: {@code building=yes} and
   * {@code amenity=school}) is drawn. The rule must not depend on the order in which the keys are
   * tried: {@code Set.of} iterates in an order drawn anew in every JVM, so a first-key-wins loop
   * over it drew such buildings in some runs and not in others.
   */
  static boolean drawable(ReaderElement e) {
    for (String k : FEATURE_KEYS) {
      if (!"amenity".equals(k) && e.hasTag(k)) {
        return true;
      }
    }
    return "parking".equals(e.getTag("amenity"));
  }

  private static Map<String, String> stringTags(ReaderElement e) {
    Map<String, String> tags = new HashMap<>();
    for (var entry : e.getTags().entrySet()) {
      tags.put(entry.getKey(), String.valueOf(entry.getValue()));
    }
    return tags;
  }

  /** A way as node references, resolved against the node table into runs of present nodes. */
  private record OsmWayRefs(long id, Map<String, String> tags, long[] refs) {
    List<OsmWay> resolve(NodeTable nodes) {
      List<OsmWay> runs = new ArrayList<>();
      double[] lon = new double[refs.length];
      double[] lat = new double[refs.length];
      int n = 0;
      for (int i = 0; i <= refs.length; i++) {
        int idx = i < refs.length ? nodes.indexOf(refs[i]) : -1;
        if (idx >= 0) {
          lon[n] = nodes.lon(idx);
          lat[n] = nodes.lat(idx);
          n++;
        } else {
          if (n >= 2) {
            runs.add(new OsmWay(id, tags, Arrays.copyOf(lon, n), Arrays.copyOf(lat, n)));
          }
          n = 0;
        }
      }
      return runs;
    }
  }

  /**
   * Node coordinates by id: OSM files list nodes in ascending id order, so a sorted array with
   * binary search does (sorted once more if a file is out of order).
   */
  private static final class NodeTable {
    private long[] ids = new long[1 << 14];
    private double[] lon = new double[1 << 14];
    private double[] lat = new double[1 << 14];
    private int n;
    private boolean sorted = true;

    void add(long id, double lonDeg, double latDeg) {
      if (n == ids.length) {
        ids = Arrays.copyOf(ids, n * 2);
        lon = Arrays.copyOf(lon, n * 2);
        lat = Arrays.copyOf(lat, n * 2);
      }
      if (n > 0 && id <= ids[n - 1]) {
        sorted = false;
      }
      ids[n] = id;
      lon[n] = lonDeg;
      lat[n] = latDeg;
      n++;
    }

    int indexOf(long id) {
      if (!sorted) {
        sort();
      }
      int i = Arrays.binarySearch(ids, 0, n, id);
      return i >= 0 ? i : -1;
    }

    double lon(int i) {
      return lon[i];
    }

    double lat(int i) {
      return lat[i];
    }

    private void sort() {
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Long.compare(ids[a], ids[b]));
      long[] i2 = new long[n];
      double[] lo2 = new double[n];
      double[] la2 = new double[n];
      for (int i = 0; i < n; i++) {
        i2[i] = ids[order[i]];
        lo2[i] = lon[order[i]];
        la2[i] = lat[order[i]];
      }
      ids = i2;
      lon = lo2;
      lat = la2;
      sorted = true;
    }
  }
}
