package org.swarmsense.gateway.runtime;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.swarmsense.agents.device.DeviceKey;
import org.swarmsense.agents.device.DeviceSnapshot;
import org.swarmsense.agents.device.DeviceView;
import org.swarmsense.agents.device.Observation;
import org.swarmsense.gateway.persistence.DeviceRecord;
import org.swarmsense.gateway.persistence.FleetDeviceState;
import org.swarmsense.gateway.persistence.GatewayStore;

/**
 * Keeps the device entities' state in the journal without journaling every telemetry message
 * (issue 18). It listens to the read view the entities write and marks a device dirty when
 *
 * <ul>
 *   <li>it is registered or its status changes (online/offline): always;
 *   <li>it reports telemetry received at least {@code telemetry-every} after the observation last
 *       written for it (so a device at 1 Hz is written about once per {@code telemetry-every});
 * </ul>
 *
 * and every {@code flush-every} writes each fleet's dirty devices, as the entities have them then, as
 * one event of the fleet's {@link FleetDeviceState} (at most {@value #MAX_BATCH} devices an event).
 * What a SIGKILL can lose: status changes of the last {@code flush-every}, and telemetry of the last
 * {@code telemetry-every + flush-every} (the device is back with an older position and battery).
 * Commands never go through here (they are journaled before they are sent, {@link FleetDevices}).
 * A failed write is logged and the devices stay dirty for the next flush. Thread-safe.
 */
public final class DeviceJournal implements DeviceView.Listener, AutoCloseable {
  /** The most devices one event carries. */
  public static final int MAX_BATCH = 1000;

  /**
   * When devices are written.
   *
   * @param flushEvery how often dirty devices are written, 100 ms..10 min
   * @param telemetryEvery how old a device's written observation must be before new telemetry makes
   *     it dirty, 0..1 h
   */
  public record Settings(Duration flushEvery, Duration telemetryEvery) {
    /** Validates the values, naming the key. */
    public Settings {
      if (flushEvery == null || flushEvery.compareTo(Duration.ofMillis(100)) < 0
          || flushEvery.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException("persistence.device-flush-every must be 100ms..10m, was " + flushEvery);
      }
      if (telemetryEvery == null || telemetryEvery.isNegative() || telemetryEvery.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("persistence.device-telemetry-every must be 0..1h, was " + telemetryEvery);
      }
    }

    /** From {@code swarmsense.gateway.persistence} of {@code root}. */
    public static Settings fromConfig(Config root) {
      Config c = root.getConfig("swarmsense.gateway.persistence");
      return new Settings(c.getDuration("device-flush-every"), c.getDuration("device-telemetry-every"));
    }
  }

  private final GatewayStore store;
  private final DeviceView view;
  private final Settings settings;
  private final Consumer<String> log;
  private final Map<String, Map<DeviceKey, Boolean>> dirty = new ConcurrentHashMap<>();
  /** When the observation last written of each device was received (ms), or absent. */
  private final Map<DeviceKey, Long> writtenObservation = new ConcurrentHashMap<>();
  private final Map<DeviceKey, Boolean> writtenOnline = new ConcurrentHashMap<>();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private final ScheduledExecutorService flusher;

  /**
   * Starts flushing {@code view}'s changes to {@code store}; listens from now on.
   *
   * @param restored what the journal had at start (so restoring it does not write it again)
   */
  public DeviceJournal(GatewayStore store, DeviceView view, Settings settings, Map<String, FleetDeviceState> restored,
      Consumer<String> log) {
    this.store = store;
    this.view = view;
    this.settings = settings;
    this.log = log;
    restored.forEach((fleet, state) -> state.devices().values().forEach(r -> {
      DeviceKey k = r.key(fleet);
      if (r.online() != null) {
        writtenOnline.put(k, r.online());
      }
      if (r.last() != null) {
        writtenObservation.put(k, r.last().receivedAtMs());
      }
    }));
    flusher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "device-journal");
      t.setDaemon(true);
      return t;
    });
    long ms = settings.flushEvery().toMillis();
    flusher.scheduleWithFixedDelay(this::flushQuietly, ms, ms, TimeUnit.MILLISECONDS);
    view.listen(this);
  }

  private void mark(DeviceKey k) {
    dirty.computeIfAbsent(k.fleet(), f -> new ConcurrentHashMap<>()).put(k, Boolean.TRUE);
  }

  @Override
  public void registered(DeviceKey device) {
    if (!writtenOnline.containsKey(device) && !writtenObservation.containsKey(device)) {
      mark(device);
    }
  }

  @Override
  public void status(DeviceKey device, boolean online) {
    Boolean before = writtenOnline.get(device);
    if (before == null || before != online) {
      mark(device);
    }
  }

  @Override
  public void observed(DeviceKey device, Observation o) {
    Long before = writtenObservation.get(device);
    if (before == null || o.receivedAtMs() - before >= settings.telemetryEvery().toMillis()) {
      mark(device);
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      log.accept("gateway: cannot write devices to the journal (kept for the next try): " + e.getMessage());
    }
  }

  /**
   * Writes every dirty device now (also called at a clean stop).
   *
   * @return devices written
   */
  public synchronized int flush() {
    int n = 0;
    for (var e : dirty.entrySet()) {
      String fleet = e.getKey();
      List<DeviceKey> keys = new ArrayList<>(e.getValue().keySet());
      for (int from = 0; from < keys.size(); from += MAX_BATCH) {
        List<DeviceKey> batch = keys.subList(from, Math.min(keys.size(), from + MAX_BATCH));
        List<DeviceRecord> records = new ArrayList<>(batch.size());
        for (DeviceKey k : batch) {
          e.getValue().remove(k); // a change after this is marked again
          DeviceSnapshot s = view.device(k).orElse(null);
          if (s != null) {
            records.add(DeviceRecord.of(k, s.online().orElse(null), s.last().orElse(null)));
          }
        }
        if (records.isEmpty()) {
          continue;
        }
        try {
          store.recordDevices(fleet, records);
        } catch (RuntimeException ex) {
          batch.forEach(k -> e.getValue().put(k, Boolean.TRUE));
          throw ex;
        }
        for (DeviceRecord r : records) {
          DeviceKey k = r.key(fleet);
          if (r.online() != null) {
            writtenOnline.put(k, r.online());
          }
          if (r.last() != null) {
            writtenObservation.put(k, r.last().receivedAtMs());
          }
        }
        n += records.size();
        writes.incrementAndGet();
      }
    }
    written.addAndGet(n);
    return n;
  }

  /** Device records written so far. */
  public long written() {
    return written.get();
  }

  /** Journal writes (events) so far. */
  public long writes() {
    return writes.get();
  }

  /** Stops flushing after writing what is dirty. */
  @Override
  public void close() {
    flusher.shutdownNow();
    flushQuietly();
  }
}
