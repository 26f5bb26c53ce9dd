package org.swarmsense.gateway.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.agents.device.EdgeLoad;
import org.swarmsense.agents.device.Observation;

/**
 * Issue 18's devices and pending commands in the journal (H2 file): what is written is back after a
 * reopen, snapshots replace the events they cover (the device journal does not grow without bound),
 * a command accepted and then answered is not pending any more, and the same id twice is one command.
 */
class DeviceStateStoreTest {
  static Observation obs(long t, double battery) {
    return new Observation(t, t + 5, 43.73, 7.42, 50, 3.5, 90, battery, "flying");
  }

  static String hex(int i) {
    return String.format("%032x", i);
  }

  @Test
  void devicesAndPendingCommandsAreBackAfterAReopenAndOldEventsAreDeleted(@TempDir Path dir) throws Exception {
    PersistenceSettings s = GatewayStoreTest.settings(dir); // a snapshot every 3 events
    try (GatewayStore store = GatewayStore.open(s, ConfigFactory.load())) {
      // 19 flushes of fleet-a: the device d1's battery goes 100, 99, ..., 82
      for (int i = 0; i < 19; i++) {
        store.recordDevices("fleet-a", List.of(new DeviceRecord("drone", "d1", true, obs(1_000 + i, 100 - i))));
      }
      store.recordDevices("fleet-a", List.of(new DeviceRecord("sensor", "s1", false, null),
          new DeviceRecord("edge", "e1", true, new Observation(7, 8, 43.7, 7.4, 10, 0, 0, 100, "serving",
              new EdgeLoad(2, 16, 0.25, 40, 1)))));
      store.recordDevices("fleet-b", List.of(new DeviceRecord("drone", "d1", null, obs(2_000, 50))));
      store.commandAccepted("fleet-a", new PendingCommand(hex(1), "drone", "d1", "{\"cmd\":\"hold\"}", 10));
      store.commandAccepted("fleet-a", new PendingCommand(hex(2), "drone", "d1", "{\"cmd\":\"land\"}", 11));
      store.commandAccepted("fleet-a", new PendingCommand(hex(2), "drone", "d1", "{\"cmd\":\"land\"}", 11));
      store.commandAnswered("fleet-a", hex(1), true, "");
      store.commandAnswered("fleet-a", hex(1), true, ""); // a second copy's answer
    }
    try (GatewayStore store = GatewayStore.open(s, ConfigFactory.load())) {
      GatewayStore.Restored r = store.restore();
      assertEquals(4, r.devices(), "d1, s1, e1 of fleet-a and d1 of fleet-b");
      assertEquals(1, r.pendingCommands());
      assertEquals(List.of("fleet-a", "fleet-b"), store.deviceFleets());
      FleetDeviceState a = store.devices("fleet-a");
      assertEquals(82.0, a.devices().get("drone/d1").last().batteryPercent(), "the last write wins");
      assertEquals(Boolean.TRUE, a.devices().get("drone/d1").online());
      assertEquals(Boolean.FALSE, a.devices().get("sensor/s1").online());
      assertNull(a.devices().get("sensor/s1").last());
      assertEquals(new EdgeLoad(2, 16, 0.25, 40, 1), a.devices().get("edge/e1").last().edgeLoad());
      assertNull(store.devices("fleet-b").devices().get("drone/d1").online());
      PendingCommands c = store.commands("fleet-a");
      assertEquals(List.of(hex(2)), c.list().stream().map(PendingCommand::id).toList());
      assertEquals(2, c.accepted(), "the same id accepted twice is one command");
      assertEquals(1, c.answered(), "answered twice is counted once");
      assertEquals("{\"cmd\":\"land\"}", c.list().get(0).json());
    }
    String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("journal/swarmsense");
    int deviceEvents;
    int rows;
    try (var conn = java.sql.DriverManager.getConnection(url, "", ""); var rs = conn.createStatement().executeQuery(
        "SELECT COUNT(*), SUM(CASE WHEN \"deleted\" THEN 0 ELSE 1 END) FROM PUBLIC.\"event_journal\""
            + " WHERE \"persistence_id\" = 'fleet-devices|fleet-a'")) {
      rs.next();
      rows = rs.getInt(1);
      deviceEvents = rs.getInt(2);
    }
    System.out.println("fleet-a: 20 device events written, " + deviceEvents + " live (" + rows
        + " rows) left in the journal (snapshot every 3, 2 kept)");
    // events older than the oldest kept snapshot are deleted: at most 3 x (2 + 1) stay
    assertTrue(deviceEvents <= 9 && rows <= 9, "events covered by a snapshot are deleted, " + deviceEvents + " live, "
        + rows + " rows left");
  }

  @Test
  void recordsRefuseWhatIsNotADevice() {
    IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
        () -> new DeviceRecord("tank", "d1", true, null));
    assertTrue(kind.getMessage().contains("tank"), kind.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new DeviceRecord("drone", "", true, null));
    assertThrows(IllegalArgumentException.class, () -> new PendingCommand("xyz", "drone", "d1", "{}", 1));
    assertThrows(IllegalArgumentException.class, () -> new PendingCommand(hex(1), "drone", "d1", "", 1));
    assertThrows(IllegalArgumentException.class, () -> new FleetDeviceState.Changed(new ArrayList<>(), 1));
  }
}
