package org.swarmsense.gateway.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal proof of issue 18 on PostgreSQL 15: the same write / close / reopen / read-back as
 * on H2, against a cluster this test starts on a free port ({@link LocalPostgres}).
 */
class PostgresJournalTest {
  @Test
  void stateSurvivesAReopenOnPostgresWithSnapshots(@TempDir Path dir) throws Exception {
    try (LocalPostgres pg = LocalPostgres.start()) {
      PersistenceSettings s = GatewayStoreTest.settings(dir).withJdbc(pg.url(), "swarmsense", "");
      GatewayStoreTest.writeCloseReopen(s);
      assertTrue(GatewayStoreTest.rows(pg.url(), "swarmsense", "public.snapshot") >= 1, "snapshots were written");
      assertEquals(2 + 1 + 11, GatewayStoreTest.rows(pg.url(), "swarmsense", "public.event_journal"));
    }
  }
}
