package org.swarmsense.gateway.runtime;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsense.agents.airspace.BreachMonitor;
import org.swarmsense.agents.airspace.FenceBreach;
import org.swarmsense.gateway.mqtt.FleetIngest;
import org.swarmsense.gateway.mqtt.FleetLink;
import org.swarmsense.gateway.wire.Command;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.Event;

/**
 * Enforces the fleets' fences, a thin shell around agents' {@link BreachMonitor}: the fleet's home
 * ({@link FleetHome}, one place in the cluster per fleet, so a drone's breach state is kept once
 * whichever node its telemetry reached) judges every drone position with {@link #judge}; each breach that starts or ends becomes an
 * {@link Event} ({@code type} {@code no_fly_zone_breach} / {@code geofence_breach}, {@code _cleared}
 * when it ends; {@code reason} the fence's action; {@code detail} the fence and the position) that is
 * published on the drone's {@code evt} topic at QoS 1 and handed to the next ingest as if the drone
 * had sent it (so the live stream and {@code GET .../alarms} of every node show it, by the same path
 * as a device's own alarms). The link marks the event as the gateway's, so no node takes it for the
 * drone's own when the shared subscription hands it back. A breach whose fence's action is hold or rtl also sends the drone that command at QoS
 * 1; its reply (or its absence) is only logged. Thread-safe; never blocks.
 */
public final class FenceJudge {
  private static final Logger log = LoggerFactory.getLogger(FenceJudge.class);

  private final BreachMonitor monitor;
  private final Supplier<FleetLink> link;
  private final Duration commandTimeout;
  private final FleetIngest next;

  /**
   * @param link the fleet link that carries the events and commands (read at each breach: the link
   *     is started after its ingest; null until then, and breaches before are not published on MQTT)
   * @param next gets each breach as the drone's event (the ingest chain after the link)
   */
  public FenceJudge(BreachMonitor monitor, Supplier<FleetLink> link, Duration commandTimeout, FleetIngest next) {
    this.next = next;
    this.monitor = monitor;
    this.link = link;
    this.commandTimeout = commandTimeout;
  }

  /** Judges a drone's position against its fleet's fences (armed on this node by its home). */
  public void judge(DeviceId device, double lonDeg, double latDeg) {
    if (device.kind() != DeviceKind.DRONE) {
      return;
    }
    List<FenceBreach> changes = monitor.observe(device.fleet(), device.id(), lonDeg, latDeg);
    for (FenceBreach b : changes) {
      long now = System.currentTimeMillis();
      Event e = new Event(1, now, b.alarm(), b.fence().action().code(), b.detail());
      FleetLink l = link.get();
      if (l != null) {
        l.sendEvent(device, e);
      }
      next.onEvent(device, e);
      if (b.raised() && l != null) {
        Command c = switch (b.fence().action()) {
          case HOLD -> Command.hold(now);
          case RTL -> Command.returnToLaunch(now);
          case ALARM -> null;
        };
        if (c != null) {
          l.sendCommand(device.fleet(), device, c, commandTimeout).whenComplete((reply, err) -> {
            if (err != null) {
              log.info("{} after {}: {}", c.kind().code(), b.detail(), err.getMessage());
            } else if (!reply.ok()) {
              log.info("{} refused by {}: {}", c.kind().code(), device, reply.reason());
            }
          });
        }
      }
    }
  }
}
