package org.swarmsense.gateway.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.BiConsumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.swarmsense.agents.cluster.CborSerializable;
import org.swarmsense.gateway.http.LiveHub;
import org.swarmsense.gateway.mission.MissionEvents;

/**
 * Live events every node of the cluster shows: an event published here goes through a Pekko
 * pub-sub {@link Topic} to every node's {@link LiveHub} (this one's included), so an alarm or a
 * mission's news that one node alone heard (a shared subscription hands each device message to one
 * node; a fleet's missions and fence alarms live at its home) is listed by every node's {@code
 * GET .../alarms} and live stream. Thread-safe; never blocks.
 */
final class ClusterLive implements MissionEvents, BiConsumer<String, ObjectNode> {
  /** The topic's name: one per cluster. */
  static final String TOPIC = "swarmsense-live";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One live event of a fleet, as JSON text.
   *
   * @param fleet the fleet
   * @param json the event object
   */
  record News(String fleet, String json) implements CborSerializable {
    /** Validates the fields. */
    News {
      if (fleet == null || fleet.isEmpty() || json == null || json.isEmpty()) {
        throw new IllegalArgumentException("news: fleet and json must not be empty");
      }
    }
  }

  private final ActorRef<Topic.Command<News>> topic;

  private ClusterLive(ActorRef<Topic.Command<News>> topic) {
    this.topic = topic;
  }

  /** Joins the topic on this node: what any node publishes goes to {@code hub}. */
  static ClusterLive start(GatewayNode.Spawner spawn, LiveHub hub) {
    ActorRef<Topic.Command<News>> topic = spawn.spawn(Topic.create(News.class, TOPIC), "live-topic");
    ActorRef<News> listener = spawn.spawn(listener(hub), "live-listener");
    topic.tell(Topic.subscribe(listener));
    return new ClusterLive(topic);
  }

  private static Behavior<News> listener(LiveHub hub) {
    return Behaviors.receive(News.class).onMessage(News.class, m -> {
      JsonNode e = JSON.readTree(m.json());
      if (e instanceof ObjectNode o) {
        hub.publish(m.fleet(), o);
      }
      return Behaviors.same();
    }).build();
  }

  @Override
  public void publish(String fleet, ObjectNode event) {
    topic.tell(Topic.publish(new News(fleet, event.toString())));
  }

  @Override
  public void accept(String fleet, ObjectNode event) {
    publish(fleet, event);
  }
}
