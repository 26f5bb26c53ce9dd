/**
 * No-fly zones (polygons in local metres with optional altitude limits) and free-flight routing
 * around them on a visibility graph.
 */
package org.swarmsense.maps.nofly;
