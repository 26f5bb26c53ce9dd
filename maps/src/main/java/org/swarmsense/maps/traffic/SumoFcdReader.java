package org.swarmsense.maps.traffic;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import java.util.function.Consumer;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads SUMO floating-car data ({@code sumo --fcd-output}, plain or gzip) streaming with StAX.
 *
 * <p>Accepted layout: {@code <fcd-export>} with {@code <timestep time="s">} elements holding
 * {@code <vehicle id x y .../>} elements. The trace must be written with {@code --fcd-output.geo
 * true}, so that x is longitude and y latitude in degrees; other child elements (e.g.
 * {@code person}) are skipped. The vehicle's {@code type} attribute (its SUMO vType id), when
 * present, becomes {@link Trajectory#vehicleType()}. One {@link Trajectory} per vehicle id, in order of first appearance.
 * Errors name the file and the line (and, for a broken gzip stream, the compressed byte offset).
 * Stateless and thread-safe.
 */
public final class SumoFcdReader {

  private SumoFcdReader() {}

  /** The trajectories of every vehicle in the file, in order of first appearance. */
  public static List<Trajectory> read(Path file) {
    List<Trajectory> out = new ArrayList<>();
    parse(file, out::add, false);
    return out;
  }

  /**
   * Streams the file's trajectories to {@code sink} without holding the whole trace: a vehicle's
   * trajectory is handed over at the end of the first timestep in which the vehicle no longer
   * appears (SUMO vehicles leave when they arrive), the rest at the end of the file. A vehicle id
   * that reappears after a gap yields a second trajectory with the same id. On an error the sink
   * may already have received some trajectories.
   */
  public static void forEach(Path file, Consumer<Trajectory> sink) {
    parse(file, sink, true);
  }

  private static void parse(Path file, Consumer<Trajectory> sink, boolean emitEarly) {
    TraceFiles.Opened opened = TraceFiles.open(file);
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    Map<String, TrajectoryBuilder> vehicles = new LinkedHashMap<>();
    Set<String> seenThisStep = new HashSet<>();
    XMLStreamReader xml = null;
    int line = 1;
    try (var in = opened.stream()) {
      xml = factory.createXMLStreamReader(in);
      double time = Double.NaN;
      double lastTime = Double.NEGATIVE_INFINITY;
      boolean sawRoot = false;
      boolean ended = false;
      while (xml.hasNext()) {
        int event = xml.next();
        line = xml.getLocation().getLineNumber();
        if (event == XMLStreamConstants.START_ELEMENT) {
          String name = xml.getLocalName();
          if (!sawRoot) {
            if (!"fcd-export".equals(name)) {
              throw new IllegalArgumentException(file + ": line " + line + ": root element is <" + name
                  + ">, expected <fcd-export> (SUMO --fcd-output)");
            }
            sawRoot = true;
          } else if ("timestep".equals(name)) {
            time = number(xml, "time", file, line);
            if (!(time > lastTime)) {
              throw new IllegalArgumentException(file + ": line " + line + ": timestep time " + time
                  + " does not follow the previous " + lastTime);
            }
            lastTime = time;
          } else if ("vehicle".equals(name)) {
            if (Double.isNaN(time)) {
              throw new IllegalArgumentException(file + ": line " + line + ": <vehicle> outside a <timestep>");
            }
            String id = xml.getAttributeValue(null, "id");
            if (id == null || id.isEmpty()) {
              throw new IllegalArgumentException(file + ": line " + line + ": <vehicle> without id");
            }
            double lon = number(xml, "x", file, line);
            double lat = number(xml, "y", file, line);
            if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
              throw new IllegalArgumentException(file + ": line " + line + ": vehicle " + id + " at x=" + lon
                  + " y=" + lat + " is not a longitude/latitude; write the trace with --fcd-output.geo true");
            }
            TrajectoryBuilder b = vehicles.computeIfAbsent(id, TrajectoryBuilder::new);
            b.type(xml.getAttributeValue(null, "type"));
            b.add(time, lon, lat);
            if (emitEarly) {
              seenThisStep.add(id);
            }
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          if ("timestep".equals(xml.getLocalName())) {
            time = Double.NaN;
            if (emitEarly) {
              for (var it = vehicles.values().iterator(); it.hasNext(); ) {
                TrajectoryBuilder b = it.next();
                if (!seenThisStep.contains(b.vehicleId())) {
                  sink.accept(b.build());
                  it.remove();
                }
              }
              seenThisStep.clear();
            }
          } else if ("fcd-export".equals(xml.getLocalName())) {
            ended = true;
          }
        }
      }
      if (!ended) {
        throw new IllegalArgumentException(file + ": truncated trace: no closing </fcd-export> (read to line " + line + ")");
      }
    } catch (XMLStreamException e) {
      throw truncatedOrBad(file, opened, line, e);
    } catch (IOException e) {
      throw truncatedOrBad(file, opened, line, e);
    } finally {
      if (xml != null) {
        try {
          xml.close();
        } catch (XMLStreamException ignored) {
          // closing after a failure: the original error is what matters
        }
      }
    }
    for (TrajectoryBuilder b : vehicles.values()) {
      sink.accept(b.build());
    }
  }

  static IllegalArgumentException truncatedOrBad(Path file, TraceFiles.Opened opened, int line, Exception e) {
    if (e instanceof XMLStreamException xe && xe.getLocation() != null && xe.getLocation().getLineNumber() > 0) {
      line = xe.getLocation().getLineNumber();
    }
    String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replace('\n', ' ');
    return new IllegalArgumentException(file + ": truncated or corrupt trace near line " + line
        + (opened.gzip() ? " (gzip, compressed byte offset " + opened.raw().count() + ")" : "")
        + ": " + cause, e);
  }

  private static double number(XMLStreamReader xml, String attr, Path file, int line) {
    String v = xml.getAttributeValue(null, attr);
    if (v == null) {
      throw new IllegalArgumentException(file + ": line " + line + ": <" + xml.getLocalName() + "> has no " + attr);
    }
    try {
      double d = Double.parseDouble(v);
      if (!Double.isFinite(d)) {
        throw new NumberFormatException("not finite");
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          file + ": line " + line + ": <" + xml.getLocalName() + "> " + attr + "=\"" + v + "\" is not a number");
    }
  }
}
