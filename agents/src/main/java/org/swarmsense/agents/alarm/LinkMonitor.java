package org.swarmsense.agents.alarm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides which devices have lost their link: a device whose last message is older than the link
 * timeout is LOST (raised once), and is cleared when a message arrives again. Times are seconds on
 * any monotonic clock. Mutable; confined to one actor (not thread-safe).
 */
public final class LinkMonitor {
  private final double timeoutS;
  private final Map<String, Double> lastSeenS = new HashMap<>();
  private final Set<String> lost = new HashSet<>();

  /** A monitor with the given timeout, s > 0. */
  public LinkMonitor(double timeoutS) {
    if (!(timeoutS > 0)) {
      throw new IllegalArgumentException("timeoutS must be > 0, got: " + timeoutS);
    }
    this.timeoutS = timeoutS;
  }

  /** Records a message from {@code id} at {@code nowS}; returns the LINK_LOST clear alarm if it was lost. */
  public List<Alarm> seen(String id, double nowS) {
    lastSeenS.put(id, nowS);
    if (lost.remove(id)) {
      return List.of(new Alarm(id, AlarmKind.LINK_LOST, false, nowS, "link restored"));
    }
    return List.of();
  }

  /** Stops watching {@code id} (it deregistered). */
  public void forget(String id) {
    lastSeenS.remove(id);
    lost.remove(id);
  }

  /** The LINK_LOST alarms raised at {@code nowS}, in id order. */
  public List<Alarm> check(double nowS) {
    List<Alarm> out = new ArrayList<>();
    lastSeenS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      double silence = nowS - e.getValue();
      if (silence > timeoutS && lost.add(e.getKey())) {
        out.add(new Alarm(e.getKey(), AlarmKind.LINK_LOST, true, nowS,
            String.format(Locale.ROOT, "no message for %.1f s (timeout %.1f s)", silence, timeoutS)));
      }
    });
    return out;
  }

  /** Whether {@code id} is currently considered lost. */
  public boolean isLost(String id) {
    return lost.contains(id);
  }
}
