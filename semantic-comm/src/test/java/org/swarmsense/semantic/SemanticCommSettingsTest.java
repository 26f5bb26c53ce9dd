package org.swarmsense.semantic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.swarmsense.semantic.channel.GilbertElliottChannel;
import org.swarmsense.semantic.codec.PacketHeader;

class SemanticCommSettingsTest {

  @Test
  void referenceConfHoldsTheNumbersTheCodecUsedBeforeTheyMovedThere() {
    // The constants as they were in code before this file existed (PacketHeader.MAX_PACKET = 1200,
    // MAX_PIXELS = 1 << 24, RateControl.CANDIDATES, GilbertElliottChannel.bursty's 0.25 per packet
    // Bad -> Good and the benchmark's 5% loss).
    SemanticCommSettings s = SemanticCommSettings.create(ConfigFactory.defaultReference());
    assertEquals(1200, s.maxPacketBytes());
    assertEquals(1L << 24, s.maxFramePixels());
    assertArrayEquals(new int[] {2, 5, 8, 12, 16, 20, 25, 30, 40, 50, 60, 70, 80, 90}, s.candidateQualities());
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
}
