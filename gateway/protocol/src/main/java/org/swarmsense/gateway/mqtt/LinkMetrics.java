package org.swarmsense.gateway.mqtt;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.swarmsense.gateway.wire.Channel;
import org.swarmsense.gateway.wire.Rejection;

/**
 * Counters of the fleet link: accepted messages per fleet and channel, refused ones per fleet and
 * {@link Rejection}. Messages naming a fleet the gateway does not know are counted under {@link
 * #UNKNOWN_FLEET} so that a flood of made-up names cannot grow the maps. Thread-safe.
 */
public final class LinkMetrics {
  /** The key under which messages of unknown fleets are counted. */
  public static final String UNKNOWN_FLEET = "_unknown";

  private final Map<String, Map<Channel, LongAdder>> accepted = new ConcurrentHashMap<>();
  private final Map<String, Map<Rejection, LongAdder>> rejected = new ConcurrentHashMap<>();

  void countAccepted(String fleet, Channel channel) {
    accepted.computeIfAbsent(fleet, f -> new ConcurrentHashMap<>())
        .computeIfAbsent(channel, c -> new LongAdder())
        .increment();
  }

  void countRejected(String fleet, Rejection why) {
    rejected.computeIfAbsent(fleet, f -> new ConcurrentHashMap<>())
        .computeIfAbsent(why, c -> new LongAdder())
        .increment();
  }

  /** Refused messages of one fleet for one reason so far. */
  public long rejected(String fleet, Rejection why) {
    Map<Rejection, LongAdder> m = rejected.get(fleet);
    LongAdder a = m == null ? null : m.get(why);
    return a == null ? 0 : a.sum();
  }

  /** Accepted messages of one fleet on one channel so far. */
  public long accepted(String fleet, Channel channel) {
    Map<Channel, LongAdder> m = accepted.get(fleet);
    LongAdder a = m == null ? null : m.get(channel);
    return a == null ? 0 : a.sum();
  }

  /** Every refusal count, fleet -> reason code -> count, sorted. */
  public Map<String, Map<String, Long>> rejections() {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    rejected.forEach((fleet, m) -> {
      Map<String, Long> r = new TreeMap<>();
      m.forEach((why, n) -> r.put(why.code(), n.sum()));
      out.put(fleet, r);
    });
    return out;
  }

  /** Total refused messages. */
  public long totalRejected() {
    return rejected.values().stream()
        .flatMap(m -> m.values().stream()).mapToLong(LongAdder::sum).sum();
  }
}
