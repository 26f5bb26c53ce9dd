/**
 * Terrain elevation from local SRTM tiles ({@code .hgt} or {@code .hgt.zip}), never downloaded.
 */
package org.swarmsense.maps.elevation;
