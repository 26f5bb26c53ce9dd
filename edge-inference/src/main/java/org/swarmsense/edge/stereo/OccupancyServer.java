package org.swarmsense.edge.stereo;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * An edge node's occupancy desk (issue 19 part 4): admits occupancy jobs up to a capacity, decodes
 * each job's PNG pair, serves it through an {@link OccupancyService} with what is left of its deadline
 * after it waited, and counts what it answered and refused by reason. The transport (MQTT, the actor)
 * only carries jobs and outcomes; every decision is here.
 *
 * <p>Order of a job: {@link #admit} (at most {@code capacity} jobs admitted and not yet served, else
 * {@link #QUEUE_FULL} at once, so a flood of large requests cannot pile up in a mailbox), then {@link
 * #serve}: a job that waited past its deadline is {@link #EXPIRED} without work; images that are not
 * PNGs of the declared size are {@link #BAD_IMAGE} (naming the field and the size); otherwise the
 * service answers with the finest level the remaining deadline allows (coarse first), and the outcome
 * says whether it came late (waiting included); a service failure is {@link #FAILED}. Nothing throws
 * out of {@link #serve}.
 *
 * <p>The service is built on the first job (its matchers start threads), so a node that never gets an
 * occupancy request costs nothing. Thread-safe: {@link #admit} and the counters from any thread,
 * {@link #serve} one job at a time.
 */
public final class OccupancyServer implements AutoCloseable {

  /** The node already holds {@code capacity} occupancy jobs. */
  public static final String QUEUE_FULL = "queue_full";
  /** The job waited past its deadline before the node got to it. */
  public static final String EXPIRED = "expired";
  /** An image is not a readable PNG of the declared size. */
  public static final String BAD_IMAGE = "bad_image";
  /** The matcher or the voxelisation failed on the pair. */
  public static final String FAILED = "occupancy_failed";

  /**
   * One occupancy request as the node received it: a rectified pair as PNG bytes, its declared size,
   * calibration, box and deadline. Immutable by convention (the arrays are not copied).
   *
   * @param taskId the request's id
   * @param leftPng the left image, PNG bytes (any PNG colour type; converted to grey)
   * @param rightPng the right image, PNG bytes
   * @param widthPx declared width of both images, >= {@link OccupancyRequest#MIN_SIDE_PX}
   * @param heightPx declared height of both images, >= {@link OccupancyRequest#MIN_SIDE_PX}
   * @param calibration the pair's calibration
   * @param box the box to voxelise, left camera coordinates
   * @param deadline from the node receiving the request to the latest useful answer, positive
   */
  public record Job(String taskId, byte[] leftPng, byte[] rightPng, int widthPx, int heightPx,
      StereoCalibration calibration, VoxelBox box, Duration deadline) {

    /** Validates every field. */
    public Job {
      if (taskId == null || taskId.isBlank()) {
        throw new IllegalArgumentException("taskId must not be blank, got '" + taskId + "'");
      }
      if (leftPng == null || rightPng == null) {
        throw new IllegalArgumentException("both images must be given");
      }
      if (widthPx < OccupancyRequest.MIN_SIDE_PX || heightPx < OccupancyRequest.MIN_SIDE_PX) {
        throw new IllegalArgumentException("widthPx and heightPx must be >= " + OccupancyRequest.MIN_SIDE_PX + ", got "
            + widthPx + "x" + heightPx);
      }
      if (calibration == null || box == null) {
        throw new IllegalArgumentException("calibration and box must be set");
      }
      if (deadline == null || deadline.isNegative() || deadline.isZero()) {
        throw new IllegalArgumentException("deadline must be positive, got " + deadline);
      }
    }
  }

  /** What the node answers to a job. */
  public sealed interface Outcome {
    /** The job's id. */
    String taskId();
  }

  /**
   * Occupancy at the finest level reached.
   *
   * @param taskId the job
   * @param finest the finest level's grid (16^3, 32^3 or 64^3)
   * @param fullPass whether the full-size pass ran
   * @param latencyMs from the node receiving the job to the answer (waiting included), ms
   * @param late whether that was past the job's deadline
   */
  public record Answered(String taskId, OccupancyGrid finest, boolean fullPass, double latencyMs, boolean late)
      implements Outcome {}

  /**
   * A refused or failed job.
   *
   * @param taskId the job
   * @param reason one of {@link #QUEUE_FULL}, {@link #EXPIRED}, {@link #BAD_IMAGE}, {@link #FAILED}
   * @param detail a sentence naming the field and the value
   */
  public record Refused(String taskId, String reason, String detail) implements Outcome {}

  private final Supplier<OccupancyService> factory;
  private final int capacity;
  private final AtomicInteger open = new AtomicInteger();
  private final LongAdder answered = new LongAdder();
  private final LongAdder late = new LongAdder();
  private final LongAdder busyNanos = new LongAdder();
  private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
  private OccupancyService service;
  private boolean closed;

  /**
   * A desk serving with the service {@code factory} builds on the first job.
   *
   * @param capacity jobs admitted and not yet served at once, >= 1
   */
  public OccupancyServer(Supplier<OccupancyService> factory, int capacity) {
    if (factory == null || capacity < 1) {
      throw new IllegalArgumentException("factory must be given and capacity >= 1, got " + factory + ", " + capacity);
    }
    this.factory = factory;
    this.capacity = capacity;
    for (String r : new String[] {QUEUE_FULL, EXPIRED, BAD_IMAGE, FAILED}) {
      refused.put(r, new LongAdder());
    }
  }

  /**
   * Admits a job (true: it must then be {@link #serve}d exactly once) or refuses it ({@link
   * #QUEUE_FULL}, counted) when {@code capacity} jobs are admitted and not yet served.
   */
  public boolean admit() {
    while (true) {
      int n = open.get();
      if (n >= capacity) {
        refused.get(QUEUE_FULL).increment();
        return false;
      }
      if (open.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  /** The {@link #QUEUE_FULL} outcome of a job {@link #admit} refused. */
  public Refused queueFull(String taskId) {
    return new Refused(taskId, QUEUE_FULL, "the node holds " + capacity + " occupancy requests, its capacity");
  }

  /**
   * Serves an admitted job that waited {@code waitedNanos} between its arrival and now; never throws.
   */
  public Outcome serve(Job job, long waitedNanos) {
    long start = System.nanoTime();
    try {
      return count(answer(job, Math.max(0, waitedNanos)));
    } finally {
      open.decrementAndGet();
      busyNanos.add(System.nanoTime() - start);
    }
  }

  private synchronized Outcome answer(Job job, long waitedNanos) {
    long deadlineNanos = job.deadline().toNanos();
    if (waitedNanos >= deadlineNanos) {
      return new Refused(job.taskId(), EXPIRED, "waited " + Math.round(waitedNanos / 1e6) + " ms in the node's queue,"
          + " past deadline_ms " + job.deadline().toMillis());
    }
    GrayImage left;
    GrayImage right;
    try {
      left = GrayImage.decodePng("left_png_b64", job.leftPng(), job.widthPx(), job.heightPx());
      right = GrayImage.decodePng("right_png_b64", job.rightPng(), job.widthPx(), job.heightPx());
    } catch (IllegalArgumentException e) {
      return new Refused(job.taskId(), BAD_IMAGE, e.getMessage());
    }
    try {
      if (closed) {
        throw new IllegalStateException("the node is closing");
      }
      if (service == null) {
        service = factory.get();
      }
      OccupancyAnswer a = service.answer(new OccupancyRequest(left, right, job.calibration(), job.box(),
          Duration.ofNanos(deadlineNanos - waitedNanos)));
      double latencyMs = waitedNanos / 1e6 + a.elapsedMs();
      return new Answered(job.taskId(), a.finest().grid(), a.fullPass(), latencyMs,
          latencyMs > deadlineNanos / 1e6);
    } catch (RuntimeException e) {
      return new Refused(job.taskId(), FAILED, "occupancy failed on the " + job.widthPx() + "x" + job.heightPx()
          + " pair: " + e);
    }
  }

  private Outcome count(Outcome o) {
    if (o instanceof Answered a) {
      answered.increment();
      if (a.late()) {
        late.increment();
      }
    } else {
      refused.get(((Refused) o).reason()).increment();
    }
    return o;
  }

  /** Jobs answered with occupancy (late ones included). */
  public long answered() {
    return answered.sum();
  }

  /** Jobs answered after their deadline. */
  public long late() {
    return late.sum();
  }

  /** Jobs refused, by reason (every reason listed). */
  public Map<String, Long> refused() {
    Map<String, Long> m = new TreeMap<>();
    refused.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  /** Jobs admitted and not yet served. */
  public int openJobs() {
    return open.get();
  }

  /** Time spent serving jobs, nanoseconds. */
  public long busyNanos() {
    return busyNanos.sum();
  }

  /** Releases the service's threads; later jobs are refused {@link #FAILED}. */
  @Override
  public synchronized void close() {
    closed = true;
    if (service != null) {
      service.close();
      service = null;
    }
  }
}
