package org.swarmsense.agents.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.swarmsense.agents.drone.Drone;
import org.swarmsense.agents.drone.DroneSetup;
import org.swarmsense.agents.fleet.DeviceRegistry;
import org.swarmsense.agents.planning.PlanningGroup;
import org.swarmsense.agents.planning.RoundResult;
import org.swarmsense.agents.settings.AgentsSettings;
import org.swarmsense.epos.core.AgentPlans;
import org.swarmsense.epos.core.Epos;
import org.swarmsense.epos.core.EposConfig;
import org.swarmsense.epos.core.EposResult;

/**
 * {@code swarmsense bench agents}: for N drone planning actors on one node, the wall time of 40
 * decentralized I-EPOS iterations (seeded random plans, 16 plans of 100 values, VAR, binary tree)
 * and its ratio to the in-process engine ({@link Epos#run}, all processors) on the same plans in
 * the same run (alternating, best of {@link #REPEATS} each, since the machine is shared), with a
 * check that both selected the same plans; then the telemetry messages per
 * second the fleet registry processes from N drones reporting at 10 Hz. Prints a table; never
 * asserts on time. Not thread-safe (one run at a time).
 */
public final class AgentsBench {
  /** Telemetry interval of the throughput measurement. */
  static final Duration TELEMETRY_INTERVAL = Duration.ofMillis(100);
  /** Measurement window of the throughput measurement. */
  static final Duration TELEMETRY_WINDOW = Duration.ofSeconds(3);
  /** Runs of each engine per size; the best time of each is reported. */
  static final int REPEATS = 2;

  private AgentsBench() {}

  /**
   * One row of the table.
   *
   * @param agents N
   * @param actorWallS wall time of the decentralized run (join, start, 40 iterations, final reports), s
   * @param engineWallS wall time of the in-process engine on the same plans, s
   * @param ratio actorWallS / engineWallS
   * @param sameSelection whether both selected the same plans and reached the same G
   * @param telemetryPerS telemetry messages the registry processed per second
   * @param telemetryOfferedPerS telemetry messages the drones were asked to send per second
   */
  public record Row(int agents, double actorWallS, double engineWallS, double ratio, boolean sameSelection,
      double telemetryPerS, double telemetryOfferedPerS) {}

  /** Runs the bench for each size in {@code sizes} and prints the table to {@code out}. */
  public static List<Row> run(PrintWriter out, int[] sizes, long seed) {
    for (int n : sizes) {
      if (n < 1) {
        throw new IllegalArgumentException("sizes must be >= 1, got: " + n);
      }
    }
    out.printf(Locale.ROOT, "agents bench: decentralized I-EPOS actors (16 plans x 100 values, VAR, 40 iterations,"
        + " binary tree, seed %d) vs the in-process engine on the same plans; telemetry at %d ms per drone for %d s;"
        + " %d processors%n", seed, TELEMETRY_INTERVAL.toMillis(), TELEMETRY_WINDOW.toSeconds(),
        Runtime.getRuntime().availableProcessors());
    out.printf(Locale.ROOT, "%8s %10s %11s %8s %6s %14s %14s%n", "agents", "actors s", "in-proc s", "ratio",
        "same", "telemetry/s", "offered/s");
    out.flush();
    // warm-up (JIT) on a small fleet, not printed
    planningRow(200, seed);
    List<Row> rows = new ArrayList<>();
    for (int n : sizes) {
      Row p = planningRow(n, seed);
      double[] tel = telemetry(n);
      Row r = new Row(n, p.actorWallS(), p.engineWallS(), p.ratio(), p.sameSelection(), tel[0], tel[1]);
      rows.add(r);
      out.printf(Locale.ROOT, "%8d %10.3f %11.3f %8.2f %6s %14.0f %14.0f%n", r.agents(), r.actorWallS(),
          r.engineWallS(), r.ratio(), r.sameSelection() ? "yes" : "NO", r.telemetryPerS(), r.telemetryOfferedPerS());
      out.flush();
    }
    return rows;
  }

  /** Seeded random plans: {@code n} agents x 16 plans x 100 values (Gaussian), costs uniform. */
  public static List<AgentPlans> randomPlans(int n, long seed) {
    Random rnd = new Random(seed);
    int k = 16;
    int d = 100;
    List<AgentPlans> plans = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double[] costs = new double[k];
      double[] values = new double[k * d];
      for (int j = 0; j < k; j++) {
        costs[j] = rnd.nextDouble();
      }
      for (int j = 0; j < values.length; j++) {
        values[j] = rnd.nextGaussian();
      }
      plans.add(AgentPlans.ofFlat(i, d, costs, values));
    }
    return plans;
  }

  private static Row planningRow(int n, long seed) {
    List<AgentPlans> plans = randomPlans(n, seed);
    EposConfig config = EposConfig.defaults().withSeed(seed);
    Config c = ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load());
    Duration generous = Duration.ofMinutes(5);
    ActorSystem<PlanningGroup.Command> system = ActorSystem.create(
        PlanningGroup.create(plans, config, generous, generous), "agents-bench", c);
    try {
      // the agents are spawned by the group's setup: ask for them first so spawning is not timed
      await(AskPattern.ask(system, PlanningGroup.GetAgents::new, generous, system.scheduler()));
      double engineS = Double.POSITIVE_INFINITY;
      double actorS = Double.POSITIVE_INFINITY;
      boolean same = true;
      // alternate engine and actors, REPEATS times each, and keep each one's best time: the machine is shared
      for (int rep = 0; rep < REPEATS; rep++) {
        long e0 = System.nanoTime();
        EposResult engine = Epos.run(plans, config);
        engineS = Math.min(engineS, (System.nanoTime() - e0) / 1e9);
        long a0 = System.nanoTime();
        PlanningGroup.Outcome o = await(AskPattern.ask(system,
            (ActorRef<PlanningGroup.Outcome> r) -> new PlanningGroup.Run(1, r), generous, system.scheduler()));
        actorS = Math.min(actorS, (System.nanoTime() - a0) / 1e9);
        RoundResult round = o.rounds().get(0);
        same &= round.complete() && round.missedChildren() == 0
            && Arrays.equals(round.selected(), engine.selectedPlans(0))
            && round.globalCost()[round.globalCost().length - 1] == engine.globalCost(0, engine.iterations() - 1);
      }
      return new Row(n, actorS, engineS, actorS / engineS, same, 0, 0);
    } finally {
      system.terminate();
      await(system.getWhenTerminated());
    }
  }

  /** {processed per second, offered per second} of the registry with {@code n} drones. */
  private static double[] telemetry(int n) {
    Config c = ConfigFactory.parseString("pekko.loglevel = WARNING\nswarmsense.agents.telemetry-interval = "
        + TELEMETRY_INTERVAL.toMillis() + "ms\nswarmsense.agents.link-timeout = 60s").withFallback(ConfigFactory.load());
    AgentsSettings settings = AgentsSettings.create(c);
    Behavior<DeviceRegistry.Command> guardian = Behaviors.setup(ctx -> {
      ActorRef<DeviceRegistry.Command> registry = ctx.spawn(DeviceRegistry.create(settings), "registry");
      for (int i = 0; i < n; i++) {
        String id = "drone-" + i;
        ActorRef<Drone.Command> d = ctx.spawn(Drone.create(id, DroneSetup.at(i, 0), settings), id);
        registry.tell(new DeviceRegistry.RegisterDrone(id, d, ctx.getSystem().ignoreRef()));
      }
      return Behaviors.receiveMessage(m -> {
        registry.tell(m);
        return Behaviors.same();
      });
    });
    ActorSystem<DeviceRegistry.Command> system = ActorSystem.create(guardian, "telemetry-bench", c);
    try {
      Duration t = Duration.ofSeconds(60);
      sleep(Duration.ofSeconds(1));
      long m0 = count(await(AskPattern.ask(system, DeviceRegistry.ListDevices::new, t, system.scheduler())));
      long s0 = System.nanoTime();
      sleep(TELEMETRY_WINDOW);
      long m1 = count(await(AskPattern.ask(system, DeviceRegistry.ListDevices::new, t, system.scheduler())));
      double s = (System.nanoTime() - s0) / 1e9;
      return new double[] {(m1 - m0) / s, n * 1e9 / TELEMETRY_INTERVAL.toNanos()};
    } finally {
      system.terminate();
      await(system.getWhenTerminated());
    }
  }

  private static long count(DeviceRegistry.Devices d) {
    return d.devices().stream().mapToLong(DeviceRegistry.DeviceInfo::messages).sum();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("bench interrupted", e);
    }
  }

  private static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(10, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException("bench step failed: " + e, e);
    }
  }

  /** Runs the bench for 1,000 and 10,000 agents, or the sizes given as arguments. */
  public static void main(String[] args) {
    int[] sizes = args.length == 0 ? new int[] {1000, 10000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    run(new PrintWriter(System.out, true), sizes, 1);
  }
}
