/**
 * Road graphs built offline from OSM files with GraphHopper (adapter package: GraphHopper types
 * stay here and in {@code matching}), routing, snapping, the road network as GeoJSON, and seeded
 * synthetic traffic on the roads.
 */
package org.swarmsense.maps.roads;
