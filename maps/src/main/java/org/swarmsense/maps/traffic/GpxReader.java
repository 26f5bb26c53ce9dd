package org.swarmsense.maps.traffic;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads GPX 1.0/1.1 tracks (plain or gzip) streaming with StAX.
 *
 * <p>Each {@code <trkseg>} becomes one {@link Trajectory} with id {@code <trk name or "track">#<track
 * index>/<segment index>} (0-based). Times are seconds since the Unix epoch from {@code <time>}.
 * A segment whose points carry no {@code <time>} at all (e.g. a drawn route) gets one second per
 * point from 0, so it can still be map-matched; a segment where only some points have a time is an
 * error. Route points ({@code rtept}) and waypoints are ignored. Errors name the file and line.
 * Stateless and thread-safe.
 */
public final class GpxReader {

  private GpxReader() {}

  /** The track segments of the file, in file order. */
  public static List<Trajectory> read(Path file) {
    TraceFiles.Opened opened = TraceFiles.open(file);
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    List<Trajectory> out = new ArrayList<>();
    XMLStreamReader xml = null;
    int line = 1;
    try (var in = opened.stream()) {
      xml = factory.createXMLStreamReader(in);
      int trackIndex = -1;
      int segIndex = -1;
      String trackName = null;
      List<double[]> seg = null; // lon, lat, t
      int segStartLine = 0;
      double lon = 0;
      double lat = 0;
      double t = Double.NaN;
      boolean inPoint = false;
      boolean inTrkName = false;
      boolean sawRoot = false;
      boolean ended = false;
      while (xml.hasNext()) {
        int event = xml.next();
        line = xml.getLocation().getLineNumber();
        if (event == XMLStreamConstants.START_ELEMENT) {
          String name = xml.getLocalName();
          if (!sawRoot) {
            if (!"gpx".equals(name)) {
              throw new IllegalArgumentException(file + ": line " + line + ": root element is <" + name + ">, expected <gpx>");
            }
            sawRoot = true;
            continue;
          }
          switch (name) {
            case "trk" -> {
              trackIndex++;
              segIndex = -1;
              trackName = null;
            }
            case "name" -> inTrkName = trackIndex >= 0 && seg == null && trackName == null;
            case "trkseg" -> {
              segIndex++;
              seg = new ArrayList<>();
              segStartLine = line;
            }
            case "trkpt" -> {
              if (seg == null) {
                throw new IllegalArgumentException(file + ": line " + line + ": <trkpt> outside a <trkseg>");
              }
              lat = coordinate(xml, "lat", 90, file, line);
              lon = coordinate(xml, "lon", 180, file, line);
              t = Double.NaN;
              inPoint = true;
            }
            case "time" -> {
              if (inPoint) {
                String text = xml.getElementText().strip();
                try {
                  Instant instant = Instant.parse(text);
                  t = instant.getEpochSecond() + instant.getNano() / 1e9;
                } catch (DateTimeParseException e) {
                  throw new IllegalArgumentException(file + ": line " + line + ": <time> \"" + text + "\" is not an ISO-8601 instant");
                }
              }
            }
            default -> { }
          }
        } else if (event == XMLStreamConstants.CHARACTERS && inTrkName) {
          trackName = (trackName == null ? "" : trackName) + xml.getText();
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          switch (xml.getLocalName()) {
            case "name" -> {
              if (inTrkName && trackName != null) {
                trackName = trackName.strip();
              }
              inTrkName = false;
            }
            case "trkpt" -> {
              seg.add(new double[] {lon, lat, t});
              inPoint = false;
            }
            case "trkseg" -> {
              if (!seg.isEmpty()) {
                String base = trackName == null || trackName.isEmpty() ? "track" : trackName;
                out.add(toTrajectory(base + "#" + trackIndex + "/" + segIndex, seg, file, segStartLine));
              }
              seg = null;
            }
            case "gpx" -> ended = true;
            default -> { }
          }
        }
      }
      if (!ended) {
        throw new IllegalArgumentException(file + ": truncated GPX: no closing </gpx> (read to line " + line + ")");
      }
    } catch (XMLStreamException | IOException e) {
      throw SumoFcdReader.truncatedOrBad(file, opened, line, e);
    } finally {
      if (xml != null) {
        try {
          xml.close();
        } catch (XMLStreamException ignored) {
          // the original error is what matters
        }
      }
    }
    return out;
  }

  private static Trajectory toTrajectory(String id, List<double[]> seg, Path file, int line) {
    int n = seg.size();
    long timed = seg.stream().filter(p -> !Double.isNaN(p[2])).count();
    if (timed != 0 && timed != n) {
      throw new IllegalArgumentException(file + ": segment starting at line " + line + ": " + timed + " of " + n
          + " points have a <time>; either all or none must");
    }
    double[] t = new double[n];
    double[] lon = new double[n];
    double[] lat = new double[n];
    for (int i = 0; i < n; i++) {
      double[] p = seg.get(i);
      lon[i] = p[0];
      lat[i] = p[1];
      t[i] = timed == 0 ? i : p[2];
      if (i > 0 && !(t[i] > t[i - 1])) {
        throw new IllegalArgumentException(file + ": segment starting at line " + line + ": point " + i
            + " time " + Instant.ofEpochMilli((long) (t[i] * 1000)) + " is not after the previous point's");
      }
    }
    return new Trajectory(id, t, lon, lat);
  }

  private static double coordinate(XMLStreamReader xml, String attr, double limit, Path file, int line) {
    String v = xml.getAttributeValue(null, attr);
    if (v == null) {
      throw new IllegalArgumentException(file + ": line " + line + ": <trkpt> has no " + attr);
    }
    double d;
    try {
      d = Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + ": line " + line + ": <trkpt> " + attr + "=\"" + v + "\" is not a number");
    }
    if (!(d >= -limit && d <= limit)) {
      throw new IllegalArgumentException(file + ": line " + line + ": <trkpt> " + attr + " = " + d
          + " outside [-" + (int) limit + ", " + (int) limit + "]");
    }
    return d;
  }
}
