package org.swarmsense.agents.alarm;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.swarmsense.epos.sensing.flight.FlightState;

/**
 * The drone-side alarm rules, edge-triggered: an alarm is raised once when its condition starts
 * and cleared once when it ends. LOW_BATTERY: battery percent strictly below the threshold.
 * GEOFENCE_BREACH: position outside the geofence. (LINK_LOST is judged by the fleet registry,
 * {@link LinkMonitor}.) Immutable, thread-safe.
 */
public final class AlarmRules {
  private final double batteryAlarmPercent;
  private final Geofence fence;

  /** Rules with a LOW_BATTERY threshold (percent, in [0, 100]) and a geofence. */
  public AlarmRules(double batteryAlarmPercent, Geofence fence) {
    if (!(batteryAlarmPercent >= 0 && batteryAlarmPercent <= 100)) {
      throw new IllegalArgumentException("batteryAlarmPercent must be in [0, 100], got: " + batteryAlarmPercent);
    }
    if (fence == null) {
      throw new IllegalArgumentException("fence must not be null");
    }
    this.batteryAlarmPercent = batteryAlarmPercent;
    this.fence = fence;
  }

  /** The outcome of one evaluation: the conditions active now and the alarms to send. */
  public record Evaluation(Set<AlarmKind> active, List<Alarm> changes) {
    /** Copies the collections. */
    public Evaluation {
      active = active.isEmpty() ? Set.of() : Set.copyOf(active);
      changes = List.copyOf(changes);
    }
  }

  /** Evaluates {@code state} of drone {@code id} given the conditions active before. */
  public Evaluation evaluate(String id, Set<AlarmKind> activeBefore, FlightState state) {
    Set<AlarmKind> now = EnumSet.noneOf(AlarmKind.class);
    if (state.batteryPercent() < batteryAlarmPercent) {
      now.add(AlarmKind.LOW_BATTERY);
    }
    if (!fence.contains(state.xM(), state.yM())) {
      now.add(AlarmKind.GEOFENCE_BREACH);
    }
    List<Alarm> changes = new ArrayList<>();
    for (AlarmKind k : List.of(AlarmKind.LOW_BATTERY, AlarmKind.GEOFENCE_BREACH)) {
      boolean was = activeBefore.contains(k);
      boolean is = now.contains(k);
      if (was != is) {
        changes.add(new Alarm(id, k, is, state.tS(), detail(k, state)));
      }
    }
    return new Evaluation(now, changes);
  }

  private String detail(AlarmKind k, FlightState s) {
    return switch (k) {
      case LOW_BATTERY -> String.format(Locale.ROOT, "battery %.1f %% (threshold %.1f %%)", s.batteryPercent(), batteryAlarmPercent);
      case GEOFENCE_BREACH -> String.format(Locale.ROOT, "position (%.1f, %.1f) m outside %s", s.xM(), s.yM(), fence);
      default -> k.name();
    };
  }
}
