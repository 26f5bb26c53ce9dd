package org.swarmsense.maps.camera;

import java.awt.image.BufferedImage;
import org.locationtech.jts.geom.Coordinate;

/**
 * A nadir stereo rig over a {@link MapScene}: two pinhole cameras at the same altitude, the right one
 * {@link StereoRigSettings#baselineM()} to the image's right of the left one (across the track when
 * the image top is the heading), both rendered by {@link NadirCamera} with every roof, tree crown and
 * vehicle roof a flat surface at its height, and the exact disparity of the left view: a surface
 * {@code h} above the ground is {@code Z = A - h} below the cameras and has {@code d = f B / (A - h)}
 * (the ground {@code f B / A}); where surfaces overlap in the image the highest (nearest) one wins,
 * in the images and in the disparity alike. Walls are not drawn (each building is its roof over the
 * ground; from above a wall is seen only off the image centre). The two views share the sun and
 * light of {@code seed}; each has its own sensor noise. The same arguments give the same bytes.
 * Immutable and thread-safe.
 */
public final class StereoRig {

  /** Mixed into the seed for the right camera's sensor noise. */
  private static final long RIGHT_NOISE = 0x5249474854L;

  private final MapScene scene;
  private final CameraSettings camera;
  private final StereoRigSettings rig;

  /**
   * A rig with {@code rig}'s optics over {@code scene}; {@code camera} gives the exposure and the
   * sensor noise (its size, field of view and altitude are replaced by the rig's and the render's).
   */
  public StereoRig(MapScene scene, CameraSettings camera, StereoRigSettings rig) {
    if (scene == null || camera == null || rig == null) {
      throw new IllegalArgumentException("scene, camera and rig must not be null");
    }
    this.scene = scene;
    this.camera = camera;
    this.rig = rig;
  }

  /** The rig's optics. */
  public StereoRigSettings settings() {
    return rig;
  }

  /**
   * The pair seen from {@code altitudeM} above ({@code xM}, {@code yM}) (the left camera; local metres
   * of the scene) at {@code tS}, image top towards {@code headingDeg}; IAE when a surface in view
   * reaches within 1 m of the cameras.
   */
  public StereoPair render(TrafficSource traffic, double tS, double xM, double yM, double headingDeg, double altitudeM,
      long seed) {
    if (traffic == null) {
      throw new IllegalArgumentException("traffic must not be null");
    }
    CameraSettings view = camera.withAltitudeM(altitudeM).withHorizontalFovDeg(rig.horizontalFovDeg())
        .withSizePx(rig.widthPx(), rig.heightPx());
    NadirCamera cam = new NadirCamera(scene, view);
    double a = Math.toRadians(headingDeg);
    // the image's +x on the ground is (cos a, -sin a): see NadirCamera.groundToPixel
    double rightX = xM + rig.baselineM() * Math.cos(a);
    double rightY = yM - rig.baselineM() * Math.sin(a);
    BufferedImage left = cam.renderPinhole(traffic, tS, xM, yM, headingDeg, seed, seed);
    BufferedImage right =
        cam.renderPinhole(traffic, tS, rightX, rightY, headingDeg, seed, Hashing.mix(seed ^ RIGHT_NOISE));
    float[] heights = cam.pinholeHeightsM(traffic, tS, xM, yM, headingDeg);
    float[] disparity = new float[heights.length];
    for (int i = 0; i < heights.length; i++) {
      disparity[i] = (float) rig.disparityPx(altitudeM - heights[i]);
    }
    return new StereoPair(left, right, disparity, rig.focalPx(), rig.baselineM(), altitudeM);
  }

  /** As {@link #render}, with the left camera's ground position in WGS84 degrees. */
  public StereoPair renderAtLonLat(TrafficSource traffic, double tS, double lonDeg, double latDeg, double headingDeg,
      double altitudeM, long seed) {
    Coordinate c = scene.projection().toLocal(lonDeg, latDeg);
    return render(traffic, tS, c.x, c.y, headingDeg, altitudeM, seed);
  }
}
