/**
 * Coordinates and geometry helpers: the local metric projection used everywhere distances matter,
 * WGS84 bounds and validation of polygons with errors that name the polygon and the fault.
 */
package org.swarmsense.maps.geo;
