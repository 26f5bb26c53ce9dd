package org.swarmsense.gateway.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * {@link PostgresJournalTest}'s checks (write / close / reopen / read back, snapshots and journal rows)
 * against a {@code postgres:15} container, the JDBC URL taken from the container. Runs only in the
 * {@code containers} Maven profile ({@code -Pcontainers}), which needs a Docker engine; without one
 * Testcontainers fails it with "Could not find a valid Docker environment" (never a skip). The
 * server trusts connections, as {@link LocalPostgres} does, so the same password-less checks apply.
 */
@Tag("containers")
class PostgresContainerJournalTest {
  static final DockerImageName IMAGE = DockerImageName.parse("postgres:15");

  @Test
  void stateSurvivesAReopenOnAPostgresContainerWithSnapshots(@TempDir Path dir) throws Exception {
    try (PostgreSQLContainer pg = new PostgreSQLContainer(IMAGE).withUsername("swarmsense")
        .withPassword("unused-with-trust").withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")) {
      pg.start();
      String url = pg.getJdbcUrl();
      System.out.println("postgres container " + pg.getDockerImageName() + " at " + url);
      PersistenceSettings s = GatewayStoreTest.settings(dir).withJdbc(url, "swarmsense", "");
      GatewayStoreTest.writeCloseReopen(s);
      assertTrue(GatewayStoreTest.rows(url, "swarmsense", "public.snapshot") >= 1, "snapshots were written");
      assertEquals(2 + 1 + 11, GatewayStoreTest.rows(url, "swarmsense", "public.event_journal"));
    }
  }
}
