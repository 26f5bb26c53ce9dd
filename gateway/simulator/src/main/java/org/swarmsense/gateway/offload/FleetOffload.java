package org.swarmsense.gateway.offload;

import java.util.Optional;
import org.swarmsense.semantic.codec.BandOrder;

/**
 * How every drone of a simulated fleet offloads its frames ({@code DeviceSimulator}): the camera
 * it captures with, the band order it encodes in (the edge detector's learned order), and the
 * sampling rate, deadline and uplink; and, when given, how its drones check their legs for obstacles
 * with a stereo pair (issue 19 part 4). Immutable.
 *
 * @param camera what a drone sees where it hovers (thread-safe: the drones capture in parallel)
 * @param order the codec's band order (the edge nodes must know it)
 * @param settings sampling rate, quality, deadline and uplink
 * @param legChecks the drones' stereo rig and leg-check settings, or empty: no leg checks
 */
public record FleetOffload(FrameSource camera, BandOrder order, OffloadSettings settings, Optional<LegChecks> legChecks) {

  /** Checks everything is given. */
  public FleetOffload {
    if (camera == null || order == null || settings == null || legChecks == null) {
      throw new IllegalArgumentException("camera, order, settings and legChecks (empty for none) must be given");
    }
  }

  /** Offloading without leg checks. */
  public FleetOffload(FrameSource camera, BandOrder order, OffloadSettings settings) {
    this(camera, order, settings, Optional.empty());
  }

  /**
   * Drones photographing {@code scene} with the maps nadir camera ({@code camera}: altitude, field
   * of view, size), the vehicles of {@code trace} drawn at trace time = {@code timeFactor} x the
   * seconds since the drone started capturing (no trace: an empty road); capture i of a drone is
   * rendered with seed {@code settings.seed() + i}. Flying drones check their legs with the maps
   * stereo rig over the same scene and traffic ({@code swarmsense.maps.stereo-rig}, its baseline scaled
   * to the altitude by {@link LegCorridor#rigAt}) as {@link LegCheckSettings#load()} says (an interval
   * of 0 turns them off).
   *
   * @param trace a traffic trace the maps module reads (SUMO FCD, ...), in the scene's area
   * @param timeFactor trace seconds per wall-clock second (the demo flies its mission faster), (0, 1000]
   */
  public static FleetOffload nadir(org.swarmsense.maps.camera.MapScene scene, java.util.Optional<java.nio.file.Path> trace,
      org.swarmsense.maps.camera.CameraSettings camera, double timeFactor, BandOrder order, OffloadSettings settings) {
    return nadir(scene, trace, camera, timeFactor, order, settings, LegCheckSettings.load());
  }

  /** As the {@code nadir} above, with these leg-check settings. */
  public static FleetOffload nadir(org.swarmsense.maps.camera.MapScene scene, java.util.Optional<java.nio.file.Path> trace,
      org.swarmsense.maps.camera.CameraSettings camera, double timeFactor, BandOrder order, OffloadSettings settings,
      LegCheckSettings legCheck) {
    if (scene == null || trace == null || camera == null || settings == null || legCheck == null) {
      throw new IllegalArgumentException("scene, trace, camera, settings and legCheck must be given");
    }
    if (!(timeFactor > 0 && timeFactor <= 1000)) {
      throw new IllegalArgumentException("time factor must be in (0, 1000], was " + timeFactor);
    }
    org.swarmsense.maps.camera.TrafficSource traffic = trace.isPresent()
        ? org.swarmsense.maps.camera.TrafficTrace.load(trace.get(), scene.projection())
        : tS -> java.util.List.of();
    FrameSource wall = FrameSource.nadir(new org.swarmsense.maps.camera.NadirCamera(scene, camera), traffic, 0,
        settings.seed());
    org.swarmsense.maps.camera.StereoRigSettings rig = org.swarmsense.maps.MapsSettings.load().stereoRig();
    StereoSource stereo = (tS, lat, lon, heading, alt, seed) ->
        new org.swarmsense.maps.camera.StereoRig(scene, camera, LegCorridor.rigAt(rig, alt))
            .renderAtLonLat(traffic, tS * timeFactor, lon, lat, heading, alt, seed);
    return new FleetOffload(timeFactor == 1 ? wall : (tS, lat, lon) -> wall.capture(tS * timeFactor, lat, lon), order,
        settings, legCheck.enabled() ? Optional.of(new LegChecks(stereo, legCheck)) : Optional.empty());
  }
}
