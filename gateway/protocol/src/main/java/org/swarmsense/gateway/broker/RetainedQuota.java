package org.swarmsense.gateway.broker;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.swarmsense.gateway.tenancy.Account;

/**
 * Caps retained messages on the embedded broker: only device {@code status} topics may be retained
 * ({@link Account#mayRetain}), each at most {@link BrokerLimits#maxRetainedBytes()}, and each fleet
 * holds at most {@link BrokerLimits#maxRetainedPerFleet()} retained topics (clearing one with an
 * empty payload frees its place). A refused publish gets PUBACK 0x97 (quota exceeded) and is neither
 * delivered nor stored. The count is kept here, from this broker's start. Thread-safe.
 */
final class RetainedQuota implements PublishInboundInterceptor {
  private final BrokerLimits limits;
  private final Map<String, Set<String>> retainedByFleet = new ConcurrentHashMap<>();

  RetainedQuota(BrokerLimits limits) {
    this.limits = limits;
  }

  @Override
  public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
    PublishPacket p = input.getPublishPacket();
    if (!p.getRetain()) {
      return;
    }
    String topic = p.getTopic();
    int bytes = p.getPayload().map(b -> b.remaining()).orElse(0);
    String[] levels = topic.split("/", 3);
    String fleet = levels.length >= 2 ? levels[1] : "";
    Set<String> held = retainedByFleet.computeIfAbsent(fleet, f -> ConcurrentHashMap.newKeySet());
    if (bytes == 0) {
      held.remove(topic);
      return;
    }
    if (!Account.mayRetain(topic)) {
      output.preventPublishDelivery(AckReasonCode.NOT_AUTHORIZED, "only device status topics may be retained");
      return;
    }
    if (bytes > limits.maxRetainedBytes()) {
      output.preventPublishDelivery(AckReasonCode.QUOTA_EXCEEDED,
          "retained payload of " + bytes + " bytes exceeds " + limits.maxRetainedBytes());
      return;
    }
    synchronized (held) {
      if (!held.contains(topic) && held.size() >= limits.maxRetainedPerFleet()) {
        output.preventPublishDelivery(AckReasonCode.QUOTA_EXCEEDED,
            "fleet " + fleet + " holds " + held.size() + " retained messages, the most allowed");
        return;
      }
      held.add(topic);
    }
  }
}
