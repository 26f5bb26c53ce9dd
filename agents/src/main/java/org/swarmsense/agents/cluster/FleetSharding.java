package org.swarmsense.agents.cluster;

import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.swarmsense.agents.device.CommandPort;
import org.swarmsense.agents.device.DeviceEntity;
import org.swarmsense.agents.device.DeviceKey;
import org.swarmsense.agents.device.DeviceView;
import org.swarmsense.agents.drone.Drone;
import org.swarmsense.agents.drone.DroneSetup;
import org.swarmsense.agents.sensor.Sensor;
import org.swarmsense.agents.sensor.TrafficSource;
import org.swarmsense.agents.settings.AgentsSettings;

/**
 * Cluster Sharding of drones and sensors: each is an entity identified by its id, placed on one
 * node of the cluster and moved to another when its node leaves (it restarts there on the next
 * message; its simulated state starts afresh, see agents/README.md). Every node calls {@link #init}
 * with the same directories (id -> setup). Stateless, thread-safe.
 */
public final class FleetSharding {
  /** The drone entity type. */
  public static final EntityTypeKey<Drone.Command> DRONE = EntityTypeKey.create(Drone.Command.class, "Drone");
  /** The sensor entity type. */
  public static final EntityTypeKey<Sensor.Command> SENSOR = EntityTypeKey.create(Sensor.Command.class, "Sensor");

  private FleetSharding() {}

  /** What a sensor entity needs: its cell and its traffic source. */
  public record SensorSetup(int cell, TrafficSource source) {}

  /** The two shard regions of a node. */
  public record Regions(ActorRef<ShardingEnvelope<Drone.Command>> drones,
      ActorRef<ShardingEnvelope<Sensor.Command>> sensors) {}

  /** Starts sharding of drones and sensors on {@code system}. */
  public static Regions init(ActorSystem<?> system, AgentsSettings settings, Function<String, DroneSetup> drones,
      Function<String, SensorSetup> sensors) {
    ClusterSharding sharding = ClusterSharding.get(system);
    ActorRef<ShardingEnvelope<Drone.Command>> d = sharding.init(Entity.of(DRONE,
        ctx -> Drone.create(ctx.getEntityId(), drones.apply(ctx.getEntityId()), settings)));
    ActorRef<ShardingEnvelope<Sensor.Command>> s = sharding.init(Entity.of(SENSOR, ctx -> {
      SensorSetup setup = sensors.apply(ctx.getEntityId());
      return Sensor.create(ctx.getEntityId(), setup.cell(), setup.source(), settings);
    }));
    return new Regions(d, s);
  }

  /**
   * Starts sharding of the devices that talk over MQTT on {@code system}: one {@link DeviceEntity}
   * per {@link DeviceKey#entityId}, writing to this node's {@code view} and sending commands through
   * {@code port}. An entity is not passivated when idle (a drone's entity owns its mission agent).
   */
  public static ActorRef<ShardingEnvelope<DeviceEntity.Command>> initDevices(ActorSystem<?> system,
      AgentsSettings settings, DeviceView view, CommandPort port) {
    return ClusterSharding.get(system).init(Entity.of(DeviceEntity.TYPE,
        ctx -> DeviceEntity.create(DeviceKey.fromEntityId(ctx.getEntityId()), settings, view, port))
        .withSettings(org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings.create(system)
            .withNoPassivationStrategy()));
  }

  /**
   * A local actor that forwards every message to entity {@code entityId} through
   * {@code region}: it gives code that expects a plain {@code ActorRef} (the mission coordinator)
   * a sharded drone or sensor.
   */
  public static <M> Behavior<M> forwarder(String entityId, ActorRef<ShardingEnvelope<M>> region) {
    return Behaviors.receiveMessage(m -> {
      region.tell(new ShardingEnvelope<>(entityId, m));
      return Behaviors.same();
    });
  }
}
