package org.swarmsense.gateway.mqtt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code bench mqtt --saturate}: raises the offered telemetry load step by step (rate per device x
 * {@code factor}) and measures, at each step and in the same run, the raw plain-client path and
 * the gateway's fleet link on the same broker ({@link TelemetryBench}). A side <b>breaks</b> at a
 * step when it loses more than {@code maxLoss} of what was sent in the window (1 - received /
 * sent) or its p99 latency exceeds {@code maxP99Ms}; its sustained rate is the highest received
 * rate of a step before it broke. The sweep stops when every side broke or after {@code maxSteps}.
 * Not thread-safe; one sweep at a time.
 */
public final class TelemetrySaturation {
  private TelemetrySaturation() {}

  /**
   * One load step: the offered rate and the three paths of {@link TelemetryBench}: raw plain
   * clients, the simulator through the fleet link, and the raw publishers through the fleet link.
   */
  public record Step(double offeredPerS, TelemetryBench.Side raw, TelemetryBench.Side link,
      TelemetryBench.Side rawIntoLink) {}

  /**
   * The sweep's outcome.
   *
   * @param steps every measured step, in order
   * @param rawSustainedPerS highest raw received rate before the raw side broke, msgs/s
   * @param linkSustainedPerS highest link received rate before the link side broke, msgs/s
   * @param rawIntoLinkSustainedPerS the same for the raw publishers through the link, msgs/s
   */
  public record Result(List<Step> steps, double rawSustainedPerS, double linkSustainedPerS,
      double rawIntoLinkSustainedPerS) {
    public Result {
      steps = List.copyOf(steps);
    }

    /** Link (simulator-fed) over raw sustained rate (the goal: at least 0.7). */
    public double ratio() {
      return rawSustainedPerS == 0 ? 0 : linkSustainedPerS / rawSustainedPerS;
    }

    /** Link fed by the raw publishers over raw sustained rate (the link's own cost). */
    public double rawIntoLinkRatio() {
      return rawSustainedPerS == 0 ? 0 : rawIntoLinkSustainedPerS / rawSustainedPerS;
    }
  }

  /** True when {@code s} lost more than {@code maxLoss} of what it sent or p99 > maxP99Ms. */
  public static boolean broken(TelemetryBench.Side s, double maxLoss, long maxP99Ms) {
    double loss = s.sent() == 0 ? 1 : 1 - (double) s.received() / s.sent();
    return loss > maxLoss || s.p99Ms() > maxP99Ms;
  }

  /** Sustained rates of already measured steps (pure: the rule above). */
  public static Result evaluate(List<Step> steps, double maxLoss, long maxP99Ms) {
    return new Result(steps, sustained(steps, Step::raw, maxLoss, maxP99Ms),
        sustained(steps, Step::link, maxLoss, maxP99Ms),
        sustained(steps, Step::rawIntoLink, maxLoss, maxP99Ms));
  }

  private static double sustained(List<Step> steps,
      java.util.function.Function<Step, TelemetryBench.Side> side, double maxLoss, long maxP99Ms) {
    double best = 0;
    for (Step s : steps) {
      if (broken(side.apply(s), maxLoss, maxP99Ms)) {
        break;
      }
      best = Math.max(best, side.apply(s).receivedPerS());
    }
    return best;
  }

  /**
   * Runs the sweep from {@code startRateHz} per device, multiplying by {@code factor} each step.
   *
   * @param onStep called after each step (for printing)
   */
  public static Result sweep(String url, int devices, int connections, double startRateHz,
      double factor, int maxSteps, Duration warmup, Duration duration, double maxLoss, long maxP99Ms,
      Consumer<Step> onStep) throws Exception {
    if (!(factor > 1) || maxSteps < 1 || !(startRateHz > 0) || !(maxLoss >= 0) || maxP99Ms < 1) {
      throw new IllegalArgumentException("saturation sweep needs factor > 1, steps >= 1, start rate > 0,"
          + " loss >= 0, p99 >= 1 ms; got factor " + factor + ", steps " + maxSteps + ", start "
          + startRateHz + " Hz, loss " + maxLoss + ", p99 " + maxP99Ms + " ms");
    }
    List<Step> steps = new ArrayList<>();
    double rate = startRateHz;
    for (int i = 0; i < maxSteps; i++) {
      TelemetryBench.Result r = TelemetryBench.measure(url, devices, rate, connections, warmup, duration);
      Step s = new Step(r.offeredPerS(), r.raw(), r.link(), r.rawIntoLink());
      steps.add(s);
      onStep.accept(s);
      if (broken(s.raw(), maxLoss, maxP99Ms) && broken(s.link(), maxLoss, maxP99Ms)
          && broken(s.rawIntoLink(), maxLoss, maxP99Ms)) {
        break;
      }
      rate *= factor;
    }
    return evaluate(steps, maxLoss, maxP99Ms);
  }
}
