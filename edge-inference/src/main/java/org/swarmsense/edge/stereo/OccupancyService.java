package org.swarmsense.edge.stereo;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * Deadline-aware occupancy from a stereo pair, coarse first (issue 19 part 4): every request first
 * gets the half-size pass (the pair halved, half the disparities: {@link GrayImage#halfSize()},
 * {@link StereoCalibration#halfSize()}, {@link SgmSettings#halfSize()}) and its 8^3 and 16^3 levels;
 * then the full-size pass runs only when its predicted time to 32^3 still ends before the deadline,
 * and 64^3 only when its predicted extra time does too. The answer says which levels were reached.
 *
 * <p><b>Predictions</b> come from times this service measured, scaled by the current request's own
 * half-size pass so that they follow the machine's load: full pass to 32^3 = (last measured full pass
 * to 32^3) x (this half pass / the half pass measured with it); the 64^3 step = (last measured 64^3
 * step) x (this full pass / the full pass measured with it). Before anything is measured: the full
 * pass is {@value #FIRST_FULL_TO_HALF} x the half pass (measured on Middlebury Motorcycle: the half
 * pass took 25-30 % of the full one, edge-inference README), and the 64^3 step {@value
 * #FIRST_SIXTY_FOUR_SHARE} x the full pass (there 1-29 ms of 500-580 ms). A prediction can be wrong;
 * the answer is then late, never lost, and the next prediction uses the new measurement.
 *
 * <p><b>Clock.</b> Time is read from the {@code nanoClock} given at construction, exactly at these
 * points: the start of a request, the end of the half-size pass (after its 16^3), the end of the
 * full pass's 32^3 (if it runs), the end of its 64^3 (if it runs), and the answer. Tests give a
 * scripted clock; the product gives {@link System#nanoTime}.
 *
 * <p>Plain Java; one request at a time (requests are serialised: the matchers keep their buffers).
 */
public final class OccupancyService implements AutoCloseable {

  /** Full pass / half pass time before any full pass was measured. */
  static final double FIRST_FULL_TO_HALF = 4.0;
  /** 64^3 step / full pass to 32^3 before any 64^3 step was measured. */
  static final double FIRST_SIXTY_FOUR_SHARE = 0.1;

  private final SemiGlobalMatcher full;
  private final SemiGlobalMatcher half;
  private final OccupancyRule rule;
  private final PixelFootprint footprint;
  private final LongSupplier nanoClock;

  // the last measurements, milliseconds (NaN: none yet)
  private double lastHalfMs = Double.NaN;
  private double lastFullMs = Double.NaN;
  private double lastFullWith64Ms = Double.NaN;
  private double last64StepMs = Double.NaN;

  /** A service matching with {@code matcher} (full size; half size derived), voxelising as {@code rule} and {@code footprint} say. */
  public OccupancyService(SgmSettings matcher, OccupancyRule rule, PixelFootprint footprint, LongSupplier nanoClock) {
    if (matcher == null || rule == null || footprint == null || nanoClock == null) {
      throw new IllegalArgumentException("matcher, rule, footprint and nanoClock must be set, got " + matcher + ", " + rule
          + ", " + footprint + ", " + nanoClock);
    }
    this.full = new SemiGlobalMatcher(matcher);
    this.half = new SemiGlobalMatcher(matcher.halfSize());
    this.rule = rule;
    this.footprint = footprint;
    this.nanoClock = nanoClock;
  }

  /** A service on the system clock. */
  public OccupancyService(SgmSettings matcher, OccupancyRule rule, PixelFootprint footprint) {
    this(matcher, rule, footprint, System::nanoTime);
  }

  /** Serves one request: the half-size levels at once, the full-size ones as far as the deadline allows. */
  public synchronized OccupancyAnswer answer(OccupancyRequest request) {
    long t0 = nanoClock.getAsLong();
    double deadlineMs = request.deadline().toNanos() / 1e6;
    OccupancyPyramid pyramid = new OccupancyPyramid(request.box(), rule);

    DisparityMap coarse = half.compute(request.left().halfSize(), request.right().halfSize());
    List<OccupancyLevel> coarseLevels = pyramid.coarseToFine(
        PointCloud.fromDisparity(coarse, request.calibration().halfSize(), request.box(), footprint),
        level -> level.resolution() < 16);
    long tHalf = nanoClock.getAsLong();
    double halfMs = ms(tHalf - t0);

    double predictedFullMs = Double.isNaN(lastFullMs) ? FIRST_FULL_TO_HALF * halfMs : lastFullMs * halfMs / lastHalfMs;
    if (halfMs + predictedFullMs > deadlineMs) {
      return new OccupancyAnswer(coarseLevels, false, predictedFullMs, ms(nanoClock.getAsLong() - t0), deadlineMs);
    }

    DisparityMap map = full.compute(request.left(), request.right());
    double[] fullMs = {Double.NaN};
    long[] t32 = {0};
    List<OccupancyLevel> levels = pyramid.coarseToFine(
        PointCloud.fromDisparity(map, request.calibration(), request.box(), footprint), level -> {
          if (level.resolution() < 32) {
            return true;
          }
          if (level.resolution() > 32) {
            return false;
          }
          t32[0] = nanoClock.getAsLong();
          fullMs[0] = ms(t32[0] - tHalf);
          double predicted64 = Double.isNaN(last64StepMs) ? FIRST_SIXTY_FOUR_SHARE * fullMs[0]
              : last64StepMs * fullMs[0] / lastFullWith64Ms;
          return ms(t32[0] - t0) + predicted64 <= deadlineMs;
        });
    lastHalfMs = halfMs;
    lastFullMs = fullMs[0];
    if (levels.get(levels.size() - 1).resolution() == 64) {
      last64StepMs = ms(nanoClock.getAsLong() - t32[0]);
      lastFullWith64Ms = fullMs[0];
    }
    return new OccupancyAnswer(levels, true, predictedFullMs, ms(nanoClock.getAsLong() - t0), deadlineMs);
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  /** Releases both matchers' threads. */
  @Override
  public synchronized void close() {
    full.close();
    half.close();
  }
}
