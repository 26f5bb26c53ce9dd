package org.swarmsense.agents.detect;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.swarmsense.epos.sensing.AreaTraffic;
import org.swarmsense.maps.traffic.TrafficDemand;
import org.swarmsense.maps.traffic.Trajectory;

/**
 * The vehicle-seconds of an area mission's whole cells as a set of (vehicle, second) pairs, by maps'
 * {@code TrafficDemand} rule: every vehicle-second in a cell, the denominator of the detected
 * vehicles percent whatever the mission's {@code demand.view} (for a whole-cell mission its size
 * equals the planner's demand; a camera mission plans for the subset in the camera's footprint, and
 * its detections are still counted against all the vehicles). Immutable after construction;
 * thread-safe to read.
 */
public final class DemandVehicleSeconds {

  private final Map<String, BitSet> secondsByVehicle = new HashMap<>();
  private final long startS;
  private final long total;

  private DemandVehicleSeconds(AreaTraffic traffic) {
    this.startS = traffic.startS();
    long[] n = {0};
    for (Trajectory t : traffic.trajectories()) {
      TrafficDemand.forEachVehicleSecond(t, traffic.projection(), traffic.grid(), traffic.startS(), traffic.slotS(),
          traffic.slots(), (vehicleId, tS, cell, slot) -> {
            BitSet b = secondsByVehicle.computeIfAbsent(vehicleId, k -> new BitSet());
            int i = (int) (tS - startS);
            if (!b.get(i)) {
              b.set(i);
              n[0]++;
            }
          });
    }
    this.total = n[0];
  }

  /** The demand's vehicle-seconds of {@code traffic}. */
  public static DemandVehicleSeconds of(AreaTraffic traffic) {
    if (traffic == null) {
      throw new IllegalArgumentException("traffic must not be null");
    }
    return new DemandVehicleSeconds(traffic);
  }

  /** Whether vehicle {@code vehicleId} is in a cell at whole second {@code tS} of the trace's clock. */
  public boolean contains(String vehicleId, long tS) {
    BitSet b = secondsByVehicle.get(vehicleId);
    return b != null && tS >= startS && tS - startS < Integer.MAX_VALUE && b.get((int) (tS - startS));
  }

  /** All vehicle-seconds of the demand. */
  public long total() {
    return total;
  }
}
