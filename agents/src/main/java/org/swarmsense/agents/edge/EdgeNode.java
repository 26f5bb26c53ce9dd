package org.swarmsense.agents.edge;

import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.swarmsense.edge.offload.FrameTask;
import org.swarmsense.edge.offload.OffloadServer;
import org.swarmsense.edge.offload.TaskFailure;
import org.swarmsense.edge.offload.TaskOutcome;
import org.swarmsense.edge.stereo.OccupancyServer;

/**
 * An edge node: a thin actor over one {@link OffloadServer}. Each {@link SubmitPacket} goes to the
 * server; when a packet opens a task the actor arms a timer for the task's deadline, and the task's
 * answer (complete, refused, or at the deadline from what arrived) goes once to the {@code replyTo}
 * of the task's first packet. {@link GetLoad} reports the queue, the counters and the load (share of
 * the time since the previous {@code GetLoad} spent decoding and detecting).
 *
 * <p>Deadlines count from a task's first packet's arrival at the node ({@link
 * SubmitPacket#receivedNanos}); a task that waited in the mailbox past its deadline is refused
 * {@code expired} at once, so an overloaded node sheds load instead of falling behind.
 *
 * <p>Decoding and detection run inside the actor (tens to hundreds of milliseconds per frame), so
 * spawn it on a blocking dispatcher ({@code DispatcherSelector.blocking()}), one actor per
 * accelerator. The actor is local: its messages carry raw packets and are not serializable.
 *
 * <p>Occupancy requests (issue 19 part 4, {@link SubmitOccupancy}) go to the node's {@link
 * OccupancyServer} through a child actor on the blocking dispatcher, which serves them one at a time and
 * tells each outcome to {@code replyTo}: a pair takes hundreds of milliseconds (seconds under load), and
 * detection packets must not wait behind it in this mailbox (they did in a first version: a demo with
 * leg checks on had every frame expire).
 */
public final class EdgeNode extends AbstractBehavior<EdgeNode.Command> {

  /** Everything an edge node understands. */
  public sealed interface Command {}

  /**
   * One codec packet of a task.
   *
   * @param task the task's fields, as every packet repeats them
   * @param packet the codec packet
   * @param receivedNanos when the node received it ({@link System#nanoTime()}): deadlines count from
   *     a task's first packet's arrival, not from when the actor gets to it
   * @param replyTo where the task's answer goes (that of the task's first packet counts)
   */
  public record SubmitPacket(FrameTask task, byte[] packet, long receivedNanos, ActorRef<TaskOutcome> replyTo)
      implements Command {

    /** A packet received now. */
    public SubmitPacket(FrameTask task, byte[] packet, ActorRef<TaskOutcome> replyTo) {
      this(task, packet, System.nanoTime(), replyTo);
    }
  }

  /**
   * One occupancy request, already admitted by the node's {@link OccupancyServer#admit} (so that at
   * most its capacity of large pairs waits in this mailbox).
   *
   * @param job the request
   * @param receivedNanos when the node received it ({@link System#nanoTime()}): its deadline counts from then
   * @param replyTo where the outcome goes
   */
  public record SubmitOccupancy(OccupancyServer.Job job, long receivedNanos, ActorRef<OccupancyServer.Outcome> replyTo)
      implements Command {}

  /** Report the node's {@link Load}. */
  public record GetLoad(ActorRef<Load> replyTo) implements Command {}

  private record DeadlineDue(String taskId) implements Command {}

  /**
   * How busy the node is.
   *
   * @param nodeId the node
   * @param queueLength open tasks
   * @param queueCapacity open tasks it accepts
   * @param load share of the time since the previous {@link GetLoad} spent decoding and detecting, 0..1
   * @param served tasks answered with detections
   * @param rejected tasks answered with an error
   * @param rejectedByReason the same by reason (every reason listed)
   * @param packetDrops packets dropped by reason (see {@link OffloadServer#packetDrops()})
   */
  public record Load(String nodeId, int queueLength, int queueCapacity, double load, long served, long rejected,
      Map<TaskFailure, Long> rejectedByReason, Map<String, Long> packetDrops) {

    /** Copies the maps. */
    public Load {
      rejectedByReason = Map.copyOf(rejectedByReason);
      packetDrops = Map.copyOf(packetDrops);
    }
  }

  private final String nodeId;
  private final OffloadServer server;
  private final OccupancyServer occupancy;
  private final ActorRef<SubmitOccupancy> occupancyWorker;
  private final TimerScheduler<Command> timers;
  private final Map<String, ActorRef<TaskOutcome>> waiting = new HashMap<>();
  private long loadSinceNanos = System.nanoTime();
  private long loadSinceBusyNanos;

  /**
   * An edge node serving with {@code server} (which it owns from now on).
   *
   * @param nodeId the node's id, for its load reports
   */
  public static Behavior<Command> create(String nodeId, OffloadServer server) {
    return create(nodeId, server, null);
  }

  /**
   * An edge node serving detection tasks with {@code server} and occupancy requests with {@code
   * occupancy} (null: none; such requests are answered {@code unsupported}); it owns both from now on.
   */
  public static Behavior<Command> create(String nodeId, OffloadServer server, OccupancyServer occupancy) {
    if (nodeId == null || nodeId.isBlank()) {
      throw new IllegalArgumentException("nodeId must not be blank, got: " + nodeId);
    }
    if (server == null) {
      throw new IllegalArgumentException("server must not be null");
    }
    return Behaviors.setup(ctx -> Behaviors.withTimers(t -> new EdgeNode(ctx, t, nodeId, server, occupancy)));
  }

  private EdgeNode(ActorContext<Command> ctx, TimerScheduler<Command> timers, String nodeId, OffloadServer server,
      OccupancyServer occupancy) {
    super(ctx);
    this.occupancy = occupancy;
    // occupancy requests are served by a child on the blocking dispatcher: a pair takes hundreds of
    // milliseconds to seconds under load, and detection packets must not wait behind it in this mailbox
    this.occupancyWorker = occupancy == null ? null
        : ctx.spawn(occupancyWorker(occupancy), "occupancy", org.apache.pekko.actor.typed.DispatcherSelector.blocking());
    this.timers = timers;
    this.nodeId = nodeId;
    this.server = server;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(SubmitPacket.class, this::onSubmitPacket)
        .onMessage(DeadlineDue.class, this::onDeadlineDue)
        .onMessage(GetLoad.class, this::onGetLoad)
        .onMessage(SubmitOccupancy.class, this::onSubmitOccupancy)
        .build();
  }

  private Behavior<Command> onSubmitPacket(SubmitPacket m) {
    long waited = Math.max(0, System.nanoTime() - m.receivedNanos());
    OffloadServer.Step step = server.accept(m.task(), m.packet(), waited);
    if (step.opened()) {
      waiting.put(m.task().taskId(), m.replyTo());
      timers.startSingleTimer(m.task().taskId(), new DeadlineDue(m.task().taskId()),
          m.task().deadline().minusNanos(waited));
    }
    step.answer().ifPresent(a -> answer(a, m.replyTo()));
    return this;
  }

  private Behavior<Command> onDeadlineDue(DeadlineDue m) {
    server.expire(m.taskId()).ifPresent(a -> answer(a, null));
    return this;
  }

  private void answer(TaskOutcome outcome, ActorRef<TaskOutcome> fallback) {
    timers.cancel(outcome.taskId());
    ActorRef<TaskOutcome> to = waiting.remove(outcome.taskId());
    (to != null ? to : fallback).tell(outcome);
  }

  private Behavior<Command> onSubmitOccupancy(SubmitOccupancy m) {
    if (occupancy == null) {
      m.replyTo().tell(new OccupancyServer.Refused(m.job().taskId(), "unsupported", "node " + nodeId
          + " serves no occupancy requests"));
      return this;
    }
    occupancyWorker.tell(m);
    return this;
  }

  /** Serves admitted occupancy requests one at a time, each with the time it waited since it arrived. */
  private static Behavior<SubmitOccupancy> occupancyWorker(OccupancyServer occupancy) {
    return Behaviors.receive(SubmitOccupancy.class)
        .onMessage(SubmitOccupancy.class, m -> {
          m.replyTo().tell(occupancy.serve(m.job(), System.nanoTime() - m.receivedNanos()));
          return Behaviors.same();
        })
        .build();
  }

  private Behavior<Command> onGetLoad(GetLoad m) {
    long now = System.nanoTime();
    long busy = server.busyNanos() + (occupancy == null ? 0 : occupancy.busyNanos());
    double load = now > loadSinceNanos ? Math.min(1.0, (busy - loadSinceBusyNanos) / (double) (now - loadSinceNanos)) : 0;
    loadSinceNanos = now;
    loadSinceBusyNanos = busy;
    m.replyTo().tell(new Load(nodeId, server.queueLength(), server.limits().queueCapacity(), load, server.served(),
        server.refusedTotal(), server.refused(), server.packetDrops()));
    return this;
  }
}
