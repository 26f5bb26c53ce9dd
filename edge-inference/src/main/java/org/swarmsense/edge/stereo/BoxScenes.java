package org.swarmsense.edge.stereo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded stereo scenes inside the camera box ({@link VoxelBox#standard()}: X, Y in [-2, 2] m,
 * Z in [1.5, 5.5] m), ray-cast for the learned occupancy path (issue 19 part 3): a floor, a back wall
 * and one to five axis-aligned boxes, each surface with its own value-noise texture fixed to the
 * surface (so both views see the same pattern), Lambert shading under one light per scene, and
 * independent sensor noise per view. Maps' {@code StereoRig} renders nadir pairs from 100 m (box
 * {@link VoxelBox#nadirBelow}), which cannot fill a 4 m box 1.5-5.5 m in front of the camera; hence
 * this renderer.
 *
 * <p>The rig, fixed before any training: {@value #SIZE_PX}x{@value #SIZE_PX} px, 60 degree field of
 * view (f = 110.85 px), principal point at the image centre, baseline 0.5 m: disparity f B / Z is
 * 37 px at 1.5 m and 10 px at 5.5 m (within the classical matcher's 64), one pixel of disparity being
 * 0.45 m of depth at 5 m. The truth is the exact left-view depth as disparity, voxelised exactly as
 * the classical path's ground truth ({@link #truthLevels}). The same seed gives the same bytes.
 * Stateless: thread-safe.
 */
public final class BoxScenes {

  /** Image width and height, pixels. */
  public static final int SIZE_PX = 128;
  /** Stereo baseline, metres. */
  public static final double BASELINE_M = 0.5;
  /** Focal length, pixels: a 60 degree horizontal field of view. */
  public static final double FOCAL_PX = (SIZE_PX / 2.0) / Math.tan(Math.toRadians(30));

  /**
   * One rendered pair.
   *
   * @param seed the scene's seed
   * @param left left view
   * @param right right view ({@link #BASELINE_M} to the right)
   * @param truth exact disparity of the left view (never NaN: every ray hits the back wall at the latest)
   */
  public record Pair(long seed, GrayImage left, GrayImage right, DisparityMap truth) {
    /** Validates. */
    public Pair {
      if (left == null || right == null || truth == null) {
        throw new IllegalArgumentException("left, right and truth must be set");
      }
    }
  }

  private BoxScenes() {}

  /** The rig's calibration (doffs 0). */
  public static StereoCalibration calibration() {
    double c = (SIZE_PX - 1) / 2.0;
    return new StereoCalibration(FOCAL_PX, c, c, 0, BASELINE_M);
  }

  /** Ground truth at 8^3, 16^3, 32^3 and 64^3 over the standard box: the classical bench's rule (one point per pixel centre occupies its voxel, dense). */
  public static List<OccupancyLevel> truthLevels(DisparityMap truth) {
    VoxelBox box = VoxelBox.standard();
    return new OccupancyPyramid(box, OccupancyRule.anyPoint()).dense(PointCloud.fromDisparity(truth, calibration(), box));
  }

  /** An axis-aligned box (or plane when one half-size is 0) with its texture and albedo. */
  private record Solid(double[] min, double[] max, int id, double albedo) {}

  /** Renders scene {@code seed}. */
  public static Pair render(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Solid> solids = new ArrayList<>();
    double floorY = 1.0 + 0.9 * rnd.nextDouble();
    double wallZ = 4.8 + 3.0 * rnd.nextDouble();
    solids.add(new Solid(new double[] {-100, floorY, 0.1}, new double[] {100, 100, wallZ}, 0, 0.3 + 0.5 * rnd.nextDouble()));
    solids.add(new Solid(new double[] {-100, -100, wallZ}, new double[] {100, 100, wallZ + 1}, 1,
        0.3 + 0.6 * rnd.nextDouble()));
    int boxes = 1 + rnd.nextInt(5);
    for (int b = 0; b < boxes; b++) {
      double cz = 1.9 + 3.3 * rnd.nextDouble();
      double halfView = cz * Math.tan(Math.toRadians(30));
      double cx = (2 * rnd.nextDouble() - 1) * Math.min(1.8, halfView);
      double hx = 0.1 + 0.5 * rnd.nextDouble();
      double hy = 0.1 + 0.6 * rnd.nextDouble();
      double hz = 0.1 + 0.5 * rnd.nextDouble();
      double cy = rnd.nextBoolean() ? floorY - hy : -1.5 + 2.4 * rnd.nextDouble();
      solids.add(new Solid(new double[] {cx - hx, cy - hy, cz - hz}, new double[] {cx + hx, Math.min(cy + hy, floorY), cz + hz},
          2 + b, 0.2 + 0.8 * rnd.nextDouble()));
    }
    double[] light = {2 * rnd.nextDouble() - 1, -1 - rnd.nextDouble(), -1 - rnd.nextDouble()}; // towards the light: up, back
    double norm = Math.sqrt(light[0] * light[0] + light[1] * light[1] + light[2] * light[2]);
    for (int i = 0; i < 3; i++) {
      light[i] /= norm;
    }
    float[] depth = new float[SIZE_PX * SIZE_PX];
    GrayImage left = view(solids, light, 0, seed * 2 + 1, depth);
    GrayImage right = view(solids, light, BASELINE_M, seed * 2 + 2, null);
    float[] disparity = new float[depth.length];
    for (int i = 0; i < depth.length; i++) {
      disparity[i] = (float) (FOCAL_PX * BASELINE_M / depth[i]);
    }
    return new Pair(seed, left, right, new DisparityMap(SIZE_PX, SIZE_PX, disparity));
  }

  /** Ray-casts one view from (originX, 0, 0); writes the hit depth per pixel into {@code depthOut} if given. */
  private static GrayImage view(List<Solid> solids, double[] light, double originX, long noiseSeed, float[] depthOut) {
    SplittableRandom noise = new SplittableRandom(noiseSeed);
    double c = (SIZE_PX - 1) / 2.0;
    byte[] px = new byte[SIZE_PX * SIZE_PX];
    double[] o = {originX, 0, 0};
    for (int y = 0; y < SIZE_PX; y++) {
      for (int x = 0; x < SIZE_PX; x++) {
        double[] d = {(x - c) / FOCAL_PX, (y - c) / FOCAL_PX, 1};
        double bestT = Double.POSITIVE_INFINITY;
        Solid best = null;
        int bestAxis = 2;
        for (Solid s : solids) {
          double tNear = Double.NEGATIVE_INFINITY;
          double tFar = Double.POSITIVE_INFINITY;
          int axis = -1;
          boolean miss = false;
          for (int a = 0; a < 3 && !miss; a++) {
            double t0 = (s.min()[a] - o[a]) / d[a];
            double t1 = (s.max()[a] - o[a]) / d[a];
            if (d[a] == 0) {
              if (o[a] < s.min()[a] || o[a] > s.max()[a]) {
                miss = true;
              }
              continue;
            }
            double lo = Math.min(t0, t1);
            double hi = Math.max(t0, t1);
            if (lo > tNear) {
              tNear = lo;
              axis = a;
            }
            tFar = Math.min(tFar, hi);
          }
          if (!miss && tNear <= tFar && tNear > 0 && tNear < bestT) {
            bestT = tNear;
            best = s;
            bestAxis = axis;
          }
        }
        double grey = 0;
        if (best != null) {
          double hx = o[0] + bestT * d[0];
          double hy = o[1] + bestT * d[1];
          double hz = bestT;
          double[] normal = new double[3];
          normal[bestAxis] = -Math.signum(d[bestAxis]);
          double lambert = Math.max(0, normal[0] * light[0] + normal[1] * light[1] + normal[2] * light[2]);
          double u = bestAxis == 0 ? hz : hx;
          double v = bestAxis == 1 ? hz : hy;
          double tex = 0.6 * valueNoise(u / 0.05, v / 0.05, best.id() * 3 + bestAxis)
              + 0.4 * valueNoise(u / 0.17, v / 0.17, 97 + best.id() * 3 + bestAxis);
          grey = 255 * best.albedo() * (0.3 + 0.7 * lambert) * (0.15 + 0.85 * tex);
          if (depthOut != null) {
            depthOut[y * SIZE_PX + x] = (float) hz;
          }
        }
        grey += 2.0 * gaussian(noise);
        px[y * SIZE_PX + x] = (byte) Math.max(0, Math.min(255, (int) Math.round(grey)));
      }
    }
    return new GrayImage(SIZE_PX, SIZE_PX, px);
  }

  /** Bilinear value noise in [0, 1) over an integer lattice hashed with {@code salt}. */
  private static double valueNoise(double u, double v, int salt) {
    int iu = (int) Math.floor(u);
    int iv = (int) Math.floor(v);
    double fu = u - iu;
    double fv = v - iv;
    double a = lattice(iu, iv, salt);
    double b = lattice(iu + 1, iv, salt);
    double cc = lattice(iu, iv + 1, salt);
    double dd = lattice(iu + 1, iv + 1, salt);
    return (a * (1 - fu) + b * fu) * (1 - fv) + (cc * (1 - fu) + dd * fu) * fv;
  }

  private static double lattice(int i, int j, int salt) {
    long h = i * 0x9E3779B97F4A7C15L ^ j * 0xC2B2AE3D27D4EB4FL ^ salt * 0x165667B19E3779F9L;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return (h >>> 11) * 0x1.0p-53;
  }

  private static double gaussian(SplittableRandom r) {
    double u1 = Math.max(1e-12, r.nextDouble());
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
