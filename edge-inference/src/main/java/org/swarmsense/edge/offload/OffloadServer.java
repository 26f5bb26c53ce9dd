package org.swarmsense.edge.offload;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.edge.serving.Clock;
import org.swarmsense.semantic.codec.BandOrder;
import org.swarmsense.semantic.codec.DecodedFrame;
import org.swarmsense.semantic.codec.PacketHeader;
import org.swarmsense.semantic.codec.PacketVerdict;
import org.swarmsense.semantic.codec.SemanticDecoder;

/**
 * The edge side of offloading one frame at a time, without any framework: packets of {@link
 * FrameTask}s come in ({@link #accept}); the first packet of a task opens it, if the node has room
 * (at most {@link Limits#queueCapacity} open tasks) and the task is within its limits; a task is
 * answered when all its declared packets arrived or when its deadline fires ({@link #expire}),
 * whichever comes first: the packets that arrived are decoded (semantic-comm's decoder: lost
 * coefficients are zero), the {@link FrameDetector} runs, and the answer carries the share of the
 * frame's coefficient energy that arrived. Every task is answered exactly once; packets of a task
 * already answered (late) or refused are dropped and counted, never re-open it. Nothing here throws
 * on bad packets: each is dropped and counted by reason ({@link #packetDrops()}).
 *
 * <p>Memory is bounded: open tasks by the queue capacity, each by its declared packet count (at most
 * {@link Limits#maxTaskBytes} / {@link PacketHeader#MAX_PACKET} packets, extra ones dropped), and
 * the ids remembered as answered by {@link #REMEMBERED_ANSWERED}.
 *
 * <p>Not thread-safe: one thread (the edge node's actor) drives it.
 */
public final class OffloadServer {

  /** How many answered task ids are remembered so that their late packets do not re-open them. */
  public static final int REMEMBERED_ANSWERED = 4096;

  /**
   * The node's limits. Immutable.
   *
   * @param queueCapacity open tasks at most, >= 1
   * @param maxTaskBytes largest declared task (packet count x {@link PacketHeader#MAX_PACKET}), bytes
   * @param maxFramePixels largest declared frame, pixels
   */
  public record Limits(int queueCapacity, long maxTaskBytes, long maxFramePixels) {

    /** Validates every field; the message names the field and the bad value. */
    public Limits {
      if (queueCapacity < 1) {
        throw new IllegalArgumentException("queueCapacity must be >= 1, got: " + queueCapacity);
      }
      if (maxTaskBytes < PacketHeader.MAX_PACKET) {
        throw new IllegalArgumentException("maxTaskBytes must be >= " + PacketHeader.MAX_PACKET + ", got: " + maxTaskBytes);
      }
      if (maxFramePixels < 64 || maxFramePixels > PacketHeader.MAX_PIXELS) {
        throw new IllegalArgumentException("maxFramePixels must be 64.." + PacketHeader.MAX_PIXELS + ", got: "
            + maxFramePixels);
      }
    }
  }

  /**
   * What {@link #accept} did.
   *
   * @param opened the packet opened a new task: arm its deadline ({@link FrameTask#deadline()} minus
   *     the time the packet waited)
   * @param answer the task's answer if it is ready now (refused on arrival, or complete)
   */
  public record Step(boolean opened, Optional<TaskOutcome> answer) {}

  private static final class Open {
    final FrameTask task;
    final SemanticDecoder decoder;
    final long openedNanos;
    int received;

    Open(FrameTask task, SemanticDecoder decoder, long openedNanos) {
      this.task = task;
      this.decoder = decoder;
      this.openedNanos = openedNanos;
    }
  }

  private final FrameDetector detector;
  private final Map<Integer, BandOrder> orders = new HashMap<>();
  private final Limits limits;
  private final Clock clock;
  private final Map<String, Open> open = new LinkedHashMap<>();
  private final Map<String, Boolean> answered = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED_ANSWERED;
    }
  };
  private final EnumMap<TaskFailure, Long> refused = new EnumMap<>(TaskFailure.class);
  private final Map<String, Long> packetDrops = new TreeMap<>();
  private long served;
  private long masked;
  private long busyNanos;

  /**
   * A server with no open task.
   *
   * @param detector what runs on decoded frames
   * @param knownOrders band orders tasks may use (zig-zag, and the detector's learned order)
   * @param limits queue and size limits
   * @param clock time source (deadlines and latency)
   */
  public OffloadServer(FrameDetector detector, Collection<BandOrder> knownOrders, Limits limits, Clock clock) {
    if (detector == null || knownOrders == null || knownOrders.isEmpty() || limits == null || clock == null) {
      throw new IllegalArgumentException("detector, a non-empty knownOrders, limits and clock must be given");
    }
    this.detector = detector;
    for (BandOrder o : knownOrders) {
      orders.put(o.id(), o);
    }
    this.limits = limits;
    this.clock = clock;
    for (TaskFailure f : TaskFailure.values()) {
      refused.put(f, 0L);
    }
  }

  /** Takes one packet of {@code task} that arrived just now; never throws on bad packets. */
  public Step accept(FrameTask task, byte[] packet) {
    return accept(task, packet, 0);
  }

  /**
   * Takes one packet of {@code task} that arrived {@code waitedNanos} ago (it waited in the node's
   * inbox): a task's deadline and latency count from its first packet's arrival, and a task whose
   * first packet waited longer than its deadline is refused {@link TaskFailure#EXPIRED} at once, so
   * an overloaded node sheds what it can no longer answer in time instead of falling further behind.
   * Never throws on bad packets (see the class comment).
   */
  public Step accept(FrameTask task, byte[] packet, long waitedNanos) {
    Open o = open.get(task.taskId());
    boolean opened = false;
    if (o == null) {
      if (answered.containsKey(task.taskId())) {
        drop("late_or_refused_task");
        return new Step(false, Optional.empty());
      }
      Optional<TaskOutcome> refusal = admit(task, Math.max(0, waitedNanos));
      if (refusal.isPresent()) {
        answered.put(task.taskId(), Boolean.TRUE);
        drop("refused_task");
        return new Step(false, refusal);
      }
      BandOrder order = orders.get(task.orderId());
      o = new Open(task, new SemanticDecoder(List.of(order)), clock.nanos() - Math.max(0, waitedNanos));
      open.put(task.taskId(), o);
      opened = true;
    } else if (!o.task.equals(task)) {
      drop("inconsistent_task");
      return new Step(false, Optional.empty());
    }
    if (o.received >= task.packetCount()) {
      drop("extra_packet");
      return new Step(opened, Optional.empty());
    }
    o.received++;
    PacketVerdict v = o.decoder.accept(packet);
    if (v != PacketVerdict.ACCEPTED) {
      drop(v.name().toLowerCase(java.util.Locale.ROOT));
    }
    if (o.received == task.packetCount()) {
      return new Step(opened, Optional.of(finish(task.taskId())));
    }
    return new Step(opened, Optional.empty());
  }

  /**
   * The deadline of a task fired: answers it from what arrived, or empty when it was already
   * answered (all its packets came in before).
   */
  public Optional<TaskOutcome> expire(String taskId) {
    return open.containsKey(taskId) ? Optional.of(finish(taskId)) : Optional.empty();
  }

  /** All packets of one task, then its deadline: the one-call form used by tests and benchmarks. */
  public TaskOutcome serve(FrameTask task, List<byte[]> packets) {
    TaskOutcome answer = null;
    for (byte[] p : packets) {
      Step s = accept(task, p);
      if (s.answer().isPresent()) {
        answer = s.answer().get();
      }
    }
    if (answer == null) {
      answer = expire(task.taskId()).orElseThrow(() -> new IllegalStateException(
          "task " + task.taskId() + " was answered before (packets of it came earlier)"));
    }
    return answer;
  }

  private Optional<TaskOutcome> admit(FrameTask task, long waitedNanos) {
    long pixels = (long) task.widthPx() * task.heightPx();
    if (pixels > limits.maxFramePixels()) {
      return refuse(task, TaskFailure.TOO_LARGE, "frame " + task.widthPx() + "x" + task.heightPx() + " = " + pixels
          + " pixels exceeds this node's max-frame-pixels " + limits.maxFramePixels());
    }
    long bytes = (long) task.packetCount() * PacketHeader.MAX_PACKET;
    if (bytes > limits.maxTaskBytes()) {
      return refuse(task, TaskFailure.TOO_LARGE, "packet_count " + task.packetCount() + " x " + PacketHeader.MAX_PACKET
          + " B = " + bytes + " B exceeds this node's max-task-bytes " + limits.maxTaskBytes());
    }
    if (!orders.containsKey(task.orderId())) {
      return refuse(task, TaskFailure.UNKNOWN_ORDER, "order_id " + task.orderId() + " is not known here (known: "
          + new TreeMap<>(orders).keySet() + ")");
    }
    if (waitedNanos >= task.deadline().toNanos()) {
      return refuse(task, TaskFailure.EXPIRED, "the first packet waited " + waitedNanos / 1_000_000 + " ms for the node,"
          + " past deadline_ms " + task.deadline().toMillis() + " (node overloaded)");
    }
    if (open.size() >= limits.queueCapacity()) {
      return refuse(task, TaskFailure.QUEUE_FULL, "queue holds " + open.size() + " open tasks, its capacity");
    }
    return Optional.empty();
  }

  private Optional<TaskOutcome> refuse(FrameTask task, TaskFailure why, String detail) {
    refused.merge(why, 1L, Long::sum);
    return Optional.of(new TaskOutcome.Refused(task.taskId(), why, detail));
  }

  private TaskOutcome finish(String taskId) {
    Open o = open.remove(taskId);
    answered.put(taskId, Boolean.TRUE);
    FrameTask task = o.task;
    long t0 = clock.nanos();
    try {
      Optional<DecodedFrame> frame = o.decoder.finishAsConfigured();
      if (frame.isEmpty()) {
        return refuse(task, TaskFailure.NOTHING_DECODED, "0 of " + task.packetCount() + " packets decoded by the deadline ("
            + o.received + " arrived)").orElseThrow();
      }
      DecodedFrame f = frame.get();
      if (f.image().width() != task.widthPx() || f.image().height() != task.heightPx()) {
        return refuse(task, TaskFailure.FRAME_MISMATCH, "packets carry a " + f.image().width() + "x" + f.image().height()
            + " frame, the task declared " + task.widthPx() + "x" + task.heightPx()).orElseThrow();
      }
      FrameDetector.Found found;
      try {
        found = detector.find(f.image(), task.defend());
      } catch (Exception e) {
        return refuse(task, TaskFailure.DETECTOR_FAILED, "detector " + detector.variant() + " failed: " + e)
            .orElseThrow();
      }
      long t1 = clock.nanos();
      served++;
      if (!found.masked().isEmpty()) {
        masked++;
      }
      return new TaskOutcome.Served(taskId, task.frameId(), found.detections(), f.energyShare(), f.acceptedPackets(),
          task.packetCount(), (t1 - o.openedNanos) / 1e6, (t1 - t0) / 1e6, detector.variant(), task.widthPx(), task.heightPx(), found.defended(),
          found.masked());
    } finally {
      busyNanos += clock.nanos() - t0;
    }
  }

  private void drop(String reason) {
    packetDrops.merge(reason, 1L, Long::sum);
  }

  /** Open tasks (the queue length). */
  public int queueLength() {
    return open.size();
  }

  /** The node's limits. */
  public Limits limits() {
    return limits;
  }

  /** Tasks answered with detections. */
  public long served() {
    return served;
  }

  /** Served tasks on which the patch defence masked a region. */
  public long masked() {
    return masked;
  }

  /** Tasks answered with an error, by reason (every reason listed, zero included). */
  public Map<TaskFailure, Long> refused() {
    return new EnumMap<>(refused);
  }

  /** Tasks answered with an error, all reasons. */
  public long refusedTotal() {
    return refused.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Packets dropped, by reason: the decoder's verdicts in lower case ({@code bad_crc}, {@code
   * malformed_header}, ...), {@code late_or_refused_task}, {@code refused_task}, {@code
   * inconsistent_task} (task fields differ from its first packet's), {@code extra_packet} (beyond the
   * declared count). Sorted by reason.
   */
  public Map<String, Long> packetDrops() {
    return new TreeMap<>(packetDrops);
  }

  /** Nanoseconds spent decoding and detecting since the start (for the node's load). */
  public long busyNanos() {
    return busyNanos;
  }

  /** Ids of the open tasks, oldest first. */
  public List<String> openTasks() {
    return new ArrayList<>(open.keySet());
  }
}
