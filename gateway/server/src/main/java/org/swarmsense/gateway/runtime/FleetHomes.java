package org.swarmsense.gateway.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.swarmsense.gateway.mission.MissionDesk;
import org.swarmsense.gateway.mission.Missions;
import org.swarmsense.gateway.persistence.StateUnavailableException;

/**
 * The fleets' missions and fences as every node's HTTP API and command line see them: each call is asked of
 * the fleet's {@link FleetHome} wherever it runs in the cluster (location-transparent; it starts
 * there on the first call), and answers exactly as that fleet's {@link MissionDesk} does, domain
 * exceptions included. Thread-safe; blocks the caller until the home answers.
 */
public final class FleetHomes implements Missions, org.swarmsense.gateway.http.Fences {
  private final ActorSystem<?> system;
  private final ActorRef<ShardingEnvelope<FleetHome.Command>> region;
  private final Duration timeout;
  private final Duration runTimeout;
  private final List<String> datasets;

  /**
   * @param timeout how long a home may take to answer (its start included: it restores the fleet's
   *     missions from the journal)
   * @param runTimeout how long a run may take (the drones plan again before it answers)
   * @param datasets the dataset names missions may name (the same configuration on every node)
   */
  FleetHomes(ActorSystem<?> system, ActorRef<ShardingEnvelope<FleetHome.Command>> region, Duration timeout,
      Duration runTimeout, List<String> datasets) {
    this.system = system;
    this.region = region;
    this.timeout = timeout;
    this.runTimeout = runTimeout;
    this.datasets = List.copyOf(datasets);
  }

  /** Tells {@code fleet}'s home a drone's state word and position (its telemetry). Never blocks. */
  void observe(String fleet, String droneId, String state, double lonDeg, double latDeg) {
    region.tell(new ShardingEnvelope<>(fleet, new FleetHome.Observe(droneId, state, lonDeg, latDeg)));
  }

  /** Tells the device's fleet's home a count of traffic at the device's position. Never blocks. */
  void observeTraffic(org.swarmsense.gateway.wire.DeviceId device, double latDeg, double lonDeg, double altM,
      int vehicles) {
    region.tell(new ShardingEnvelope<>(device.fleet(),
        new FleetHome.ObserveTraffic(device.kind(), device.id(), latDeg, lonDeg, altM, vehicles)));
  }

  /**
   * What {@code fleet}'s home restored from the journal when it started (starting it if it is not
   * running).
   *
   * @param fences the fleet's fences armed
   */
  record Restored(MissionDesk.Restored missions, int fences) {}

  /** What {@code fleet}'s home restored when it started (it starts now if it runs nowhere). */
  Restored restored(String fleet) {
    JsonNode r = call(fleet, FleetHome.Op.RESTORED, "", "", timeout);
    return new Restored(new MissionDesk.Restored(r.path("missions").asInt(), r.path("replanning").asInt(),
        r.path("reattached").asInt(), r.path("failed").asInt()), r.path("fences").asInt());
  }

  @Override
  public JsonNode get(String fleet, org.swarmsense.agents.airspace.FenceKind kind) {
    return call(fleet, FleetHome.Op.FENCES_GET, kind.name(), "", timeout);
  }

  @Override
  public JsonNode put(String fleet, org.swarmsense.agents.airspace.FenceKind kind, String featureCollection) {
    return call(fleet, FleetHome.Op.FENCES_PUT, kind.name(), featureCollection == null ? "" : featureCollection,
        timeout);
  }

  @Override
  public JsonNode submit(String fleet, String body) {
    return call(fleet, FleetHome.Op.SUBMIT, "", body == null ? "" : body, timeout);
  }

  @Override
  public JsonNode status(String fleet, String missionId) {
    return call(fleet, FleetHome.Op.STATUS, missionId, "", timeout);
  }

  @Override
  public List<JsonNode> list(String fleet) {
    List<JsonNode> out = new ArrayList<>();
    call(fleet, FleetHome.Op.LIST, "", "", timeout).forEach(out::add);
    return out;
  }

  @Override
  public JsonNode cancel(String fleet, String missionId) {
    return call(fleet, FleetHome.Op.CANCEL, missionId, "", timeout);
  }

  @Override
  public JsonNode report(String fleet, String missionId) {
    return call(fleet, FleetHome.Op.REPORT, missionId, "", timeout);
  }

  @Override
  public JsonNode plansGeoJson(String fleet, String missionId) {
    return call(fleet, FleetHome.Op.PLANS, missionId, "", timeout);
  }

  @Override
  public JsonNode run(String fleet, String missionId) {
    return call(fleet, FleetHome.Op.RUN, missionId, "", runTimeout);
  }

  @Override
  public List<String> datasets() {
    return datasets;
  }

  private JsonNode call(String fleet, FleetHome.Op op, String missionId, String body, Duration wait) {
    FleetHome.Answer a;
    try {
      a = AskPattern.<ShardingEnvelope<FleetHome.Command>, FleetHome.Answer>ask(region,
              r -> new ShardingEnvelope<>(fleet, new FleetHome.Call(op, missionId, body, r)), wait, system.scheduler())
          .toCompletableFuture().get(wait.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StateUnavailableException("interrupted while asking the missions of fleet '" + fleet + "'", e);
    } catch (Exception e) {
      Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new StateUnavailableException("the missions of fleet '" + fleet + "' did not answer within "
          + wait.toMillis() + " ms (their home is starting or moving to another node; try again): " + cause, cause);
    }
    return a.value(missionId);
  }
}
