package org.swarmsense.semantic.control.rl;

import org.swarmsense.semantic.control.ControlModel;
import org.swarmsense.semantic.control.SlotState;

/**
 * The network input for a {@link SlotState}, scaled to about [0, 1]: per device its queue over the
 * cap, channel state over (S - 1) and arrivals over the largest possible; per service its edge queue
 * over the cap and its virtual queue (capped at 10). Length 3N + 2M. Immutable; thread-safe.
 */
public final class Observation {

  private static final double VIRTUAL_QUEUE_CAP = 10;
  private final ControlModel model;

  public Observation(ControlModel model) {
    this.model = model;
  }

  /** 3N + 2M. */
  public int size() {
    return 3 * model.deviceCount() + 2 * model.serviceCount();
  }

  /** The scaled vector. */
  public double[] encode(SlotState state) {
    int n = model.deviceCount();
    int m = model.serviceCount();
    double[] x = new double[size()];
    double maxArrivals = model.arrivalMeanMax() + model.arrivalHalfWidth();
    double states = Math.max(1, model.channel().states() - 1);
    for (int i = 0; i < n; i++) {
      x[i] = state.localQueueBits(i) / model.localQueueCapBits();
      x[n + i] = state.channelState(i) / states;
      x[2 * n + i] = state.arrivalsTasks(i) / maxArrivals;
    }
    for (int j = 0; j < m; j++) {
      x[3 * n + j] = state.edgeQueueBits(j) / model.edgeQueueCapBits();
      x[3 * n + m + j] = Math.min(state.virtualQueue(j), VIRTUAL_QUEUE_CAP);
    }
    return x;
  }
}
