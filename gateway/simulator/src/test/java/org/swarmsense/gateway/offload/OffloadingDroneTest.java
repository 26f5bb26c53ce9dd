package org.swarmsense.gateway.offload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.swarmsense.gateway.broker.EmbeddedBroker;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.semantic.codec.BandOrder;
import org.swarmsense.semantic.codec.PixelImages;

class OffloadingDroneTest {

  @Test
  void samplingCapturesFromWhereTheDroneIsAndCountsCapturesNoNodeCouldTake() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    try (EmbeddedBroker broker = EmbeddedBroker.start();
        OffloadingDrone drone = OffloadingDrone.start(MqttLinkSettings.defaults(broker.url(), "unused"),
            new DeviceId("f", DeviceKind.DRONE, "d1"), FrameSource.cycling(List.of(PixelImages.midGray(64, 64, 3))),
            BandOrder.zigZag(), OffloadSettings.load(), r -> { })) {
      assertTrue(drone.awaitConnected(Duration.ofSeconds(10)));
      drone.setSamplingHz(20);
      drone.startSampling(() -> {
        asked.incrementAndGet();
        return new double[] {43.7384, 7.4246};
      });
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (drone.framesCaptured() < 3 && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      drone.setSamplingHz(0.1); // the controller slows it down: at most one more capture, at once
      long before = drone.framesCaptured();
      Thread.sleep(300);
      assertTrue(drone.framesCaptured() <= before + 1, before + " then " + drone.framesCaptured());
      assertTrue(drone.framesCaptured() >= 3);
      assertEquals(drone.framesCaptured(), drone.noEdgeReachable(), "no edge node in this fleet: every capture counted");
      assertTrue(asked.get() >= drone.framesCaptured(), "each capture asks where the drone is");

      // the capture control's decision: level 1 of 4 on board. Every 4th tick takes a frame (the credit
      // rule), and it goes to the modelled on-board detector: nothing sent, no capture for an edge node.
      // The 0.1 Hz schedule's next tick is 10 s away, so no tick runs between these two lines.
      drone.setCapture(0.25, true);
      int askedBefore = asked.get();
      long capturedBefore = drone.framesCaptured();
      drone.setSamplingHz(20);
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (asked.get() - askedBefore < 13 && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      assertTrue(drone.stopAndDrain(Duration.ofSeconds(5)));
      int ticks = asked.get() - askedBefore;
      assertTrue(ticks >= 13, "ticks " + ticks);
      assertEquals(ticks / 4, drone.framesOnBoard(), ticks + " hovering ticks at a share of 1/4");
      assertEquals(capturedBefore, drone.framesCaptured(), "on-board frames are not sent");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> drone.setCapture(0, false));
      assertEquals("capture share must be in (0, 1], got: 0.0", e.getMessage());
    }
  }

  @Test
  void aSamplingRateOutsideItsRangeIsRefusedByName() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start();
        OffloadingDrone drone = OffloadingDrone.start(MqttLinkSettings.defaults(broker.url(), "unused"),
            new DeviceId("f", DeviceKind.DRONE, "d1"), FrameSource.cycling(List.of(PixelImages.midGray(64, 64, 3))),
            BandOrder.zigZag(), OffloadSettings.load(), r -> { })) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> drone.setSamplingHz(0));
      assertEquals("offload.sampling-hz must be in (0, 30], got: 0.0", e.getMessage());
    }
  }
}
