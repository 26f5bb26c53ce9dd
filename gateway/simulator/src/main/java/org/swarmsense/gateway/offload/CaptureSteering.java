package org.swarmsense.gateway.offload;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.swarmsense.gateway.wire.DeviceId;

/**
 * The live capture control's seam in the simulator (issue 15 part 4): once a slot the simulator,
 * standing in for the fleet's operator, shows it every offloading drone as the fleet sees it now
 * (hovering or not, its nearest reachable edge node with that node's telemetry) and applies the
 * answer to the drones ({@link OffloadingDrone#setCapture}): a plain in-process call, no topic (agents
 * README, "Capture-rate control of the live fleet"). Implemented by the command line over the agents'
 * {@code detect.LiveFleetControl}; called from one thread.
 */
public interface CaptureSteering {

  /** The slot: how often {@link #decide} is called. */
  Duration slot();

  /**
   * The decision for the slot that starts now, one choice per drone in the order given.
   *
   * @param drones every offloading drone of the fleet, in a fixed order
   */
  List<Choice> decide(List<DroneView> drones);

  /**
   * A drone as the fleet sees it at the start of a slot.
   *
   * @param drone its id
   * @param hovering whether it hovers (only a hovering drone captures)
   * @param edge its nearest reachable edge node, with distance and telemetry; empty when none is heard
   */
  record DroneView(DeviceId drone, boolean hovering, Optional<EdgeDirectory.Reach> edge) {

    /** Validates. */
    public DroneView {
      if (drone == null || edge == null) {
        throw new IllegalArgumentException("drone and edge must be given (edge may be empty)");
      }
    }
  }

  /**
   * A drone's capture for the slot.
   *
   * @param captureShare share of its sampling ticks it captures (level k of K: k / K), (0, 1]
   * @param onBoard whether its frames go to its modelled on-board detector instead of an edge node
   */
  record Choice(double captureShare, boolean onBoard) {

    /** Validates. */
    public Choice {
      if (!(captureShare > 0 && captureShare <= 1)) {
        throw new IllegalArgumentException("captureShare must be in (0, 1], got: " + captureShare);
      }
    }
  }
}
