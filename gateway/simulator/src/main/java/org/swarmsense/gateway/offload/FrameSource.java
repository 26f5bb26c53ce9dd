package org.swarmsense.gateway.offload;

import java.util.List;
import org.swarmsense.semantic.codec.PixelImage;

/**
 * A drone's camera: the frame it sees at a time and place: {@link #nadir}, the maps nadir camera
 * rendering map and traffic at time t; {@link #cycling} shows recorded images in turn (tests).
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface FrameSource {

  /**
   * The frame captured at {@code tS} seconds of the drone's run, over the given point.
   *
   * @param tS seconds since the drone started capturing
   * @param latDeg WGS84 latitude of the drone
   * @param lonDeg WGS84 longitude of the drone
   */
  PixelImage capture(double tS, double latDeg, double lonDeg);

  /**
   * The maps nadir camera over a traffic source: the frame below the drone (heading north) at trace
   * time {@code traceOffsetS + tS}, capture {@code i} rendered with seed {@code seed + i} (lighting and
   * noise; deterministic for a seed and a capture sequence).
   */
  static FrameSource nadir(org.swarmsense.maps.camera.NadirCamera camera,
      org.swarmsense.maps.camera.TrafficSource traffic, double traceOffsetS, long seed) {
    if (camera == null || traffic == null || !Double.isFinite(traceOffsetS)) {
      throw new IllegalArgumentException("camera, traffic and a finite traceOffsetS must be given");
    }
    java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong();
    return (tS, latDeg, lonDeg) -> org.swarmsense.semantic.codec.PixelImages.fromBuffered(
        camera.renderAtLonLat(traffic, traceOffsetS + tS, lonDeg, latDeg, 0, seed + next.getAndIncrement()).image());
  }

  /** Recorded frames shown in turn, one per capture, whatever the time and place. */
  static FrameSource cycling(List<PixelImage> frames) {
    if (frames == null || frames.isEmpty()) {
      throw new IllegalArgumentException("frames must not be empty");
    }
    List<PixelImage> copy = List.copyOf(frames);
    java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong();
    return (tS, latDeg, lonDeg) -> copy.get((int) (next.getAndIncrement() % copy.size()));
  }
}
