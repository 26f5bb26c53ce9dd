package org.swarmsense.fieldtests.containers;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.swarmsense.gateway.broker.BrokerContractTest;
import org.swarmsense.gateway.testing.MqttBrokers.BrokerFactory;

/**
 * gateway-protocol's {@link BrokerContractTest} (QoS 1 with MQTT 5 request/response properties, a
 * retained last will) run unchanged against the Mosquitto 2 and HiveMQ CE images. The checks are
 * that class's methods, not copies.
 */
@Tag("containers")
class BrokerContractContainerTest {
  private final BrokerContractTest contract = new BrokerContractTest();

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.swarmsense.fieldtests.containers.ContainerBrokers#all")
  void qos1CommandKeepsResponseTopicCorrelationDataAndUserProperties(BrokerFactory factory) throws Exception {
    contract.qos1CommandKeepsResponseTopicCorrelationDataAndUserProperties(factory);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.swarmsense.fieldtests.containers.ContainerBrokers#all")
  void lastWillMarksACrashedDeviceOfflineAndIsRetained(BrokerFactory factory) throws Exception {
    contract.lastWillMarksACrashedDeviceOfflineAndIsRetained(factory);
  }
}
