package org.swarmsense.gateway.offload;

import org.swarmsense.gateway.wire.OccupancyResult;
import org.swarmsense.maps.camera.StereoPair;
import org.swarmsense.maps.camera.StereoRigSettings;

/**
 * The geometry of a leg check (issue 19 part 4), fixed before any check was run: which box a flying
 * drone asks the edge node to voxelise, which of the answer's voxels count as an obstacle, and the
 * stereo baseline it flies with. Plain Java, stateless.
 *
 * <p><b>Box</b> (left camera coordinates, the pair's image top towards the heading: X to the right of
 * the track, Y towards the image bottom, i.e. behind, Z down): a cube of {@value #BOX_SIDE_M} m, X in
 * [-16, 16), Y in [-24, 8) (24 m ahead of the drone to 8 m behind it), Z from {@value
 * #BOX_ABOVE_GROUND_M} m above the ground to {@value #BOX_BELOW_GROUND_M} m below it, i.e. [A - 28.25, A
 * + 3.75) at altitude A (as edge-inference's {@code VoxelBox.nadirBelow}: the ground mid-voxel at
 * 64^3). Voxels 2, 1 or 0.5 m at 16^3, 32^3, 64^3. At 50 m a 60 degree camera sees the ground 28.9 m
 * ahead and a 12 m roof 21.9 m ahead: what it cannot see it cannot check.
 *
 * <p><b>Hit rule</b>: the leg's next stretch is blocked when at least one occupied voxel of the finest
 * level the node answered (16^3, 32^3 or 64^3; coarser levels are the OR of it and add nothing) has
 * its centre ahead of the drone (Y &lt; 0), within {@code corridorHalfWidthM} of the track (|X| &lt;=
 * half-width) and at least {@code obstacleHeightM} above the ground (A - Z &gt;= height): a structure
 * standing in the path below the drone. Why height above the ground and not a clearance below the
 * drone: a rig whose baseline keeps the ground inside 64 disparities cannot measure anything closer
 * than f B / 63 = 0.76 (A - 12) m (29 m at A = 50 m), so a clearance band just below the drone is out of
 * the sensor's reach; what it can tell is which structures stand in the corridor, which is what a drone
 * descending to capture, or flying a lower leg, must know. A late answer counts like any other (it says
 * it was late); an error answer is no verdict.
 *
 * <p><b>Truth</b>: the simulator renders the pair, so it knows the exact disparity of every left
 * pixel; a leg is truly blocked when at least one left pixel's surface point (pinhole: Z = f B / d, X
 * = (x - cx) Z / f, Y = (y - cy) Z / f, the inverse of the rig's projection) lies in the same region.
 * The answer's hit is scored against it (true or false hit, miss).
 *
 * <p><b>Baseline</b>: the maps rig's rule at the altitude flown: the tallest shipped surface ({@value
 * #TALLEST_SURFACE_M} m) at 48 px, i.e. the rig's baseline x (A - 12) / (100 - 12), so that every
 * surface stays inside the matcher's 64 disparities at any altitude (at 100 m: the rig's 9.5 m).
 */
public final class LegCorridor {

  /** The box's edge, metres. */
  public static final double BOX_SIDE_M = 32;
  /** How far ahead of the drone the box reaches, metres. */
  public static final double BOX_AHEAD_M = 24;
  /** How far above the ground the box reaches, metres (edge-inference {@code VoxelBox.nadirBelow}). */
  public static final double BOX_ABOVE_GROUND_M = 28.25;
  /** How far below the ground the box reaches, metres. */
  public static final double BOX_BELOW_GROUND_M = 3.75;
  /** Lowest altitude checked: the box must hold the ground and the drone must be above its top. */
  public static final double MIN_ALTITUDE_M = 30;
  /** The tallest surface of the shipped maps, metres (maps reference.conf, stereo-rig). */
  public static final double TALLEST_SURFACE_M = 12;
  /** The altitude the maps rig's baseline was chosen for, metres. */
  public static final double RIG_ALTITUDE_M = 100;

  private LegCorridor() {}

  /** The box's lower X, Y and Z at altitude {@code altitudeM}, then its side: {minX, minY, minZ, side}. */
  public static double[] box(double altitudeM) {
    return new double[] {-BOX_SIDE_M / 2, -BOX_AHEAD_M, altitudeM - BOX_ABOVE_GROUND_M, BOX_SIDE_M};
  }

  /** The rig flown at {@code altitudeM}: {@code rig} with its baseline scaled by the rule above. */
  public static StereoRigSettings rigAt(StereoRigSettings rig, double altitudeM) {
    if (!(altitudeM >= MIN_ALTITUDE_M) || Double.isInfinite(altitudeM)) {
      throw new IllegalArgumentException("altitudeM must be >= " + MIN_ALTITUDE_M + " and finite, got " + altitudeM);
    }
    double b = rig.baselineM() * (altitudeM - TALLEST_SURFACE_M) / (RIG_ALTITUDE_M - TALLEST_SURFACE_M);
    return new StereoRigSettings(b, rig.horizontalFovDeg(), rig.widthPx(), rig.heightPx());
  }

  /**
   * Occupied voxels of an answer inside the corridor (the hit rule); {@code altitudeM} is the one the
   * request's box was built for.
   */
  public static int corridorVoxels(OccupancyResult r, double altitudeM, LegCheckSettings s) {
    if (!r.ok()) {
      throw new IllegalArgumentException("an error answer has no voxels: " + r);
    }
    double[] b = box(altitudeM);
    int n = r.resolution();
    double v = b[3] / n;
    int found = 0;
    for (int z = 0; z < n; z++) {
      double cz = b[2] + (z + 0.5) * v;
      if (altitudeM - cz < s.obstacleHeightM()) {
        break; // deeper voxels are lower still
      }
      for (int y = 0; y < n; y++) {
        double cy = b[1] + (y + 0.5) * v;
        if (cy >= 0) {
          break;
        }
        for (int x = 0; x < n; x++) {
          double cx = b[0] + (x + 0.5) * v;
          if (Math.abs(cx) <= s.corridorHalfWidthM() && r.occupiedAt(x, y, z)) {
            found++;
          }
        }
      }
    }
    return found;
  }

  /** Whether the rendered pair's exact disparity puts a surface in the corridor (the truth of a check). */
  public static boolean truthBlocked(StereoPair pair, LegCheckSettings s) {
    double fb = pair.focalPx() * pair.baselineM();
    double minZ = pair.altitudeM() - BOX_ABOVE_GROUND_M;
    int w = pair.widthPx();
    for (int i = 0; i < pair.disparityPx().length; i++) {
      double d = pair.disparityPx()[i];
      if (!(d > 0)) {
        continue;
      }
      double zM = fb / d;
      if (pair.altitudeM() - zM < s.obstacleHeightM() || zM < minZ) {
        continue;
      }
      double xM = (i % w - pair.principalXPx()) * zM / pair.focalPx();
      double yM = (i / w - pair.principalYPx()) * zM / pair.focalPx();
      if (yM < 0 && yM >= -BOX_AHEAD_M && Math.abs(xM) <= s.corridorHalfWidthM()) {
        return true;
      }
    }
    return false;
  }
}
