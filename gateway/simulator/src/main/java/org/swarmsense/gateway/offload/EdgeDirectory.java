package org.swarmsense.gateway.offload;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.EdgeTelemetry;
import org.swarmsense.maps.geo.LocalProjection;

/**
 * The edge nodes of a fleet as a drone hears them: each node's retained status and latest
 * telemetry. {@link #nearestReachable} picks the closest node (ground distance from the node's
 * telemetry position) that is online and whose queue has room; a node without telemetry yet, offline,
 * or full is skipped. Thread-safe (MQTT callbacks write, the capture thread reads).
 */
public final class EdgeDirectory {

  private record Entry(boolean online, EdgeTelemetry telemetry) {}

  private final Map<DeviceId, Entry> nodes = new ConcurrentHashMap<>();

  /** A node's retained status changed. */
  public void onStatus(DeviceId edge, boolean online) {
    nodes.merge(edge, new Entry(online, null), (old, n) -> new Entry(online, old.telemetry()));
  }

  /** A node's telemetry arrived (a node that sends telemetry is taken to be online until its status says otherwise). */
  public void onTelemetry(DeviceId edge, EdgeTelemetry t) {
    nodes.merge(edge, new Entry(true, t), (old, n) -> new Entry(old.online(), t));
  }

  /**
   * A reachable node as a drone sees it: its id, its ground distance from the drone and its latest
   * telemetry (queue length and load: the live capture control's edge state).
   */
  public record Reach(DeviceId edge, double distanceM, EdgeTelemetry telemetry) {}

  /** The nearest online node with room in its queue, from a drone at the given point. */
  public Optional<DeviceId> nearestReachable(double latDeg, double lonDeg) {
    return nearest(latDeg, lonDeg).map(Reach::edge);
  }

  /** The nearest online node with room in its queue, with its distance and telemetry. */
  public Optional<Reach> nearest(double latDeg, double lonDeg) {
    LocalProjection here = LocalProjection.centredOn(lonDeg, latDeg);
    DeviceId best = null;
    EdgeTelemetry bestTelemetry = null;
    double bestM = Double.POSITIVE_INFINITY;
    for (Map.Entry<DeviceId, Entry> e : nodes.entrySet()) {
      Entry n = e.getValue();
      if (!n.online() || n.telemetry() == null || !n.telemetry().hasRoom()) {
        continue;
      }
      Coordinate c = here.toLocal(n.telemetry().lonDeg(), n.telemetry().latDeg());
      double d = Math.hypot(c.x, c.y);
      if (d < bestM || (d == bestM && e.getKey().id().compareTo(best.id()) < 0)) {
        best = e.getKey();
        bestTelemetry = n.telemetry();
        bestM = d;
      }
    }
    return best == null ? Optional.empty() : Optional.of(new Reach(best, bestM, bestTelemetry));
  }

  /** Nodes heard of, online or not. */
  public int size() {
    return nodes.size();
  }
}
