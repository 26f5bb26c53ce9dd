package org.swarmsense.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.gateway.broker.FreePorts;
import org.swarmsense.gateway.http.FleetTokens;
import org.swarmsense.gateway.persistence.GatewayStore;
import org.swarmsense.gateway.persistence.PersistenceSettings;
import picocli.CommandLine;

/**
 * Issue 18: a token given with {@code serve --token} is kept like an automatic one (its digest only):
 * a later start without {@code --token} keeps accepting it and says so, and the startup line counts
 * it among the restored tokens.
 */
class ServeTokenKeptTest {
  static String serve(Path dataDir, String... extra) {
    StringWriter out = new StringWriter();
    CommandLine cli = SwarmsenseCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("serve", "--data-dir",
        dataDir.toString(), "--mqtt-port", String.valueOf(FreePorts.pick()), "--http-port", "0", "--edge-nodes", "0",
        "--duration", "1s"));
    args.addAll(java.util.List.of(extra));
    int exit = cli.execute(args.toArray(String[]::new));
    assertEquals(0, exit, out.toString());
    return out.toString();
  }

  @Test
  void aGivenTokenIsKeptForLaterStarts(@TempDir Path dir) {
    String given = "operator-given-token-0123456789";
    String first = serve(dir, "--token", "default=" + given);
    assertTrue(first.contains("new, nothing to restore"), first);
    String second = serve(dir);
    System.out.println(second.lines().filter(l -> l.contains("state in") || l.contains("keeps its token"))
        .reduce("", (a, b) -> a + b + "\n"));
    assertTrue(second.contains("restored tokens of 1 fleet(s) [default]"), second);
    assertTrue(second.contains("fleet default keeps its token"), second);
    try (GatewayStore store = GatewayStore.open(
        PersistenceSettings.defaults().withDataDir(dir).withMinFreeBytes(0), ConfigFactory.load())) {
      assertEquals(FleetTokens.digestOf(given), FleetTokens.DIGEST_PREFIX + store.token("default").orElseThrow().digest());
    }
  }
}
