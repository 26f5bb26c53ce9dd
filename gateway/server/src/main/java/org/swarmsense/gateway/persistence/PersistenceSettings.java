package org.swarmsense.gateway.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where and how {@code serve} keeps its state ({@code swarmsense.gateway.persistence} in
 * reference.conf). Immutable.
 *
 * @param dataDir the data directory (journal database, broker store, lock)
 * @param jdbcUrl the journal's JDBC URL; empty: an H2 file database in {@code dataDir/journal}
 * @param jdbcUser the JDBC user (empty for H2)
 * @param jdbcPassword the JDBC password (empty for H2); never printed
 * @param snapshotEvery a snapshot after this many events of one entity, 1..100000
 * @param auditRetained audit entries per fleet readable over HTTP, 1..1000000
 * @param auditPageMax the largest audit page, 1..10000
 * @param writeTimeout how long one state change may take to be written
 * @param restoreTimeout how long recovering one entity may take
 * @param minFreeBytes the least free space in the data directory to start with
 */
public record PersistenceSettings(
    Path dataDir,
    String jdbcUrl,
    String jdbcUser,
    String jdbcPassword,
    int snapshotEvery,
    int auditRetained,
    int auditPageMax,
    Duration writeTimeout,
    Duration restoreTimeout,
    long minFreeBytes) {
  /** Validates the values. */
  public PersistenceSettings {
    if (dataDir == null) {
      throw new IllegalArgumentException("persistence.data-dir must not be null");
    }
    if (jdbcUrl == null || (!jdbcUrl.isEmpty() && !jdbcUrl.startsWith("jdbc:h2:")
        && !jdbcUrl.startsWith("jdbc:postgresql:"))) {
      throw new IllegalArgumentException(
          "persistence.jdbc-url must be empty, jdbc:h2:... or jdbc:postgresql:..., was " + jdbcUrl);
    }
    if (jdbcUser == null || jdbcPassword == null) {
      throw new IllegalArgumentException("persistence.jdbc-user and the password must not be null");
    }
    if (snapshotEvery < 1 || snapshotEvery > 100_000) {
      throw new IllegalArgumentException("persistence.snapshot-every must be 1..100000, was " + snapshotEvery);
    }
    if (auditRetained < 1 || auditRetained > 1_000_000) {
      throw new IllegalArgumentException("persistence.audit-retained must be 1..1000000, was " + auditRetained);
    }
    if (auditPageMax < 1 || auditPageMax > 10_000) {
      throw new IllegalArgumentException("persistence.audit-page-max must be 1..10000, was " + auditPageMax);
    }
    if (writeTimeout == null || writeTimeout.isNegative() || writeTimeout.isZero()) {
      throw new IllegalArgumentException("persistence.write-timeout must be > 0, was " + writeTimeout);
    }
    if (restoreTimeout == null || restoreTimeout.isNegative() || restoreTimeout.isZero()) {
      throw new IllegalArgumentException("persistence.restore-timeout must be > 0, was " + restoreTimeout);
    }
    if (minFreeBytes < 0) {
      throw new IllegalArgumentException("persistence.min-free-space must be >= 0, was " + minFreeBytes);
    }
  }

  /** Reads {@code swarmsense.gateway.persistence}; the password from the named environment variable. */
  public static PersistenceSettings fromConfig(Config root, Map<String, String> env) {
    Config c = root.getConfig("swarmsense.gateway.persistence");
    String dir = c.getString("data-dir");
    String password = env.getOrDefault(c.getString("jdbc-password-env"), "");
    return new PersistenceSettings(
        dir.isBlank() ? defaultDataDir(env) : Path.of(dir),
        c.getString("jdbc-url"),
        c.getString("jdbc-user"),
        password,
        c.getInt("snapshot-every"),
        c.getInt("audit-retained"),
        c.getInt("audit-page-max"),
        c.getDuration("write-timeout"),
        c.getDuration("restore-timeout"),
        c.getBytes("min-free-space"));
  }

  /** The defaults of reference.conf (and application.conf) with this process's environment. */
  public static PersistenceSettings defaults() {
    return fromConfig(ConfigFactory.load(), System.getenv());
  }

  /** The per-user default: {@code $XDG_DATA_HOME/swarmsense}, else {@code ~/.local/share/swarmsense}. */
  public static Path defaultDataDir(Map<String, String> env) {
    String xdg = env.get("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "swarmsense");
    }
    return Path.of(System.getProperty("user.home"), ".local", "share", "swarmsense");
  }

  /** A copy with another data directory. */
  public PersistenceSettings withDataDir(Path dir) {
    return new PersistenceSettings(dir, jdbcUrl, jdbcUser, jdbcPassword, snapshotEvery, auditRetained,
        auditPageMax, writeTimeout, restoreTimeout, minFreeBytes);
  }

  /** A copy with another journal database (empty URL: H2 in the data directory). */
  public PersistenceSettings withJdbc(String url, String user, String password) {
    return new PersistenceSettings(dataDir, url, user, password, snapshotEvery, auditRetained, auditPageMax,
        writeTimeout, restoreTimeout, minFreeBytes);
  }

  /** A copy with another snapshot interval. */
  public PersistenceSettings withSnapshotEvery(int events) {
    return new PersistenceSettings(dataDir, jdbcUrl, jdbcUser, jdbcPassword, events, auditRetained, auditPageMax,
        writeTimeout, restoreTimeout, minFreeBytes);
  }

  /** A copy with another least free space. */
  public PersistenceSettings withMinFreeBytes(long bytes) {
    return new PersistenceSettings(dataDir, jdbcUrl, jdbcUser, jdbcPassword, snapshotEvery, auditRetained,
        auditPageMax, writeTimeout, restoreTimeout, bytes);
  }

  @Override
  public String toString() {
    return "PersistenceSettings[dataDir=" + dataDir + ", jdbcUrl=" + jdbcUrl + ", jdbcUser=" + jdbcUser
        + ", snapshotEvery=" + snapshotEvery + ", auditRetained=" + auditRetained + "]";
  }
}
