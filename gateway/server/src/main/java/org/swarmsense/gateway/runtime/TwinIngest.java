package org.swarmsense.gateway.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.swarmsense.agents.alarm.Alarm;
import org.swarmsense.agents.twin.DeviceTwins;
import org.swarmsense.gateway.http.LiveHub;
import org.swarmsense.gateway.mqtt.FleetIngest;
import org.swarmsense.gateway.mqtt.ForwardingIngest;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.Telemetry;

/**
 * Hands every device's telemetry to its digital twin in the agents ({@link DeviceTwins}), keyed
 * {@code fleet/kind/id}, then to the next ingest. Never blocks: a tell per message. Thread-safe.
 */
public final class TwinIngest extends ForwardingIngest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ActorRef<DeviceTwins.Command> twins;

  public TwinIngest(ActorRef<DeviceTwins.Command> twins, FleetIngest next) {
    super(next);
    this.twins = twins;
  }

  /** The twin key of a device. */
  static String key(DeviceId d) {
    return d.fleet() + "/" + d.kind().level() + "/" + d.id();
  }

  /**
   * An actor that publishes the twins' alarm changes as {@code alarm} events of the device's fleet
   * (raised: {@code low_battery}, {@code link_lost}, ...; cleared: {@code ..._cleared}).
   */
  public static Behavior<Alarm> alarmsTo(LiveHub hub) {
    return Behaviors.receive(Alarm.class)
        .onMessage(
            Alarm.class,
            a -> {
              String[] parts = a.deviceId().split("/", 3);
              if (parts.length == 3) {
                ObjectNode e = JSON.createObjectNode();
                String kind = a.kind().name().toLowerCase(Locale.ROOT);
                e.put("type", LiveHub.ALARM).put("id", parts[2]).put("kind", parts[1]);
                e.put("alarm", a.raised() ? kind : kind + "_cleared").put("detail", a.detail());
                e.put("t_ms", System.currentTimeMillis());
                hub.publish(parts[0], e);
              }
              return Behaviors.same();
            })
        .build();
  }

  @Override
  public void onTelemetry(DeviceId device, Telemetry t, long receivedAtMs) {
    twins.tell(
        new DeviceTwins.Observe(
            key(device), receivedAtMs / 1000.0, t.latDeg(), t.lonDeg(), t.altM(), t.speedMps(),
            t.batteryPercent(), t.state()));
    next.onTelemetry(device, t, receivedAtMs);
  }
}
