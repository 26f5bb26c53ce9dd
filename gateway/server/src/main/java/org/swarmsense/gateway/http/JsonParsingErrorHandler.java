package org.swarmsense.gateway.http;

import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.ParsingErrorHandler;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.scaladsl.model.ErrorInfo;
import org.apache.pekko.http.scaladsl.model.StatusCode;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;

/**
 * Requests so malformed that no route sees them (a URI over the length limit: 414, a bad
 * percent-encoding or request line: 400) get the API's JSON error body too, never pekko's plain
 * text. Configured by {@link HttpServer} ({@code parsing-error-handler}); pekko loads it as a Scala
 * object, hence {@link #MODULE$}. Stateless and thread-safe.
 */
public final class JsonParsingErrorHandler extends ParsingErrorHandler {
  /** The instance pekko looks up by name. */
  public static final JsonParsingErrorHandler MODULE$ = new JsonParsingErrorHandler();

  @Override
  public HttpResponse handle(StatusCode status, ErrorInfo info, LoggingAdapter log, ServerSettings settings) {
    String summary = info.summary();
    return ApiErrors.response(status.intValue(), summary == null || summary.isBlank() ? status.reason() : summary,
        status.intValue() == 414 ? "uri" : null, null);
  }
}
