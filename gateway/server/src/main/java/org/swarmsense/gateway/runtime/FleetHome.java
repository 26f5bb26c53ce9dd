package org.swarmsense.gateway.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.swarmsense.agents.cluster.CborSerializable;
import org.swarmsense.gateway.mission.MissionBusyException;
import org.swarmsense.gateway.mission.MissionConflictException;
import org.swarmsense.gateway.mission.MissionDesk;
import org.swarmsense.gateway.mission.MissionNotFoundException;
import org.swarmsense.gateway.persistence.StateUnavailableException;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;

/**
 * A fleet's home in the cluster: one sharded entity per fleet (entity id = the fleet) that holds the
 * fleet's {@link MissionDesk} (its missions, restored from the journal when the home starts, and so
 * the fleet's mission coordinator) and its fences (armed on the home's node only, where every drone
 * position is judged) on whichever node sharding placed it. Every node's ingest tells it the fleet's
 * drone telemetry ({@link Observe}); every node's HTTP API asks it ({@link Call}) through {@link
 * FleetHomes}. When its node dies the home starts on a survivor at the next message (a drone's
 * telemetry, or a request), restores the missions from the shared journal and re-attaches the drones
 * of a flying mission. A thin shell: the desk does the work, calls run on {@code calls} (planning and
 * journal writes block), never on the actor's thread.
 */
final class FleetHome {
  /** The entity type of the fleets' homes. */
  static final EntityTypeKey<Command> TYPE = EntityTypeKey.create(Command.class, "FleetHome");

  private static final ObjectMapper JSON = new ObjectMapper();

  private FleetHome() {}

  /** A message to a fleet's home. */
  sealed interface Command extends CborSerializable permits Observe, ObserveTraffic, Call, Started {}

  /**
   * The home's desk opened ({@code opened}) or could not be ({@code failure}): sent by the home to
   * itself, never across nodes.
   */
  record Started(Opened opened, Throwable failure) implements Command {}

  /** Messages kept while the home restores its fleet (about 2 minutes of 40 drones at 2 Hz). */
  static final int STASH = 10_000;

  /**
   * A drone of the fleet reported its state word.
   *
   * @param droneId the drone's device id
   * @param state its state word (e.g. {@code flying}, {@code landed})
   */
  record Observe(String droneId, String state, double lonDeg, double latDeg) implements Command {
    /** Validates the fields. */
    Observe {
      if (droneId == null || droneId.isEmpty()) {
        throw new IllegalArgumentException("observe: droneId must not be empty");
      }
      if (state == null) {
        throw new IllegalArgumentException("observe: state must not be null");
      }
    }
  }

  /**
   * A drone or sensor of the fleet counted traffic at its position (its telemetry's {@code observed}).
   *
   * @param kind the device's kind (drone or sensor)
   * @param deviceId the device's id
   * @param altM the device's reported altitude, metres (a drone's camera footprint depends on it)
   * @param vehicles vehicles counted, 0..{@code ObservedTraffic.MAX_VEHICLES} (validated on the wire)
   */
  record ObserveTraffic(DeviceKind kind, String deviceId, double latDeg, double lonDeg, double altM, int vehicles)
      implements Command {
    /** Validates the fields. */
    ObserveTraffic {
      if (kind == null || deviceId == null || deviceId.isEmpty()) {
        throw new IllegalArgumentException("observe traffic: kind and deviceId must be given");
      }
      if (vehicles < 0) {
        throw new IllegalArgumentException("observe traffic: vehicles must be >= 0, got " + vehicles);
      }
    }
  }

  /** What a {@link Call} asks of the fleet's missions. */
  enum Op { SUBMIT, STATUS, LIST, CANCEL, REPORT, PLANS, RUN, RESTORED, FENCES_GET, FENCES_PUT }

  /**
   * A request of the HTTP API (or the command line) of any node.
   *
   * @param subject the mission id, or the fence kind's code for {@code FENCES_*} (empty for {@code
   *     SUBMIT}, {@code LIST}, {@code RESTORED})
   * @param body the submitted mission or fences (empty otherwise)
   */
  record Call(Op op, String subject, String body, ActorRef<Answer> replyTo) implements Command {
    /** Validates the fields. */
    Call {
      if (op == null || subject == null || body == null || replyTo == null) {
        throw new IllegalArgumentException("call: op, subject, body and replyTo must not be null");
      }
    }
  }

  /**
   * The answer to a {@link Call}: the JSON text, or the domain error's kind and message ({@link
   * FleetHomes} throws the same exception again on the asking node).
   *
   * @param json the answer (empty on an error)
   * @param error empty, or one of {@code not_found, conflict, busy, unavailable, invalid, failed}
   * @param message the error's message
   */
  record Answer(String json, String error, String message, String field, String value) implements CborSerializable {
    /** Validates the fields. */
    Answer {
      if (json == null || error == null || message == null || field == null || value == null) {
        throw new IllegalArgumentException("answer: json, error, message, field and value must not be null");
      }
    }

    /** An answer naming no field ({@code field} and {@code value} empty). */
    Answer(String json, String error, String message) {
      this(json, error, message, "", "");
    }

    /** The answer as JSON, or the domain exception it carries thrown again. */
    JsonNode value(String missionId) { // missionId: the call's subject
      switch (error) {
        case "" -> {
          try {
            return JSON.readTree(json);
          } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a fleet's home answered no JSON: " + e.getOriginalMessage(), e);
          }
        }
        case "not_found" -> throw new MissionNotFoundException(missionId);
        case "conflict" -> throw new MissionConflictException(message);
        case "busy" -> throw new MissionBusyException(message);
        case "unavailable" -> throw new StateUnavailableException(message, null);
        case "invalid" -> throw field.isEmpty() ? new IllegalArgumentException(message)
            : org.swarmsense.gateway.input.FieldError.again(message, field, value.isEmpty() ? null : value);
        default -> throw new IllegalStateException(message);
      }
    }
  }

  /** What a fleet's home uses on the node it runs on. */
  interface Place {
    /** A new desk of {@code fleet}, its missions and fences restored from the journal. */
    Opened open(String fleet);

    /** The home left this node (stopped, handed over): {@code desk} is closed, the fences disarmed. */
    void closed(String fleet, MissionDesk desk);

    /** A drone of the fleet reported: its flying mission and its fences hear it here. */
    void observed(DeviceId drone, String state, double lonDeg, double latDeg);

    /** A drone or sensor of the fleet counted traffic: its flying mission hears it here. */
    void observedTraffic(DeviceId device, double latDeg, double lonDeg, double altM, int vehicles);

    /** The fleets' fences armed on this node (those whose home runs here). */
    org.swarmsense.gateway.http.FleetFences fences();
  }

  /**
   * A desk just opened, and what it restored.
   *
   * @param fences the fleet's fences armed
   */
  record Opened(MissionDesk desk, MissionDesk.Restored restored, int fences) {}

  /**
   * The home of {@code fleet}: opens its desk on {@code calls} (restoring the fleet from the journal
   * blocks; never on the actor's thread), keeping the messages that arrive meanwhile, then serves it.
   * A home stopped before its desk opened closes the desk once it has.
   */
  static Behavior<Command> create(String fleet, Place place, Executor calls) {
    return Behaviors.withStash(STASH, stash -> Behaviors.setup(ctx -> {
      CompletableFuture<Opened> opening = CompletableFuture.supplyAsync(() -> place.open(fleet), calls);
      ctx.pipeToSelf(opening, Started::new);
      return Behaviors.receive(Command.class)
          .onMessage(Started.class, s -> {
            if (s.failure() != null) {
              throw new IllegalStateException("fleet " + fleet + ": its home cannot restore the fleet: " + s.failure(),
                  s.failure());
            }
            return stash.unstashAll(serving(fleet, place, calls, s.opened()));
          })
          .onAnyMessage(m -> {
            if (!stash.isFull()) {
              stash.stash(m);
            } else if (m instanceof Call c) {
              c.replyTo().tell(new Answer("", "unavailable", "the home of fleet '" + fleet + "' is still restoring the"
                  + " fleet: try again"));
            } // a telemetry beyond the stash: the drone's next one is heard
            return Behaviors.same();
          })
          .onSignal(PostStop.class, s -> {
            opening.thenAccept(o -> place.closed(fleet, o.desk())); // stopped (handed over) while it opened
            return Behaviors.same();
          })
          .build();
    }));
  }

  /** The home serving its opened desk. */
  private static Behavior<Command> serving(String fleet, Place place, Executor calls, Opened opened) {
    return Behaviors.setup(ctx -> {
      MissionDesk desk = opened.desk();
      ctx.getLog().info("fleet {}: home started on this node; restored {}, fences {}", fleet, opened.restored(),
          opened.fences());
      return Behaviors.receive(Command.class)
          .onMessage(Observe.class, m -> {
            place.observed(new DeviceId(fleet, DeviceKind.DRONE, m.droneId()), m.state(), m.lonDeg(), m.latDeg());
            return Behaviors.same();
          })
          .onMessage(ObserveTraffic.class, m -> {
            place.observedTraffic(new DeviceId(fleet, m.kind(), m.deviceId()), m.latDeg(), m.lonDeg(), m.altM(),
                m.vehicles());
            return Behaviors.same();
          })
          .onMessage(Call.class, m -> {
            CompletableFuture.runAsync(() -> m.replyTo().tell(answer(fleet, opened, place.fences(), m)), calls);
            return Behaviors.same();
          })
          .onSignal(PostStop.class, s -> {
            place.closed(fleet, desk);
            return Behaviors.same();
          })
          .build();
    });
  }

  private static org.swarmsense.agents.airspace.FenceKind fenceKind(String name) {
    return org.swarmsense.agents.airspace.FenceKind.valueOf(name);
  }

  /** Runs a call on the desk; a domain error becomes the answer's error. */
  static Answer answer(String fleet, Opened opened, org.swarmsense.gateway.http.FleetFences fences, Call c) {
    MissionDesk desk = opened.desk();
    try {
      JsonNode out = switch (c.op()) {
        case SUBMIT -> desk.submit(fleet, c.body());
        case STATUS -> desk.status(fleet, c.subject());
        case LIST -> {
          ArrayNode a = JSON.createArrayNode();
          desk.list(fleet).forEach(a::add);
          yield a;
        }
        case CANCEL -> desk.cancel(fleet, c.subject());
        case REPORT -> desk.report(fleet, c.subject());
        case PLANS -> desk.plansGeoJson(fleet, c.subject());
        case RUN -> desk.run(fleet, c.subject());
        case RESTORED -> ((com.fasterxml.jackson.databind.node.ObjectNode) JSON.valueToTree(opened.restored()))
            .put("fences", opened.fences());
        case FENCES_GET -> fences.get(fleet, fenceKind(c.subject()));
        case FENCES_PUT -> fences.put(fleet, fenceKind(c.subject()), c.body());
      };
      return new Answer(out.toString(), "", "");
    } catch (MissionNotFoundException e) {
      return new Answer("", "not_found", String.valueOf(e.getMessage()));
    } catch (MissionConflictException e) {
      return new Answer("", "conflict", String.valueOf(e.getMessage()));
    } catch (MissionBusyException e) {
      return new Answer("", "busy", String.valueOf(e.getMessage()));
    } catch (StateUnavailableException e) {
      return new Answer("", "unavailable", String.valueOf(e.getMessage()));
    } catch (org.swarmsense.gateway.input.FieldError e) {
      // the field and value cross the cluster too, so the HTTP answer names them as on one node
      return new Answer("", "invalid", String.valueOf(e.getMessage()), e.field(),
          e.value() == null ? "" : e.value());
    } catch (IllegalArgumentException e) {
      return new Answer("", "invalid", String.valueOf(e.getMessage()));
    } catch (RuntimeException e) {
      return new Answer("", "failed", "the fleet's missions failed: " + e);
    }
  }
}
