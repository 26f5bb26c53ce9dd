package org.swarmsense.gateway.http;

import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;

/** A running HTTP server for the {@link HttpApi} on a host and port; close to unbind. */
public final class HttpServer implements AutoCloseable {
  private final ServerBinding binding;
  private final boolean https;

  private HttpServer(ServerBinding binding, boolean https) {
    this.binding = binding;
    this.https = https;
  }

  /**
   * Binds the routes.
   *
   * @param port the TCP port, or 0 for a free one
   */
  public static HttpServer start(ActorSystem<?> system, Route routes, String host, int port) {
    return start(system, routes, host, port, null);
  }

  /**
   * Binds the routes, over HTTPS when {@code tls} is given (e.g. {@code TlsMaterial#serverContext()}).
   *
   * @param port the TCP port, or 0 for a free one
   * @param tls the server's TLS context, or null for plain HTTP
   */
  public static HttpServer start(ActorSystem<?> system, Route routes, String host, int port,
      javax.net.ssl.SSLContext tls) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("http port must be 0..65535, was " + port);
    }
    try {
      var at = Http.get(system).newServerAt(host, port);
      if (tls != null) {
        at = at.enableHttps(org.apache.pekko.http.javadsl.ConnectionContext.httpsServer(tls));
      }
      ServerBinding b =
          at
              .withSettings(org.apache.pekko.http.javadsl.settings.ServerSettings.create(system.classicSystem())
                  .withParsingErrorHandler(JsonParsingErrorHandler.class.getName()))
              .bind(routes)
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      return new HttpServer(b, tls != null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding " + host + ":" + port, e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  /** The port actually bound. */
  public int port() {
    return binding.localAddress().getPort();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
  public String url() {
    return (https ? "https://" : "http://") + binding.localAddress().getHostString() + ":" + port();
  }

  @Override
  public void close() {
    try {
      binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // already unbound or the system is shutting down
    }
  }
}
