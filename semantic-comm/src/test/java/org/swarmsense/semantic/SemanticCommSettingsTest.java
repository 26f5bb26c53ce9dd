package org.swarmsense.semantic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.swarmsense.semantic.channel.GilbertElliottChannel;
import org.swarmsense.semantic.codec.PacketHeader;
import org.swarmsense.semantic.control.ControlModel;
import org.swarmsense.semantic.control.ServiceProfile;
import org.swarmsense.semantic.control.UrbanPathLoss;
import org.swarmsense.semantic.control.rl.DdpgSettings;

class SemanticCommSettingsTest {

  @Test
  void candidateQualitiesFollowTheFifteenPercentRule() {
    // reference.conf's rule (issue 12, 2026-12-02): from 2 up to 90, the next candidate is the
    // highest quality whose IJG scale is at least 1/1.15 of the previous candidate's, at least one
    // quality step further.
    java.util.List<Integer> expected = new java.util.ArrayList<>(java.util.List.of(2));
    int q = 2;
    while (q < 90) {
      int next = q + 1;
      for (int c = q + 1; c <= 90; c++) {
        if (ijgScale(c) >= ijgScale(q) / 1.15) {
          next = c;
        }
      }
      q = next;
      expected.add(q);
    }
    int[] candidates = SemanticCommSettings.create(ConfigFactory.defaultReference()).candidateQualities();
    assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), candidates);
    for (int i = 1; i < candidates.length; i++) {
      double ratio = ijgScale(candidates[i - 1]) / (double) ijgScale(candidates[i]);
      assertTrue(ratio <= 1.15 || candidates[i] == candidates[i - 1] + 1,
          "q" + candidates[i - 1] + " -> q" + candidates[i] + ": scale ratio " + ratio);
    }
  }

  /** libjpeg's jpeg_quality_scaling, percent. */
  private static int ijgScale(int q) {
    return q < 50 ? 5000 / q : 200 - 2 * q;
  }

  @Test
  void referenceConfHoldsTheNumbersTheCodecUsedBeforeTheyMovedThere() {
    // The constants as they were in code before this file existed (PacketHeader.MAX_PACKET = 1200,
    // MAX_PIXELS = 1 << 24, RateControl.CANDIDATES, GilbertElliottChannel.bursty's 0.25 per packet
    // Bad -> Good and the benchmark's 5% loss).
    SemanticCommSettings s = SemanticCommSettings.create(ConfigFactory.defaultReference());
    assertEquals(1200, s.maxPacketBytes());
    assertEquals(1L << 24, s.maxFramePixels());
    assertArrayEquals(new int[] {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 18, 20, 22, 25, 28, 32, 36, 41, 47,
        53, 59, 64, 68, 72, 75, 78, 80, 82, 84, 86, 87, 88, 89, 90}, s.candidateQualities());
    assertEquals(0.05, s.burstyMeanLoss());
    assertEquals(4.0, s.burstyMeanBurstPackets());
    // And the code reads them from there.
    assertEquals(1200, PacketHeader.MAX_PACKET);
    assertEquals(1L << 24, PacketHeader.MAX_PIXELS);
    GilbertElliottChannel c = GilbertElliottChannel.bursty(1e6, s);
    assertEquals(0.25, c.badToGood(), 1e-15);
    assertEquals(0.25 * 0.05 / 0.95, c.goodToBad(), 1e-15);
    assertEquals(0.05, c.meanLoss(), 1e-12);
    assertEquals(0, c.transmit(java.util.List.of(new byte[10]), Duration.ZERO, 1).sent());
  }

  @Test
  void referenceConfHoldsTheControlValuesThatWereInCode() {
    // The literals of ControlModel.paper(), MarkovChannel.urbanMicroThreeState() and
    // DdpgSettings.paper() as they were in code before they moved to reference.conf.
    SemanticCommSettings s = SemanticCommSettings.create(ConfigFactory.defaultReference());
    ControlModel m = s.controlModel();
    assertEquals(List.of(new ServiceProfile("I", 5, 768e3, 80, 200, 0.8),
        new ServiceProfile("II", 5, 512e3, 160, 400, 0.9)), m.services());
    assertEquals(List.of(0.59, 0.884, 0.950, 0.987), m.samplingAccuracy());
    double[] expected = {0.8, 1.0, 0.6, 1.0, 0.5, 0.1e9, 2e9, 20e6, 20, -174, 5, 3.84e6, 19.2e6, 1, 0.05, 1};
    double[] actual = {m.deviceModelAccuracy(), m.edgeModelAccuracy(), m.arrivalMeanMin(), m.arrivalMeanMax(),
        m.arrivalHalfWidth(), m.deviceCpuHz(), m.edgeCpuHz(), m.bandwidthHz(), m.txPowerDbm(),
        m.noiseDensityDbmPerHz(), m.noiseFigureDb(), m.localQueueCapBits(), m.edgeQueueCapBits(),
        m.overflowPenaltyS(), m.lyapunovWeight(), m.slotS()};
    assertArrayEquals(expected, actual, 0);
    assertEquals(List.of(List.of(0.3, 0.7, 0.0), List.of(0.25, 0.5, 0.25), List.of(0.0, 0.7, 0.3)),
        m.channel().transitions());
    double[] oldGains = {
        Math.pow(10, -UrbanPathLoss.umiStreetCanyonDb(50, 3.5e9, 10, 1.5, true) / 10),
        Math.pow(10, -UrbanPathLoss.umiStreetCanyonDb(100, 3.5e9, 10, 1.5, false) / 10),
        Math.pow(10, -UrbanPathLoss.umiStreetCanyonDb(200, 3.5e9, 10, 1.5, false) / 10)};
    assertArrayEquals(oldGains, m.channel().gains().stream().mapToDouble(Double::doubleValue).toArray(), 0);
    // the distances behind those gains, kept for the live fleet's distance-to-state rule
    assertEquals(List.of(50.0, 100.0, 200.0), s.controlChannelDistancesM());
    assertEquals(new DdpgSettings(64, 32, 1e-4, 1e-3, 0.2, 0.85, 0.005, 64, 100_000, 1000, 200, false, 1, 0, 0),
        s.controlDdpg());
    // And the code reads them from there.
    assertEquals(SemanticCommSettings.current().controlModel(), ControlModel.fromSettings());
    assertEquals(SemanticCommSettings.current().controlDdpg(), DdpgSettings.fromSettings());
  }

  @Test
  void badControlValuesAndUnknownControlKeysAreRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SemanticCommSettings.create(
        ConfigFactory.parseString("swarmsense.semantic-comm.control.model.edge-cpu-hz = -2")
            .withFallback(ConfigFactory.defaultReference())));
    assertTrue(e.getMessage().contains("edgeCpuHz") && e.getMessage().contains("-2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SemanticCommSettings.create(
        ConfigFactory.parseString("swarmsense.semantic-comm.control.ddpg.discont = 0.9")
            .withFallback(ConfigFactory.defaultReference())));
    assertTrue(e.getMessage().contains("control.ddpg.discont"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SemanticCommSettings.create(
        ConfigFactory.parseString("swarmsense.semantic-comm.control.model.channel.transitions = [[0.5, 0.4]]")
            .withFallback(ConfigFactory.defaultReference())));
    assertTrue(e.getMessage().contains("transitions"), e.getMessage());
  }

  @Test
  void badValuesAndUnknownKeysAreRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SemanticCommSettings.create(
        ConfigFactory.parseString("swarmsense.semantic-comm.codec.max-packet-bytes = 20")
            .withFallback(ConfigFactory.defaultReference())));
    assertTrue(e.getMessage().contains("maxPacketBytes") && e.getMessage().contains("20"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SemanticCommSettings.create(
        ConfigFactory.parseString("swarmsense.semantic-comm.codec.candidate-qualities = [50, 20]")
            .withFallback(ConfigFactory.defaultReference())));
    assertTrue(e.getMessage().contains("candidateQualities") && e.getMessage().contains("[50, 20]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SemanticCommSettings.create(
        ConfigFactory.parseString("swarmsense.semantic-comm.channel.bursty.mean-los = 0.1")
            .withFallback(ConfigFactory.defaultReference())));
    assertTrue(e.getMessage().contains("channel.bursty.mean-los"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SemanticCommSettings.create(
        ConfigFactory.parseString("swarmsense.semantic-comm.channel.bursty.mean-loss = 1.0")
            .withFallback(ConfigFactory.defaultReference())));
    assertTrue(e.getMessage().contains("burstyMeanLoss") && e.getMessage().contains("1.0"), e.getMessage());
  }

  @Test
  void roadFirstIsOnByDefaultAndCanBeTurnedOffButNotSetToNonsense() {
    assertTrue(SemanticCommSettings.create(ConfigFactory.defaultReference()).roadFirst());
    assertTrue(!SemanticCommSettings.create(ConfigFactory
        .parseString("swarmsense.semantic-comm.codec.road-first = false")
        .withFallback(ConfigFactory.defaultReference())).roadFirst());
    com.typesafe.config.ConfigException e = assertThrows(com.typesafe.config.ConfigException.class,
        () -> SemanticCommSettings.create(ConfigFactory.parseString("swarmsense.semantic-comm.codec.road-first = maybe")
            .withFallback(ConfigFactory.defaultReference())));
    assertTrue(e.getMessage().contains("road-first"), e.getMessage());
  }

  @Test
  void theReceiverRepairsAreReadEachOnItsOwnAndNonsenseNamesTheKey() {
    SemanticCommSettings shipped = SemanticCommSettings.create(ConfigFactory.defaultReference());
    assertTrue(!shipped.concealMissingDc() && !shipped.deblock(), shipped.toString());
    SemanticCommSettings conceal = SemanticCommSettings.create(ConfigFactory
        .parseString("swarmsense.semantic-comm.codec.conceal-missing-dc = true")
        .withFallback(ConfigFactory.defaultReference()));
    assertTrue(conceal.concealMissingDc() && !conceal.deblock(), conceal.toString());
    SemanticCommSettings deblock = SemanticCommSettings.create(ConfigFactory
        .parseString("swarmsense.semantic-comm.codec.deblock = true")
        .withFallback(ConfigFactory.defaultReference()));
    assertTrue(!deblock.concealMissingDc() && deblock.deblock(), deblock.toString());
    for (String key : new String[] {"conceal-missing-dc", "deblock"}) {
      com.typesafe.config.ConfigException e = assertThrows(com.typesafe.config.ConfigException.class,
          () -> SemanticCommSettings.create(ConfigFactory.parseString("swarmsense.semantic-comm.codec." + key + " = 7x")
              .withFallback(ConfigFactory.defaultReference())));
      assertTrue(e.getMessage().contains(key), e.getMessage());
    }
  }
}
