package org.swarmsense.maps.matching;

import org.locationtech.jts.geom.LineString;

/**
 * A GPS track matched to roads. Immutable and thread-safe (the line must not be mutated).
 *
 * @param lineWgs84 the matched road path, x = lon, y = lat (degrees)
 * @param matchedLengthM length of the matched path along the roads, metres
 * @param observedLengthM length of the GPS track itself (straight lines between fixes), metres
 * @param edgeCount number of road edges traversed
 */
public record MatchedTrack(LineString lineWgs84, double matchedLengthM, double observedLengthM, int edgeCount) {}
