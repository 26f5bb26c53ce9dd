/**
 * Sensing grids in local metres: square cells laid over a mission area, or explicit cells from a
 * cells file, with fast point-to-cell lookup.
 */
package org.swarmsense.maps.grid;
