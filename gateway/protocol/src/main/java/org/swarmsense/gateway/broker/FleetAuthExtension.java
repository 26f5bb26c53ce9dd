package org.swarmsense.gateway.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.swarmsense.gateway.tenancy.Account;
import org.swarmsense.gateway.tenancy.FleetRegistry;

/**
 * Tenancy for the embedded HiveMQ CE broker, as an embedded extension: a {@link SimpleAuthenticator}
 * checks user name and password against the {@link FleetRegistry} and gives a fleet client
 * subscribe permission on {@code swarmsense/{fleet}/#} and publish permission on its documented
 * channels only ({@link Account#publishFilters()}, retained only on status topics), the gateway
 * {@code swarmsense/#}, with every other topic denied. The same rule as the generated Mosquitto ACL.
 * {@link RetainedQuota} caps retained size and count per fleet. The client id must fit the account
 * ({@link Account#mayUseClientId}): a fleet account connecting as the gateway or as another fleet's
 * device is refused with CONNACK 0x85 before it can take over that session. Thread-safe (the
 * registry is immutable).
 */
public final class FleetAuthExtension implements ExtensionMain {
  private final FleetRegistry registry;
  private final BrokerLimits limits;

  private FleetAuthExtension(FleetRegistry registry, BrokerLimits limits) {
    this.registry = registry;
    this.limits = limits;
  }

  /** The extension with reference.conf's {@link BrokerLimits}. */
  public static EmbeddedExtension embedded(FleetRegistry registry) {
    return embedded(registry, BrokerLimits.defaults());
  }

  /** The extension, packaged for {@code EmbeddedHiveMQ.builder().withEmbeddedExtension(...)}. */
  public static EmbeddedExtension embedded(FleetRegistry registry, BrokerLimits limits) {
    if (registry == null) {
      throw new IllegalArgumentException("registry must not be null");
    }
    return EmbeddedExtension.builder()
        .withId("swarmsense-fleet-auth")
        .withName("swarmsense fleet authentication and topic permissions")
        .withVersion("1")
        .withAuthor("swarmsense")
        .withPriority(1000)
        .withStartPriority(1000)
        .withExtensionMain(new FleetAuthExtension(registry, limits))
        .build();
  }

  @Override
  public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
    Services.securityRegistry().setAuthenticatorProvider(providerInput -> new Authenticator(registry));
    RetainedQuota quota = new RetainedQuota(limits);
    Services.initializerRegistry().setClientInitializer((init, client) -> client.addPublishInboundInterceptor(quota));
  }

  @Override
  public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
    // nothing to release
  }

  private static final class Authenticator implements SimpleAuthenticator {
    private final FleetRegistry registry;

    Authenticator(FleetRegistry registry) {
      this.registry = registry;
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
      Optional<String> user = input.getConnectPacket().getUserName();
      Optional<ByteBuffer> pass = input.getConnectPacket().getPassword();
      if (user.isEmpty() || pass.isEmpty()) {
        output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "credentials required");
        return;
      }
      ByteBuffer b = pass.get().asReadOnlyBuffer();
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      Optional<Account> account =
          registry.authenticate(user.get(), new String(bytes, StandardCharsets.UTF_8));
      if (account.isEmpty()) {
        output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad user name or password");
        return;
      }
      String clientId = input.getClientInformation().getClientId();
      if (!account.get().mayUseClientId(clientId)) {
        // checked before the session is touched: a refused CONNECT never takes over the saved session
        output.failAuthentication(ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
            "client id must start with '" + account.get().clientIdPrefix() + "'");
        return;
      }
      Account a = account.get();
      // subscribe to the fleet's subtree; publish only on the documented channels, retain only statuses
      output.getDefaultPermissions().add(
          Builders.topicPermission()
              .topicFilter(a.topicFilter())
              .type(TopicPermission.PermissionType.ALLOW)
              .activity(a.allFleets() ? TopicPermission.MqttActivity.ALL : TopicPermission.MqttActivity.SUBSCRIBE)
              .build());
      if (!a.allFleets()) {
        for (String filter : a.publishFilters()) {
          output.getDefaultPermissions().add(
              Builders.topicPermission()
                  .topicFilter(filter)
                  .type(TopicPermission.PermissionType.ALLOW)
                  .activity(TopicPermission.MqttActivity.PUBLISH)
                  .retain(Account.mayRetain(filter.replace("+", "x"))
                      ? TopicPermission.Retain.ALL : TopicPermission.Retain.NOT_RETAINED)
                  .build());
        }
      }
      output.getDefaultPermissions().setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
      output.authenticateSuccessfully();
    }
  }
}
