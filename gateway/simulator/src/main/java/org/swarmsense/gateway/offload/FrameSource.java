package org.swarmsense.gateway.offload;

import java.util.List;
import org.swarmsense.semantic.codec.PixelImage;

/**
 * A drone's camera: the frame it sees at a time and place. The nadir renderer of {@code maps} (map
 * and traffic at time t) plugs in here; until then {@link #cycling} shows recorded images in turn.
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
