package org.swarmsense.gateway.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.agents.airspace.FenceKind;

/**
 * The journal proof of issue 18 on the embedded database: pekko-persistence-jdbc 1.1.1 runs Pekko
 * 1.7.0's EventSourcedBehavior (events, snapshots, recovery, the read journal) against an H2 file;
 * state written before a close is back after a reopen; the data directory's guards (lock, corrupted
 * database, free space) refuse with the path named and change nothing.
 */
class GatewayStoreTest {
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);
  private static final String ZONE = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
      + "{\"name\":\"z\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[7.41,43.73],[7.42,43.73],[7.42,43.74],"
      + "[7.41,43.73]]]}}]}";

  static PersistenceSettings settings(Path dir) {
    return PersistenceSettings.fromConfig(ConfigFactory.load(), Map.of()).withDataDir(dir).withSnapshotEvery(3)
        .withMinFreeBytes(0);
  }

  /** Writes tokens, fences and 10 audit entries, reopens, and reads them back; snapshots exist. */
  static void writeCloseReopen(PersistenceSettings s) throws Exception {
    try (GatewayStore store = GatewayStore.open(s, ConfigFactory.load())) {
      assertEquals(0, store.restore().entities(), "a fresh journal is empty");
      store.issueToken("fleet-a", A);
      store.issueToken("fleet-b", B);
      store.setFences("fleet-a", FenceKind.NO_FLY_ZONE, ZONE);
      for (int i = 1; i <= 10; i++) {
        AuditEntry e = store.audit("fleet-a", "http:fleet-a", "mission.submit", "m" + i);
        assertEquals(i, e.seq());
      }
    }
    try (GatewayStore store = GatewayStore.open(s, ConfigFactory.load())) {
      GatewayStore.Restored r = store.restore();
      assertEquals(List.of("fleet-a", "fleet-b"), r.tokens());
      assertEquals(List.of("fleet-a"), r.fenceSets());
      assertEquals(10, r.auditEntries());
      assertEquals(4, r.entities());
      assertEquals(A, store.token("fleet-a").orElseThrow().digest());
      assertEquals(B, store.token("fleet-b").orElseThrow().digest());
      assertTrue(store.token("fleet-c").isEmpty());
      assertEquals(ZONE, store.fences("fleet-a").featureCollections().get(FenceKind.NO_FLY_ZONE));
      AuditLog log = store.auditLog("fleet-a");
      assertEquals(10, log.total());
      assertEquals(List.of("m4", "m5", "m6"), log.page(3, 3).stream().map(AuditEntry::detail).toList());
      // appends continue the numbering after a restart
      assertEquals(11, store.audit("fleet-a", "http:fleet-a", "mission.run", "m1").seq());
    }
  }

  static int rows(String url, String user, String table) throws Exception {
    try (Connection c = DriverManager.getConnection(url, user, ""); ResultSet rs =
        c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void stateSurvivesAReopenOnH2WithSnapshots(@TempDir Path dir) throws Exception {
    writeCloseReopen(settings(dir));
    String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("journal/swarmsense");
    // 10 audit events with a snapshot every 3: snapshots written, and the events stayed
    assertTrue(rows(url, "", "PUBLIC.\"snapshot\"") >= 1, "snapshots were written");
    assertEquals(2 + 1 + 11, rows(url, "", "PUBLIC.\"event_journal\""));
  }

  @Test
  void aSecondOpenOfTheSameDirectoryIsRefusedNamingIt(@TempDir Path dir) {
    try (GatewayStore first = GatewayStore.open(settings(dir), ConfigFactory.load())) {
      DataDirectoryException e = assertThrows(DataDirectoryException.class,
          () -> DataDirectory.open(dir, 0));
      assertTrue(e.getMessage().contains(dir.toAbsolutePath().toString()) && e.getMessage().contains("in use"),
          e.getMessage());
      assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
    }
    // released on close
    DataDirectory.open(dir, 0).close();
  }

  @Test
  void aCorruptedJournalIsRefusedNamingItAndLeftAsItIs(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("journal/swarmsense.mv.db");
    Files.createDirectories(db.getParent());
    byte[] garbage = new byte[64 * 1024];
    new java.util.Random(18).nextBytes(garbage);
    Files.write(db, garbage);
    DataDirectoryException e =
        assertThrows(DataDirectoryException.class, () -> GatewayStore.open(settings(dir), ConfigFactory.load()));
    assertTrue(e.getMessage().contains(db.toAbsolutePath().toString()), e.getMessage());
    assertArrayEquals(garbage, Files.readAllBytes(db), "no silent reset");
    // the lock was released: the directory opens again once the file is moved away
    Files.move(db, dir.resolve("moved-away.mv.db"));
    try (GatewayStore store = GatewayStore.open(settings(dir), ConfigFactory.load())) {
      assertEquals(0, store.restore().entities());
    }
  }

  @Test
  void tooLittleFreeSpaceOrAFileInsteadOfADirectoryIsRefused(@TempDir Path dir) throws Exception {
    DataDirectoryException full = assertThrows(DataDirectoryException.class,
        () -> GatewayStore.open(settings(dir).withMinFreeBytes(Long.MAX_VALUE), ConfigFactory.load()));
    assertTrue(full.getMessage().contains(dir.toAbsolutePath().toString()) && full.getMessage().contains("MiB free"),
        full.getMessage());
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    DataDirectoryException notDir = assertThrows(DataDirectoryException.class, () -> DataDirectory.open(file, 0));
    assertTrue(notDir.getMessage().contains(file.toString() + " is not a directory"), notDir.getMessage());
  }

  @Test
  void theAuditLogKeepsTheNewestEntriesReadable() {
    AuditLog log = AuditLog.empty(3);
    for (int i = 1; i <= 5; i++) {
      log = log.apply(new AuditLog.Appended(1000L + i, "gateway", "a", "d" + i));
    }
    assertEquals(5, log.total());
    assertEquals(List.of(3L, 4L, 5L), log.page(0, 10).stream().map(AuditEntry::seq).toList());
    assertEquals(List.of(5L), log.page(4, 10).stream().map(AuditEntry::seq).toList());
    assertEquals(List.of(), log.page(5, 10));
    assertEquals(List.of(3L), log.page(1, 1).stream().map(AuditEntry::seq).toList());
    assertThrows(IllegalArgumentException.class, () -> AuditLog.empty(3).page(-1, 1));
  }
}
