/**
 * GeoJSON (RFC 7946) in and out: geometries, features and feature collections in WGS84, parsed with
 * Jackson around the JTS GeoJSON geometry reader and writer.
 */
package org.swarmsense.maps.geojson;
