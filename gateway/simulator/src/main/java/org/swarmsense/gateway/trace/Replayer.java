package org.swarmsense.gateway.trace;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.swarmsense.gateway.wire.Channel;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.Event;
import org.swarmsense.gateway.wire.Payloads;
import org.swarmsense.gateway.wire.Topic;

/**
 * Replays a {@link TraceSource} into a {@link TraceSink} at a speed factor ({@link ReplayPacer}),
 * optionally moving every message to another fleet.
 *
 * <p>When the source turns out to be truncated or corrupt, everything before the bad line has been
 * published; the replayer then publishes on the {@code evt} topic of every device that had published
 * during the replay (status, telemetry, evt or result topics; first-seen order) an {@link Event} of
 * type {@code replay_incomplete}, reason {@code trace_error}, with the file and line in its detail and
 * the time of the last replayed message as {@code t_ms} (QoS 1, not retained), and throws {@link
 * ReplayIncompleteException}, so a fleet is never left half-replayed without saying so. A replay
 * asked to stop (Ctrl-C) does the same with reason {@code interrupted}.
 *
 * <p>Progress goes to a listener at most once a second of replay clock, and once at the end.
 * Stateless; each call runs on the calling thread.
 */
public final class Replayer {
  /** How often progress is reported, ns. */
  static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;

  /**
   * What a replay did.
   *
   * @param messages messages published (not counting replay_incomplete events)
   * @param devices devices that published, in first-seen order
   * @param elapsedS replay clock seconds from the first message to the end
   */
  public record Result(long messages, List<DeviceId> devices, double elapsedS) {
    /** Copies the list. */
    public Result {
      devices = List.copyOf(devices);
    }
  }

  private Replayer() {}

  /**
   * Replays {@code source} into {@code sink}.
   *
   * @param speed speed factor, > 0; {@link Double#POSITIVE_INFINITY} for as fast as possible
   * @param fleet the fleet to publish into instead of the recorded one, or null to keep it
   * @param progress receives progress at most once a second, or null
   * @throws ReplayIncompleteException after a bad line (see the class comment)
   */
  public static Result replay(TraceSource source, TraceSink sink, double speed, String fleet,
      ReplayClock clock, Consumer<ReplayProgress> progress) throws InterruptedException {
    return replay(source, sink, speed, fleet, clock, progress, () -> false);
  }

  /**
   * {@link #replay(TraceSource, TraceSink, double, String, ReplayClock, Consumer)} that can be asked
   * to stop: when {@code stop} turns true before a message, or the thread is interrupted while waiting
   * for one to be due, the replay sends {@code replay_incomplete} (reason {@code interrupted}) on each
   * device that published and throws {@link ReplayIncompleteException}.
   */
  public static Result replay(TraceSource source, TraceSink sink, double speed, String fleet,
      ReplayClock clock, Consumer<ReplayProgress> progress, BooleanSupplier stop)
      throws InterruptedException {
    if (source == null || sink == null || clock == null || stop == null) {
      throw new IllegalArgumentException("source, sink, clock and stop must not be null");
    }
    if (fleet != null) {
      Topic.requireName("fleet", fleet);
    }
    ReplayPacer pacer = new ReplayPacer(clock, speed);
    Set<DeviceId> devices = new LinkedHashSet<>();
    java.util.Map<String, Boolean> topicsSeen = new java.util.HashMap<>();
    long count = 0;
    long lastTMs = source.header().startedMs();
    long start = clock.nanoTime();
    long lastReport = start;
    while (true) {
      TraceMessage m;
      try {
        m = source.next();
      } catch (TraceFormatException bad) {
        sink.drain();
        Result partial = new Result(count, new ArrayList<>(devices), seconds(clock.nanoTime() - start));
        throw incomplete("trace_error", "trace " + bad.getMessage(), bad.getMessage(), bad.line(), bad,
            partial, sink, lastTMs);
      }
      if (m == null) {
        break;
      }
      if (fleet != null) {
        m = m.withFleet(fleet);
      }
      boolean stopped = stop.getAsBoolean();
      if (!stopped) {
        try {
          pacer.awaitDue(m.tMs());
        } catch (InterruptedException e) {
          stopped = true; // the flag is cleared: the events below can still be published
        }
      }
      if (stopped) {
        sink.drain();
        Result partial = new Result(count, new ArrayList<>(devices), seconds(clock.nanoTime() - start));
        String where = "replay interrupted at " + source.position();
        throw incomplete("interrupted", where, where, -1, null, partial, sink, lastTMs);
      }
      sink.publish(m);
      count++;
      lastTMs = m.tMs();
      if (topicsSeen.putIfAbsent(m.topic(), Boolean.TRUE) == null) {
        DeviceId d = publisher(m.topic());
        if (d != null) {
          devices.add(d);
        }
      }
      if (progress != null) {
        long now = clock.nanoTime();
        if (now - lastReport >= PROGRESS_EVERY_NANOS) {
          lastReport = now;
          progress.accept(new ReplayProgress(count, seconds(now - start), source.position()));
        }
      }
    }
    sink.drain();
    double elapsed = seconds(clock.nanoTime() - start);
    if (progress != null) {
      progress.accept(new ReplayProgress(count, elapsed, source.position()));
    }
    return new Result(count, new ArrayList<>(devices), elapsed);
  }

  /** The device that published on {@code topic}, or null (commands, tasks and occupancy requests, other topics). */
  static DeviceId publisher(String topic) {
    try {
      Topic t = Topic.parse(topic);
      return t.channel() == Channel.CMD || t.channel() == Channel.TASK || t.channel() == Channel.OCCUPANCY ? null
          : DeviceId.of(t);
    } catch (IllegalArgumentException notADeviceTopic) {
      return null;
    }
  }

  private static ReplayIncompleteException incomplete(String reason, String what, String message,
      long line, Throwable cause, Result partial, TraceSink sink, long tMs) throws InterruptedException {
    String detail = what + "; replay stopped after " + partial.messages() + " messages";
    if (detail.length() > 1000) {
      detail = detail.substring(0, 997) + "...";
    }
    byte[] payload = Payloads.toJson(new Event(1, tMs, "replay_incomplete", reason, detail));
    for (DeviceId d : partial.devices()) {
      sink.publish(TraceMessage.of(tMs, d.topic(Channel.EVT).toString(), 1, false, payload));
    }
    sink.drain();
    int n = partial.devices().size();
    return new ReplayIncompleteException(message + "; replayed " + partial.messages()
        + " messages before it; " + (n == 0 ? "no device had published"
            : "replay_incomplete sent on the evt topic of " + n + " device" + (n == 1 ? "" : "s")),
        partial, line, cause);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
