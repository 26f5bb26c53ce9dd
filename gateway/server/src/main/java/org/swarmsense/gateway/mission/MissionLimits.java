package org.swarmsense.gateway.mission;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a mission that arrives over HTTP may ask of this gateway ({@code swarmsense.gateway.missions}
 * in reference.conf): the datasets it may name, the largest planning cost accepted at submit
 * ({@link MissionCost}), and the planning pool's size. Immutable.
 *
 * @param datasetDir the folder whose regular files missions may name by file name ({@code cells},
 *     {@code demand.path}); empty: missions may name no file at all
 * @param maxWork the largest accepted estimate of drones x plans x cells x slots x iterations x
 *     repetitions x runs (element operations of I-EPOS)
 * @param maxMemoryBytes the largest accepted estimate of the candidate plans' memory, bytes
 * @param planningThreads threads that plan missions at once (the others wait), 1..64
 * @param maxWaiting missions accepted while all planning threads are busy; beyond this a submit is
 *     refused with 503, 0..10000
 */
public record MissionLimits(
    Optional<Path> datasetDir, double maxWork, long maxMemoryBytes, int planningThreads, int maxWaiting) {
  /** Validates the values. */
  public MissionLimits {
    if (datasetDir == null) {
      throw new IllegalArgumentException("missions.dataset-dir must not be null (use Optional.empty())");
    }
    if (!(maxWork >= 1)) {
      throw new IllegalArgumentException("missions.max-work must be >= 1, was " + maxWork);
    }
    if (maxMemoryBytes < 1) {
      throw new IllegalArgumentException("missions.max-memory must be >= 1 byte, was " + maxMemoryBytes);
    }
    if (planningThreads < 1 || planningThreads > 64) {
      throw new IllegalArgumentException("missions.planning-threads must be 1..64, was " + planningThreads);
    }
    if (maxWaiting < 0 || maxWaiting > 10_000) {
      throw new IllegalArgumentException("missions.max-waiting must be 0..10000, was " + maxWaiting);
    }
  }

  /** Reads {@code swarmsense.gateway.missions}. */
  public static MissionLimits fromConfig(Config root) {
    Config c = root.getConfig("swarmsense.gateway.missions");
    String dir = c.getString("dataset-dir");
    return new MissionLimits(
        dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir)),
        c.getDouble("max-work"),
        c.getBytes("max-memory"),
        c.getInt("planning-threads"),
        c.getInt("max-waiting"));
  }

  /** The defaults of reference.conf (and application.conf). */
  public static MissionLimits defaults() {
    return fromConfig(ConfigFactory.load());
  }

  /** A copy with another dataset folder (null: none). */
  public MissionLimits withDatasetDir(Path dir) {
    return new MissionLimits(Optional.ofNullable(dir), maxWork, maxMemoryBytes, planningThreads, maxWaiting);
  }

  /** A copy with other cost budgets. */
  public MissionLimits withBudget(double work, long memoryBytes) {
    return new MissionLimits(datasetDir, work, memoryBytes, planningThreads, maxWaiting);
  }
}
