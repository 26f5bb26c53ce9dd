package org.swarmsense.maps.roads;

/**
 * A point moved onto the nearest road. Immutable and thread-safe.
 *
 * @param lonDeg longitude on the road, degrees
 * @param latDeg latitude on the road, degrees
 * @param distanceM distance from the query point to the road, metres
 * @param edgeId id of the road edge (index into {@link RoadGraph#edges()})
 */
public record SnappedPoint(double lonDeg, double latDeg, double distanceM, int edgeId) {}
