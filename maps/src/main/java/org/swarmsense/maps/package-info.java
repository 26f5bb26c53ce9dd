/**
 * Maps for swarmsense: geometry, GeoJSON, a local metric projection, sensing grids, no-fly zones,
 * road graphs from OSM files, map matching, elevation and traffic traces; this root package holds
 * the module's settings ({@link org.swarmsense.maps.MapsSettings}).
 */
package org.swarmsense.maps;
