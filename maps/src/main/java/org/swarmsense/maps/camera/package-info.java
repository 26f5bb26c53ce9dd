/**
 * A simulated nadir (straight-down) drone camera: renders what lies below a drone at time t from an
 * OSM map ({@link org.swarmsense.maps.camera.MapScene}, loaded and indexed once) and the vehicles of
 * a traffic source ({@link org.swarmsense.maps.camera.TrafficSource}), with the ground-truth box of
 * every visible vehicle ({@link org.swarmsense.maps.camera.NadirCamera}); and the command that writes
 * a training/evaluation data set of such frames ({@link org.swarmsense.maps.camera.RenderDataset}).
 * Plain Java 2D, headless. Same seed, same bytes.
 */
package org.swarmsense.maps.camera;
