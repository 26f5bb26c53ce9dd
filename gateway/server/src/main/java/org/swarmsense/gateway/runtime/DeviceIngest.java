package org.swarmsense.gateway.runtime;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.swarmsense.agents.device.DeviceEntity;
import org.swarmsense.agents.device.DeviceKey;
import org.swarmsense.agents.device.EdgeLoad;
import org.swarmsense.agents.device.Observation;
import org.swarmsense.gateway.mqtt.FleetIngest;
import org.swarmsense.gateway.mqtt.ForwardingIngest;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.EdgeTelemetry;
import org.swarmsense.gateway.wire.Telemetry;

/**
 * Hands what every device says (first sight, status, telemetry) to its sharded entity in the agents
 * ({@link DeviceEntity}, entity id {@link DeviceKey#entityId}), then to the next ingest. Never blocks:
 * one tell to the shard region per message. Thread-safe.
 */
public final class DeviceIngest extends ForwardingIngest {
  private final ActorRef<ShardingEnvelope<DeviceEntity.Command>> region;

  public DeviceIngest(ActorRef<ShardingEnvelope<DeviceEntity.Command>> region, FleetIngest next) {
    super(next);
    if (region == null) {
      throw new IllegalArgumentException("region must not be null");
    }
    this.region = region;
  }

  /** The agents' key of a device on the wire. */
  public static DeviceKey key(DeviceId d) {
    return new DeviceKey(d.fleet(), DeviceKey.Kind.fromLevel(d.kind().level()), d.id());
  }

  /** The wire's id of a device key. */
  public static DeviceId deviceId(DeviceKey k) {
    return new DeviceId(k.fleet(), DeviceKind.fromLevel(k.kind().level()), k.id());
  }

  private void tell(DeviceId d, DeviceEntity.Command c) {
    region.tell(new ShardingEnvelope<>(key(d).entityId(), c));
  }

  @Override
  public void onDeviceRegistered(DeviceId device) {
    tell(device, new DeviceEntity.Register());
    next.onDeviceRegistered(device);
  }

  @Override
  public void onStatus(DeviceId device, boolean online) {
    tell(device, new DeviceEntity.StatusChanged(online));
    next.onStatus(device, online);
  }

  @Override
  public void onTelemetry(DeviceId device, Telemetry t, long receivedAtMs) {
    tell(device, new DeviceEntity.Observe(new Observation(t.tMs(), receivedAtMs, t.latDeg(), t.lonDeg(), t.altM(),
        t.speedMps(), t.headingDeg(), t.batteryPercent(), t.state())));
    next.onTelemetry(device, t, receivedAtMs);
  }

  /**
   * An edge node is a device like the others: its telemetry goes to its entity, with its queue and
   * load. Edge nodes are mains-powered, so the observation's battery is 100 and their speed 0.
   */
  @Override
  public void onEdgeTelemetry(DeviceId edge, EdgeTelemetry t, long receivedAtMs) {
    tell(edge, new DeviceEntity.Observe(new Observation(t.tMs(), receivedAtMs, t.latDeg(), t.lonDeg(), t.altM(), 0,
        0, 100, t.state(), new EdgeLoad(t.queueLength(), t.queueCapacity(), t.load(), t.served(), t.rejected()))));
    next.onEdgeTelemetry(edge, t, receivedAtMs);
  }
}
