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
   * A captured frame and its road region, which road-first coding keeps whole (semantic-comm
   * {@code SemanticEncoder.restrict}; the maps camera's {@code RoadMask}).
   *
   * @param image the frame
   * @param roads the road region, row-major width x height, y down; null when the source knows none
   *     (recorded images): the whole frame is sent
   */
  record Captured(PixelImage image, boolean[] roads) {

    /** Checks that the region, when given, is the image's size. */
    public Captured {
      if (image == null) {
        throw new IllegalArgumentException("image must not be null");
      }
      if (roads != null && roads.length != image.pixelCount()) {
        throw new IllegalArgumentException("roads must hold " + image.width() + "x" + image.height() + " flags, got: "
            + roads.length);
      }
    }
  }

  /**
   * The frame captured at {@code tS} seconds of the drone's run, over the given point.
   *
   * @param tS seconds since the drone started capturing
   * @param latDeg WGS84 latitude of the drone
   * @param lonDeg WGS84 longitude of the drone
   */
  Captured capture(double tS, double latDeg, double lonDeg);

  /**
   * The maps nadir camera over a traffic source: the frame below the drone (heading north) at trace
   * time {@code traceOffsetS + tS}, capture {@code i} rendered with seed {@code seed + i} (lighting and
   * noise; deterministic for a seed and a capture sequence), with the camera's road region.
   */
  static FrameSource nadir(org.swarmsense.maps.camera.NadirCamera camera,
      org.swarmsense.maps.camera.TrafficSource traffic, double traceOffsetS, long seed) {
    if (camera == null || traffic == null || !Double.isFinite(traceOffsetS)) {
      throw new IllegalArgumentException("camera, traffic and a finite traceOffsetS must be given");
    }
    java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong();
    return (tS, latDeg, lonDeg) -> {
      org.swarmsense.maps.camera.CameraFrame f =
          camera.renderAtLonLat(traffic, traceOffsetS + tS, lonDeg, latDeg, 0, seed + next.getAndIncrement());
      return new Captured(org.swarmsense.semantic.codec.PixelImages.fromBuffered(f.image()), f.roads().inRegion());
    };
  }

  /** Recorded frames shown in turn, one per capture, whatever the time and place; no road region. */
  static FrameSource cycling(List<PixelImage> frames) {
    if (frames == null || frames.isEmpty()) {
      throw new IllegalArgumentException("frames must not be empty");
    }
    List<PixelImage> copy = List.copyOf(frames);
    java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong();
    return (tS, latDeg, lonDeg) -> new Captured(copy.get((int) (next.getAndIncrement() % copy.size())), null);
  }
}
