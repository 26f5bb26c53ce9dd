package org.swarmsense.gateway.persistence;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL 15 cluster for tests: {@code initdb} + {@code pg_ctl} from Debian's
 * {@code postgresql} package (.ci/run installs it) in a temporary folder, on a free loopback port,
 * trust authentication, user {@code swarmsense}. As root (CI containers) the server runs as the
 * {@code postgres} system user, since PostgreSQL refuses to run as root.
 */
public final class LocalPostgres implements AutoCloseable {
  public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

  private final Path dir;
  private final int port;
  private final boolean asPostgres;

  private LocalPostgres(Path dir, int port, boolean asPostgres) {
    this.dir = dir;
    this.port = port;
    this.asPostgres = asPostgres;
  }

  public static LocalPostgres start() throws IOException, InterruptedException {
    if (!Files.isExecutable(BIN.resolve("initdb"))) {
      throw new IllegalStateException(BIN.resolve("initdb") + " is missing: apt-get install postgresql (see .ci/run)");
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("swarmsense-pg-");
    if (root) {
      UserPrincipal pg = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
      Files.setOwner(dir, pg);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    LocalPostgres p = new LocalPostgres(dir, port, root);
    p.run(BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "swarmsense",
        "--auth=trust", "-E", "UTF8", "--no-sync");
    p.run(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(),
        "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    return p;
  }

  /** The JDBC URL of its {@code postgres} database (user {@code swarmsense}, no password). */
  public String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  private void run(String... cmd) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(List.of(cmd));
    Process pr = new ProcessBuilder(full).redirectErrorStream(true).start();
    String out = new String(pr.getInputStream().readAllBytes());
    if (!pr.waitFor(120, TimeUnit.SECONDS) || pr.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", full) + " failed: " + out);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      run(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
      }
    }
  }
}
