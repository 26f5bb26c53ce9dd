package org.swarmsense.maps.matching;

import com.graphhopper.GraphHopper;
import com.graphhopper.matching.MapMatching;
import com.graphhopper.matching.MatchResult;
import com.graphhopper.matching.Observation;
import com.graphhopper.util.PMap;
import com.graphhopper.util.PointList;
import com.graphhopper.util.shapes.GHPoint;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.swarmsense.maps.roads.RoadGraph;
import org.swarmsense.maps.traffic.Trajectory;

/**
 * Matches GPS tracks to a {@link RoadGraph} with GraphHopper map matching 10.2 (running on
 * graphhopper-core 11.0): candidate road positions near each fix, transitions weighted by how well
 * the route distance agrees with the straight-line distance, best sequence by Viterbi. Fixes closer
 * than about 2 sigma to the previous one are filtered out by the library. Stateless and
 * thread-safe (each call builds its own matcher).
 */
public final class MapMatcher {

  /** Default GPS error standard deviation, metres. */
  public static final double DEFAULT_GPS_SIGMA_M = 40;

  private static final GeometryFactory GF = new GeometryFactory();

  private MapMatcher() {}

  /** Matches a trajectory's positions (times are not used), with a 40 m GPS sigma. */
  public static MatchedTrack match(RoadGraph graph, Trajectory track) {
    return match(graph, track, DEFAULT_GPS_SIGMA_M);
  }

  /** Matches every trajectory (40 m GPS sigma), in order. */
  public static List<MatchedTrack> matchAll(RoadGraph graph, List<Trajectory> tracks) {
    List<MatchedTrack> out = new ArrayList<>(tracks.size());
    for (Trajectory t : tracks) {
      out.add(match(graph, t));
    }
    return out;
  }

  /** Matches a trajectory's positions with the given GPS error sigma (metres). */
  public static MatchedTrack match(RoadGraph graph, Trajectory track, double gpsSigmaM) {
    List<Coordinate> points = new ArrayList<>(track.size());
    for (int i = 0; i < track.size(); i++) {
      points.add(new Coordinate(track.lonDeg(i), track.latDeg(i)));
    }
    return match(graph, points, gpsSigmaM, "track " + track.vehicleId());
  }

  /**
   * Matches WGS84 points (x = lon, y = lat) in order.
   *
   * @throws IllegalArgumentException naming the track if it has fewer than 2 points, a point is
   *     off the map, or the library finds no matching sequence (e.g. a gap the roads cannot join)
   */
  public static MatchedTrack match(RoadGraph graph, List<Coordinate> pointsWgs84, double gpsSigmaM, String name) {
    if (pointsWgs84 == null || pointsWgs84.size() < 2) {
      throw new IllegalArgumentException(name + ": map matching needs at least 2 points");
    }
    if (!(gpsSigmaM > 0)) {
      throw new IllegalArgumentException("gpsSigmaM must be > 0, got: " + gpsSigmaM);
    }
    for (int i = 0; i < pointsWgs84.size(); i++) {
      Coordinate c = pointsWgs84.get(i);
      if (!graph.bounds().contains(c.x, c.y)) {
        throw new IllegalArgumentException(name + ": point " + i + " (lon " + c.x + ", lat " + c.y
            + ") is outside the map " + graph.osmFile().getFileName());
      }
    }
    GraphHopper hopper = graph.graphHopper();
    MapMatching mm = MapMatching.fromGraphHopper(hopper, new PMap().putObject("profile", RoadGraph.PROFILE));
    mm.setMeasurementErrorSigma(gpsSigmaM);
    List<Observation> obs = new ArrayList<>(pointsWgs84.size());
    for (Coordinate c : pointsWgs84) {
      obs.add(new Observation(new GHPoint(c.y, c.x)));
    }
    MatchResult result;
    try {
      result = mm.match(obs);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": map matching failed: " + e.getMessage(), e);
    }
    PointList pl = result.getMergedPath().calcPoints();
    Coordinate[] coords = new Coordinate[Math.max(2, pl.size())];
    for (int i = 0; i < pl.size(); i++) {
      coords[i] = new Coordinate(pl.getLon(i), pl.getLat(i));
    }
    if (pl.size() < 2) {
      coords[1] = coords[0];
    }
    return new MatchedTrack(GF.createLineString(coords), result.getMatchLength(), result.getGpxEntriesLength(),
        result.getEdgeMatches().size());
  }
}
