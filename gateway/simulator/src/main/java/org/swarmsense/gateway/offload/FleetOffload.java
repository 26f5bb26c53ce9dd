package org.swarmsense.gateway.offload;

import org.swarmsense.semantic.codec.BandOrder;

/**
 * How every drone of a simulated fleet offloads its frames ({@code DeviceSimulator}): the camera
 * it captures with, the band order it encodes in (the edge detector's learned order), and the
 * sampling rate, deadline and uplink. Immutable.
 *
 * @param camera what a drone sees where it hovers (thread-safe: the drones capture in parallel)
 * @param order the codec's band order (the edge nodes must know it)
 * @param settings sampling rate, quality, deadline and uplink
 */
public record FleetOffload(FrameSource camera, BandOrder order, OffloadSettings settings) {

  /** Checks everything is given. */
  public FleetOffload {
    if (camera == null || order == null || settings == null) {
      throw new IllegalArgumentException("camera, order and settings must be given");
    }
  }

  /**
   * Drones photographing {@code scene} with the maps nadir camera ({@code camera}: altitude, field
   * of view, size), the vehicles of {@code trace} drawn at trace time = {@code timeFactor} x the
   * seconds since the drone started capturing (no trace: an empty road); capture i of a drone is
   * rendered with seed {@code settings.seed() + i}.
   *
   * @param trace a traffic trace the maps module reads (SUMO FCD, ...), in the scene's area
   * @param timeFactor trace seconds per wall-clock second (the demo flies its mission faster), (0, 1000]
   */
  public static FleetOffload nadir(org.swarmsense.maps.camera.MapScene scene, java.util.Optional<java.nio.file.Path> trace,
      org.swarmsense.maps.camera.CameraSettings camera, double timeFactor, BandOrder order, OffloadSettings settings) {
    if (scene == null || trace == null || camera == null || settings == null) {
      throw new IllegalArgumentException("scene, trace, camera and settings must be given");
    }
    if (!(timeFactor > 0 && timeFactor <= 1000)) {
      throw new IllegalArgumentException("time factor must be in (0, 1000], was " + timeFactor);
    }
    org.swarmsense.maps.camera.TrafficSource traffic = trace.isPresent()
        ? org.swarmsense.maps.camera.TrafficTrace.load(trace.get(), scene.projection())
        : tS -> java.util.List.of();
    FrameSource wall = FrameSource.nadir(new org.swarmsense.maps.camera.NadirCamera(scene, camera), traffic, 0,
        settings.seed());
    return new FleetOffload(timeFactor == 1 ? wall : (tS, lat, lon) -> wall.capture(tS * timeFactor, lat, lon), order,
        settings);
  }
}
