package org.swarmsense.gateway.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The JDBC database of the journal and snapshot store ({@code pekko-persistence-jdbc}): H2 (a file in
 * the data directory) or PostgreSQL. {@link #prepare()} opens it once with plain JDBC, creates the
 * plugin's tables when missing (from the schema scripts shipped in the plugin's jar, made
 * idempotent) and reads them, so an unreadable or corrupted database stops {@code serve} with an
 * error naming it before anything is changed. {@link #pekkoConfig()} is the actor system's
 * configuration of the plugin.
 *
 * @param url the JDBC URL
 * @param user the user (empty for H2)
 * @param password the password (empty for H2)
 * @param where the path or URL named in errors
 */
public record JournalDatabase(String url, String user, String password, String where) {
  /** Validates the values. */
  public JournalDatabase {
    if (url == null || !(url.startsWith("jdbc:h2:") || url.startsWith("jdbc:postgresql:"))) {
      throw new IllegalArgumentException("jdbc-url must be jdbc:h2:... or jdbc:postgresql:..., was " + url);
    }
    if (user == null || password == null || where == null) {
      throw new IllegalArgumentException("jdbc user, password and description must not be null");
    }
  }

  /** The embedded H2 database of a data directory. */
  public static JournalDatabase embedded(DataDirectory dir) {
    return new JournalDatabase(dir.h2Url(), "", "", dir.journalBase() + ".mv.db");
  }

  /** The database the settings name: their JDBC URL, or the data directory's H2 file. */
  public static JournalDatabase of(PersistenceSettings s, DataDirectory dir) {
    return s.jdbcUrl().isEmpty()
        ? embedded(dir)
        : new JournalDatabase(s.jdbcUrl(), s.jdbcUser(), s.jdbcPassword(), s.jdbcUrl().replaceAll("\\?.*", ""));
  }

  private boolean h2() {
    return url.startsWith("jdbc:h2:");
  }

  /**
   * Opens the database, creates missing tables and reads them.
   *
   * @throws DataDirectoryException naming the database when it does not open or its tables cannot
   *     be read (nothing was changed)
   */
  public void prepare() {
    String script = h2() ? "schema/h2/h2-create-schema.sql" : "schema/postgres/postgres-create-schema.sql";
    try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
      for (String sql : statements(script)) {
        st.execute(sql);
      }
      String table = h2() ? "PUBLIC.\"event_journal\"" : "public.event_journal";
      String snapshots = h2() ? "PUBLIC.\"snapshot\"" : "public.snapshot";
      st.executeQuery("SELECT COUNT(*) FROM " + table).close();
      st.executeQuery("SELECT COUNT(*) FROM " + snapshots).close();
    } catch (SQLException e) {
      throw new DataDirectoryException(Path.of(where.startsWith("jdbc:") ? "." : where),
          "the journal database " + where + " cannot be used: " + firstLine(e.getMessage())
              + (h2() ? "; it was left as it is (move it away to start with an empty state)" : ""), e);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "(no message)";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** The plugin's shipped create script as single statements, each made idempotent. */
  static java.util.List<String> statements(String resource) {
    String text;
    try (InputStream in = JournalDatabase.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the persistence plugin's " + resource + " is not on the classpath");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
    java.util.List<String> out = new java.util.ArrayList<>();
    for (String part : text.split(";")) {
      String sql = part.strip();
      if (sql.isEmpty()) {
        continue;
      }
      // CONCURRENTLY cannot run in a transaction and the scripts' plain CREATE INDEX fails on a second run
      sql = sql.replaceAll("(?i)CREATE (UNIQUE )?INDEX (CONCURRENTLY )?(IF NOT EXISTS )?", "CREATE $1INDEX IF NOT EXISTS ");
      out.add(sql);
    }
    return out;
  }

  /** The actor system configuration of the JDBC journal, snapshot store and read journal. */
  public Config pekkoConfig() {
    Map<String, Object> db = new java.util.HashMap<>();
    db.put("url", url);
    db.put("user", user);
    db.put("password", password);
    db.put("driver", h2() ? "org.h2.Driver" : "org.postgresql.Driver");
    db.put("numThreads", 4);
    db.put("maxConnections", 4);
    db.put("minConnections", 1);
    db.put("connectionTimeout", 10000);
    Config shared =
        ConfigFactory.empty()
            .withValue("profile", ConfigValueFactory.fromAnyRef(h2() ? "slick.jdbc.H2Profile$" : "slick.jdbc.PostgresProfile$"))
            .withValue("db", ConfigValueFactory.fromMap(db));
    return ConfigFactory.parseString(
            """
            pekko.persistence.journal.plugin = "jdbc-journal"
            pekko.persistence.snapshot-store.plugin = "jdbc-snapshot-store"
            jdbc-journal.use-shared-db = "slick"
            jdbc-snapshot-store.use-shared-db = "slick"
            jdbc-read-journal.use-shared-db = "slick"
            jdbc-durable-state-store.use-shared-db = "slick"
            """)
        .withValue("pekko-persistence-jdbc.shared-databases.slick", shared.root());
  }
}
