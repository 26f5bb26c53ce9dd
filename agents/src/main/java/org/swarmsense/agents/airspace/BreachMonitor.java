package org.swarmsense.agents.airspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Judges every drone position against its fleet's fences and reports breaches that start or end
 * (edge-triggered, with the hysteresis of {@link FenceSet}): one {@link FenceBreach} when a drone
 * enters a no-fly zone or leaves a geofence, one when that ends, nothing in between. Replacing a
 * fleet's fences takes effect at each drone's next position; a breach of a fence that was removed
 * is cleared then.
 *
 * <p>Thread-safe: fence sets are immutable and swapped atomically; a drone's breach state is updated
 * atomically per drone (positions of one drone are expected from one thread at a time, in order).
 */
public final class BreachMonitor {
  private final Map<String, FenceSet> fleets = new ConcurrentHashMap<>();
  /** Per drone ("fleet/id"): the fences it breaches, by key. */
  private final Map<String, Map<String, Fence>> breaching = new ConcurrentHashMap<>();

  /** Sets (replaces) a fleet's fences. */
  public void setFences(String fleet, FenceSet fences) {
    if (fleet == null || fences == null) {
      throw new IllegalArgumentException("fleet and fences must not be null");
    }
    fleets.put(fleet, fences);
  }

  /** The fleet's fences (empty when none were set). */
  public FenceSet fences(String fleet) {
    return fleets.getOrDefault(fleet, FenceSet.empty());
  }

  /**
   * Judges drone {@code droneId} of {@code fleet} at a position (WGS84 degrees) and returns the
   * breaches that start or end there: cleared ones first (by kind, then name), then raised ones in fence order.
   */
  public List<FenceBreach> observe(String fleet, String droneId, double lonDeg, double latDeg) {
    FenceSet fences = fences(fleet);
    String drone = fleet + "/" + droneId;
    Map<String, Fence> before = breaching.getOrDefault(drone, Map.of());
    if (before.isEmpty() && fences.fences().isEmpty()) {
      return List.of();
    }
    Map<String, Fence> now = fences.breached(lonDeg, latDeg, before);
    if (now.keySet().equals(before.keySet())) {
      return List.of();
    }
    List<FenceBreach> changes = new ArrayList<>();
    String at = String.format(Locale.ROOT, "(lat %.6f, lon %.6f)", latDeg, lonDeg);
    before.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      String key = e.getKey();
      Fence f = e.getValue();
      if (!now.containsKey(key)) {
        changes.add(new FenceBreach(f, false, fences.indexOf(key) < 0
            ? f.describe() + " was removed; drone at " + at
            : (f.kind() == FenceKind.NO_FLY_ZONE ? "out of " : "back inside ") + f.describe()
                + String.format(Locale.ROOT, " by more than %.1f m at ", fences.marginM()) + at));
      }
    });
    now.keySet().stream().filter(key -> !before.containsKey(key)).sorted(java.util.Comparator.comparingInt(fences::indexOf))
        .forEach(key -> {
          Fence f = now.get(key);
          changes.add(new FenceBreach(f, true, (f.kind() == FenceKind.NO_FLY_ZONE ? "entered " : "left ")
              + f.describe() + " at " + at + "; action " + f.action().code()));
        });
    if (now.isEmpty()) {
      breaching.remove(drone);
    } else {
      breaching.put(drone, Map.copyOf(now));
    }
    return changes;
  }
}
