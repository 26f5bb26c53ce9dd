package org.swarmsense.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.swarmsense.gateway.broker.EmbeddedBroker;
import org.swarmsense.gateway.broker.MqttBroker;

/**
 * What a link logs about its connection: the first connect only at debug (a demo's eighteen links
 * printed eighteen info lines), a reconnect after a loss at info, which is what an operator looks for.
 */
class MqttLinkLogTest {

  @Test
  void theFirstConnectIsDebugAndAReconnectIsInfo() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(MqttLink.class);
    Level before = logger.getLevel();
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    logger.addAppender(events);
    logger.setLevel(Level.DEBUG);
    try (MqttBroker broker = EmbeddedBroker.start();
        MqttLink link = MqttLink.start(MqttLinkSettings.defaults(broker.url(), "log-" + System.nanoTime()))) {
      assertTrue(link.awaitConnected(Duration.ofSeconds(10)));
      link.dropConnection();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (link.stats().connects() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(2, link.stats().connects(), "the link reconnected");
    } finally {
      logger.detachAppender(events);
      logger.setLevel(before);
    }
    List<ILoggingEvent> connects = events.list.stream()
        .filter(e -> e.getFormattedMessage().contains("connected to")).toList();
    assertEquals(2, connects.size(), connects.toString());
    assertEquals(Level.DEBUG, connects.get(0).getLevel(), connects.get(0).getFormattedMessage());
    assertTrue(connects.get(0).getFormattedMessage().contains(": connected to"), connects.toString());
    assertEquals(Level.INFO, connects.get(1).getLevel(), connects.get(1).getFormattedMessage());
    assertTrue(connects.get(1).getFormattedMessage().contains(": reconnected to"), connects.toString());
  }
}
