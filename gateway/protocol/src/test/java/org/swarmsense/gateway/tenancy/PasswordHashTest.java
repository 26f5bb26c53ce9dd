package org.swarmsense.gateway.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordHashTest {

  @Test
  void roundTripsAndChecks() {
    PasswordHash h = PasswordHash.hashOf("correct horse", 101);
    PasswordHash back = PasswordHash.parse(h.encoded());
    assertEquals(h, back);
    assertTrue(back.matches("correct horse"));
    assertFalse(back.matches("correct horsE"));
    assertTrue(h.encoded().startsWith("$7$101$"));
  }

  /** A hash written by mosquitto_passwd itself is checked correctly (also with non-ASCII text). */
  @Test
  void readsWhatMosquittoPasswdWrites(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pw");
    Files.writeString(file, "");
    Process p = new ProcessBuilder("mosquitto_passwd", "-b", file.toString(), "fleet-a", "s3cret-ünïcode")
        .redirectErrorStream(true).start();
    assertTrue(p.waitFor(20, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
    String line = Files.readAllLines(file).get(0);
    String encoded = line.substring(line.indexOf(':') + 1);
    PasswordHash h = PasswordHash.parse(encoded);
    assertTrue(h.matches("s3cret-ünïcode"), "our PBKDF2 must agree with mosquitto_passwd: " + line);
    assertFalse(h.matches("s3cret-unicode"));
  }

  @Test
  void badHashesAreRefusedWithTheValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("$6$abc$def"));
    assertTrue(e.getMessage().contains("$6$abc$def"), e.getMessage());
  }

  @Test
  void registryFileErrorsNameFileAndLine(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("fleets");
    Account ok = Account.withPassword("fleet-a", "fleet-a", "password-a");
    Files.write(f, List.of("# comment", ok.username() + " " + ok.fleet() + " " + ok.password().encoded(),
        "fleet-b fleet/b " + ok.password().encoded()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FleetRegistry.load(f));
    assertTrue(e.getMessage().contains(f + ":3:"), e.getMessage());
    assertTrue(e.getMessage().contains("fleet/b"), e.getMessage());
  }

  @Test
  void registrySavesAndLoadsAndGeneratesMosquittoFiles(@TempDir Path dir) {
    FleetRegistry r = FleetRegistry.of(List.of(
        Account.withPassword("gw", Account.ALL_FLEETS, "gateway-pass"),
        Account.withPassword("fleet-a", "fleet-a", "password-a")));
    Path f = dir.resolve("fleets");
    r.save(f);
    FleetRegistry back = FleetRegistry.load(f);
    assertTrue(back.authenticate("fleet-a", "password-a").isPresent());
    assertTrue(back.authenticate("fleet-a", "password-b").isEmpty());
    assertEquals(java.util.Set.of("fleet-a"), back.fleets());
    String acl = MosquittoAuthFiles.aclFile(back);
    // a fleet reads its subtree and writes only its documented channels (issue 17)
    assertTrue(acl.contains("user fleet-a\ntopic read swarmsense/fleet-a/#\ntopic write swarmsense/fleet-a/drone/+/status\n"), acl);
    assertTrue(acl.contains("topic write swarmsense/fleet-a/edge/+/result/+\n"), acl);
    // issue 19 part 4: occupancy requests and answers, edge only, like detection tasks and results
    assertTrue(acl.contains("topic write swarmsense/fleet-a/edge/+/occupancy\n"), acl);
    assertTrue(acl.contains("topic write swarmsense/fleet-a/edge/+/occupancy_result/+\n"), acl);
    assertFalse(acl.contains("swarmsense/fleet-a/drone/+/occupancy"), acl);
    assertTrue(acl.contains("topic write swarmsense/fleet-a/gateway/+/reply\n"), acl);
    assertFalse(acl.contains("topic readwrite swarmsense/fleet-a/#"), acl);
    assertTrue(acl.contains("user gw\ntopic readwrite swarmsense/#\n"), acl);
    assertTrue(MosquittoAuthFiles.passwordFile(back).startsWith("gw:$7$101$"));
    assertTrue(FleetRegistry.mayAccess(back.accounts().get(1), "swarmsense/fleet-a/drone/x/cmd"));
    assertFalse(FleetRegistry.mayAccess(back.accounts().get(1), "swarmsense/fleet-ab/drone/x/cmd"));
  }
}
