package org.swarmsense.semantic;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.swarmsense.semantic.control.ControlModel;
import org.swarmsense.semantic.control.MarkovChannel;
import org.swarmsense.semantic.control.ServiceProfile;
import org.swarmsense.semantic.control.rl.DdpgSettings;

/**
 * Typed settings of the semantic-comm module, read once from {@code swarmsense.semantic-comm}
 * (defaults and their meaning in {@code reference.conf}). Immutable and thread-safe.
 *
 * @param maxPacketBytes largest packet, bytes, header and CRC included (the header is fixed by the
 *     packet format, see {@code codec.PacketHeader})
 * @param maxFramePixels largest frame a receiver accepts, pixels
 * @param candidateQualities qualities (1..100, increasing) the rate control tries
 * @param roadFirst whether a drone whose whole frame does not fit its deadline's bytes sends it road-first
 *     ({@code codec.road-first}; {@code SemanticEncoder.encodeWithin})
 * @param concealMissingDc whether a receiver fills a block whose DC did not arrive from its arrived neighbours
 *     ({@code codec.conceal-missing-dc}; {@code SemanticDecoder.finishAsConfigured})
 * @param deblock whether a receiver smooths block-edge steps that come from quantisation ({@code codec.deblock};
 *     {@code Deblocking})
 * @param burstyMeanLoss long-run share of packets the bursty channel loses, [0, 1)
 * @param burstyMeanBurstPackets mean loss burst of the bursty channel, packets, >= 1
 * @param controlModel the sampling-rate / offloading control's system model ({@code control.model})
 * @param controlDdpg the control's learner ({@code control.ddpg})
 * @param controlChannelDistancesM the ground distance of each channel state of {@code
 *     control.model.channel.states}, m (the live fleet maps a drone's distance to its edge node onto
 *     the nearest state: agents README, "Capture-rate control of the live fleet")
 */
public record SemanticCommSettings(int maxPacketBytes, long maxFramePixels, int[] candidateQualities,
    boolean roadFirst, boolean concealMissingDc, boolean deblock, double burstyMeanLoss, double burstyMeanBurstPackets, ControlModel controlModel,
    DdpgSettings controlDdpg, List<Double> controlChannelDistancesM) {

  private static final Map<String, Set<String>> KNOWN_KEYS = Map.of(
      "codec", Set.of("max-packet-bytes", "max-frame-pixels", "candidate-qualities", "road-first",
          "conceal-missing-dc", "deblock"),
      "channel", Set.of("bursty"),
      "control", Set.of("model", "ddpg"));
  private static final Set<String> KNOWN_BURSTY_KEYS = Set.of("mean-loss", "mean-burst-packets");
  private static final Set<String> KNOWN_MODEL_KEYS = Set.of("services", "sampling-accuracy",
      "device-model-accuracy", "edge-model-accuracy", "arrival-mean-min", "arrival-mean-max", "arrival-half-width",
      "device-cpu-hz", "edge-cpu-hz", "bandwidth-hz", "tx-power-dbm", "noise-density-dbm-per-hz", "noise-figure-db",
      "channel", "local-queue-cap-bits", "edge-queue-cap-bits", "overflow-penalty-s", "lyapunov-weight", "slot-s");
  private static final Set<String> KNOWN_SERVICE_KEYS = Set.of("name", "devices", "task-bits",
      "local-cycles-per-bit", "edge-cycles-per-bit", "accuracy-target");
  private static final Set<String> KNOWN_CHANNEL_KEYS = Set.of("transitions", "carrier-hz", "base-station-height-m",
      "device-height-m", "states");
  private static final Set<String> KNOWN_STATE_KEYS = Set.of("distance-m", "line-of-sight");
  private static final Set<String> KNOWN_DDPG_KEYS = Set.of("hidden-1", "hidden-2", "actor-learning-rate",
      "critic-learning-rate", "exploration-noise-std", "discount", "soft-update", "batch-size", "replay-capacity",
      "episodes", "slots-per-episode");

  /** Validates every field; the message names the field and the bad value. */
  public SemanticCommSettings {
    if (maxPacketBytes < 64 || maxPacketBytes > 65_507) {
      throw new IllegalArgumentException("maxPacketBytes must be 64..65507, got: " + maxPacketBytes);
    }
    if (maxFramePixels < 1 || maxFramePixels > 65_535L * 65_535L) {
      throw new IllegalArgumentException("maxFramePixels must be 1..65535 x 65535, got: " + maxFramePixels);
    }
    if (candidateQualities == null || candidateQualities.length == 0) {
      throw new IllegalArgumentException("candidateQualities must not be empty, got: "
          + Arrays.toString(candidateQualities));
    }
    candidateQualities = candidateQualities.clone();
    for (int i = 0; i < candidateQualities.length; i++) {
      int q = candidateQualities[i];
      if (q < 1 || q > 100 || (i > 0 && q <= candidateQualities[i - 1])) {
        throw new IllegalArgumentException("candidateQualities must increase within 1..100, got: "
            + Arrays.toString(candidateQualities));
      }
    }
    if (!(burstyMeanLoss >= 0 && burstyMeanLoss < 1)) {
      throw new IllegalArgumentException("burstyMeanLoss must be in [0, 1), got: " + burstyMeanLoss);
    }
    if (!(burstyMeanBurstPackets >= 1) || Double.isInfinite(burstyMeanBurstPackets)) {
      throw new IllegalArgumentException("burstyMeanBurstPackets must be >= 1 and finite, got: "
          + burstyMeanBurstPackets);
    }
    if (controlModel == null || controlDdpg == null) {
      throw new IllegalArgumentException("controlModel and controlDdpg must not be null");
    }
    if (controlChannelDistancesM == null || controlChannelDistancesM.size() != controlModel.channel().states()) {
      throw new IllegalArgumentException("controlChannelDistancesM must have one distance per channel state ("
          + controlModel.channel().states() + "), got: " + controlChannelDistancesM);
    }
    controlChannelDistancesM = List.copyOf(controlChannelDistancesM);
  }

  /** The candidate qualities (a copy). */
  @Override
  public int[] candidateQualities() {
    return candidateQualities.clone();
  }

  /** Settings from {@code ConfigFactory.load()} (reference.conf plus application.conf). */
  public static SemanticCommSettings load() {
    return create(ConfigFactory.load());
  }

  /**
   * The settings of this process, read from {@code ConfigFactory.load()} on first use and kept: the
   * codec's packet limits and the rate control's qualities come from here.
   */
  public static SemanticCommSettings current() {
    return Holder.CURRENT;
  }

  /**
   * Settings from the {@code swarmsense.semantic-comm} section of {@code config}; unknown keys are
   * refused so that a typo does not silently fall back to a default.
   */
  public static SemanticCommSettings create(Config config) {
    Config c = config.getConfig("swarmsense.semantic-comm");
    for (String section : c.root().keySet()) {
      Set<String> known = KNOWN_KEYS.get(section);
      if (known == null) {
        throw unknown(section, KNOWN_KEYS.keySet());
      }
      for (String key : c.getConfig(section).root().keySet()) {
        if (!known.contains(key)) {
          throw unknown(section + "." + key, known);
        }
      }
    }
    Config bursty = c.getConfig("channel.bursty");
    for (String key : bursty.root().keySet()) {
      if (!KNOWN_BURSTY_KEYS.contains(key)) {
        throw unknown("channel.bursty." + key, KNOWN_BURSTY_KEYS);
      }
    }
    List<Integer> qualities = c.getIntList("codec.candidate-qualities");
    return new SemanticCommSettings(c.getInt("codec.max-packet-bytes"), c.getLong("codec.max-frame-pixels"),
        qualities.stream().mapToInt(Integer::intValue).toArray(), c.getBoolean("codec.road-first"),
        c.getBoolean("codec.conceal-missing-dc"), c.getBoolean("codec.deblock"),
        bursty.getDouble("mean-loss"),
        bursty.getDouble("mean-burst-packets"), controlModel(c.getConfig("control.model")),
        ddpg(c.getConfig("control.ddpg")),
        c.getConfigList("control.model.channel.states").stream().map(s -> s.getDouble("distance-m")).toList());
  }

  private static void refuseUnknown(String path, Config c, Set<String> known) {
    for (String key : c.root().keySet()) {
      if (!known.contains(key)) {
        throw unknown(path + "." + key, known);
      }
    }
  }

  private static ControlModel controlModel(Config m) {
    refuseUnknown("control.model", m, KNOWN_MODEL_KEYS);
    List<ServiceProfile> services = new java.util.ArrayList<>();
    for (Config s : m.getConfigList("services")) {
      refuseUnknown("control.model.services[" + services.size() + "]", s, KNOWN_SERVICE_KEYS);
      services.add(new ServiceProfile(s.getString("name"), s.getInt("devices"), s.getDouble("task-bits"),
          s.getDouble("local-cycles-per-bit"), s.getDouble("edge-cycles-per-bit"), s.getDouble("accuracy-target")));
    }
    Config ch = m.getConfig("channel");
    refuseUnknown("control.model.channel", ch, KNOWN_CHANNEL_KEYS);
    List<List<Double>> transitions = new java.util.ArrayList<>();
    for (Object row : ch.getList("transitions").unwrapped()) {
      if (!(row instanceof List<?> r)) {
        throw new IllegalArgumentException("control.model.channel.transitions must be a list of rows, got: " + row);
      }
      transitions.add(r.stream().map(v -> {
        if (!(v instanceof Number n)) {
          throw new IllegalArgumentException("control.model.channel.transitions must hold numbers, got: " + v);
        }
        return n.doubleValue();
      }).toList());
    }
    List<Double> distances = new java.util.ArrayList<>();
    List<Boolean> los = new java.util.ArrayList<>();
    for (Config st : ch.getConfigList("states")) {
      refuseUnknown("control.model.channel.states[" + distances.size() + "]", st, KNOWN_STATE_KEYS);
      distances.add(st.getDouble("distance-m"));
      los.add(st.getBoolean("line-of-sight"));
    }
    MarkovChannel channel = MarkovChannel.fromPathLoss(transitions, ch.getDouble("carrier-hz"),
        ch.getDouble("base-station-height-m"), ch.getDouble("device-height-m"), distances, los);
    return new ControlModel(services, m.getDoubleList("sampling-accuracy"), m.getDouble("device-model-accuracy"),
        m.getDouble("edge-model-accuracy"), m.getDouble("arrival-mean-min"), m.getDouble("arrival-mean-max"),
        m.getDouble("arrival-half-width"), m.getDouble("device-cpu-hz"), m.getDouble("edge-cpu-hz"),
        m.getDouble("bandwidth-hz"), m.getDouble("tx-power-dbm"), m.getDouble("noise-density-dbm-per-hz"),
        m.getDouble("noise-figure-db"), channel, m.getDouble("local-queue-cap-bits"),
        m.getDouble("edge-queue-cap-bits"), m.getDouble("overflow-penalty-s"), m.getDouble("lyapunov-weight"),
        m.getDouble("slot-s"));
  }

  private static DdpgSettings ddpg(Config d) {
    refuseUnknown("control.ddpg", d, KNOWN_DDPG_KEYS);
    return new DdpgSettings(d.getInt("hidden-1"), d.getInt("hidden-2"), d.getDouble("actor-learning-rate"),
        d.getDouble("critic-learning-rate"), d.getDouble("exploration-noise-std"), d.getDouble("discount"),
        d.getDouble("soft-update"), d.getInt("batch-size"), d.getInt("replay-capacity"), d.getInt("episodes"),
        d.getInt("slots-per-episode"), false, 1, 0, 0);
  }

  private static IllegalArgumentException unknown(String key, Set<String> known) {
    return new IllegalArgumentException("unknown key swarmsense.semantic-comm." + key + " (known there: " + known
        + ", see semantic-comm reference.conf)");
  }

  @Override
  public String toString() {
    return "SemanticCommSettings[maxPacketBytes=" + maxPacketBytes + ", maxFramePixels=" + maxFramePixels
        + ", candidateQualities=" + Arrays.toString(candidateQualities) + ", roadFirst=" + roadFirst
        + ", concealMissingDc=" + concealMissingDc + ", deblock=" + deblock
        + ", burstyMeanLoss=" + burstyMeanLoss
        + ", burstyMeanBurstPackets=" + burstyMeanBurstPackets + ", controlModel=" + controlModel
        + ", controlDdpg=" + controlDdpg + ", controlChannelDistancesM=" + controlChannelDistancesM + "]";
  }

  private static final class Holder {
    static final SemanticCommSettings CURRENT = load();
  }
}
