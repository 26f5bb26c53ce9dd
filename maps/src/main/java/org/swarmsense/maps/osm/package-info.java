/**
 * Reading OpenStreetMap extracts ({@code .osm}, {@code .osm.gz}, {@code .osm.pbf}) into plain
 * way records: the map features a renderer draws (roads, buildings, land use, water), as
 * coordinate lists with their tags. An adapter over GraphHopper 11's OSM reader (XML and PBF), so
 * that GraphHopper types stay out of the rest of the library.
 */
package org.swarmsense.maps.osm;
