package org.swarmsense.gateway.mission;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that plan missions: at most {@link MissionLimits#planningThreads()} at once, at most
 * {@link MissionLimits#maxWaiting()} waiting, then new work is refused
 * ({@link java.util.concurrent.RejectedExecutionException}, which {@link MissionDesk} answers with
 * 503), so a burst of missions cannot queue without bound. Daemon threads of minimum priority: the
 * fleet link and the HTTP API keep the CPU they need.
 */
public final class PlanningPool {
  private PlanningPool() {}

  /** A new pool; shut it down with the node. */
  public static ThreadPoolExecutor create(MissionLimits limits) {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(limits.planningThreads(), limits.planningThreads(), 0, TimeUnit.MILLISECONDS,
        limits.maxWaiting() == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(limits.maxWaiting()),
        r -> {
          Thread t = new Thread(r, "mission-planning-" + n.incrementAndGet());
          t.setDaemon(true);
          t.setPriority(Thread.MIN_PRIORITY);
          return t;
        });
  }
}
