package org.swarmsense.semantic.control;

/**
 * Decides, at the start of each slot, every device's sampling level and where its tasks run. This
 * is the plain-Java entry the platform calls (issue 15 part 4: the fleet builds a {@link
 * SlotState} from its drones' queues and links and the edge nodes' queues, asks {@link #decide},
 * applies the rates and offloading, and splits the edge CPU with {@link EdgeSplit#CLOSED_FORM} on
 * {@link SlotDynamics#edgeLoadCycles}). Implementations say whether they are thread-safe.
 */
public interface Controller {

  /** Short name for tables. */
  String name();

  /** The decision for the slot that starts in {@code state}. */
  SlotDecision decide(SlotState state);
}
