package org.swarmsense.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AuthorizationFailedRejection;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.MalformedQueryParamRejection;
import org.apache.pekko.http.javadsl.server.MalformedRequestContentRejection;
import org.apache.pekko.http.javadsl.server.MethodRejection;
import org.apache.pekko.http.javadsl.server.MissingQueryParamRejection;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.UnsupportedRequestContentTypeRejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsense.gateway.mission.MissionBusyException;
import org.swarmsense.gateway.mission.MissionConflictException;
import org.swarmsense.gateway.mission.MissionNotFoundException;
import org.swarmsense.gateway.input.FieldError;

/**
 * The one place where failures become HTTP responses, the mission domain's exceptions included
 * ({@link MissionNotFoundException} 404, {@link MissionConflictException} 409,
 * {@link MissionBusyException} 503, the persistence's StateUnavailableException 503): domain code knows
 * no status codes. Every error body is JSON: {@code {"status": 400, "error": "...", "field": "...",
 * "value": "..."}} ({@code field}/{@code value} only when known). Thread-safe.
 */
public final class ApiErrors {
  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiErrors() {}

  /** Maps exceptions thrown while handling a request. */
  public static ExceptionHandler exceptions() {
    return ExceptionHandler.newBuilder()
        .match(FieldError.class, e -> body(400, e.getMessage(), e.field(), e.value()))
        .match(IllegalArgumentException.class, e -> body(400, e.getMessage(), FieldNames.in(e.getMessage()), null))
        .match(org.apache.pekko.http.scaladsl.model.EntityStreamSizeException.class,
            e -> body(413, "request body too large: at most " + e.limit() + " bytes", "body", null))
        .match(ApiException.class, e -> body(e.status(), e.getMessage(), null, null))
        .match(MissionNotFoundException.class, e -> body(404, e.getMessage(), null, null))
        .match(MissionConflictException.class, e -> body(409, e.getMessage(), null, null))
        .match(MissionBusyException.class, e -> body(503, e.getMessage(), null, null))
        .match(org.swarmsense.gateway.persistence.StateUnavailableException.class,
            e -> body(503, "state not written: " + e.getMessage(), null, null))
        .matchAny(
            e -> {
              log.error("unexpected failure in an HTTP request", e);
              return body(500, "internal error: " + e.getClass().getSimpleName(), null, null);
            })
        .build();
  }

  /** Maps rejections (no route, wrong method, bad JSON body, missing parameter) to JSON too. */
  public static RejectionHandler rejections() {
    return RejectionHandler.newBuilder()
        .handle(
            MalformedRequestContentRejection.class,
            r -> tooLarge(r.getCause()) != null
                ? body(413, "request body too large: at most " + tooLarge(r.getCause()).limit() + " bytes", "body", null)
                : body(400, "malformed request body: " + r.message(), "body", null))
        .handle(
            UnsupportedRequestContentTypeRejection.class,
            r -> body(415, "unsupported content type; send application/json", null, null))
        .handle(
            MissingQueryParamRejection.class,
            r -> body(400, "missing query parameter " + r.parameterName(), r.parameterName(), null))
        .handle(
            MalformedQueryParamRejection.class,
            r -> body(400, r.errorMsg(), r.parameterName(), null))
        .handle(
            AuthorizationFailedRejection.class,
            r -> body(403, "not allowed for this fleet", null, null))
        .handleAll(MethodRejection.class, rs -> body(405, "method not allowed", null, null))
        .handleNotFound(body(404, "no such resource", null, null))
        .build();
  }

  /**
   * Answers 413 from a request's declared {@code Content-Length} alone when it is over the server's
   * body limit ({@code pekko.http.server.parsing.max-content-length}), before any route touches the
   * body; otherwise runs {@code inner}. Why: when a route reads such a body, the size check fails
   * the body's stream, and pekko-http cancels the connection's handler after
   * {@code stream-cancellation-delay} (100 ms); a 413 not rendered by then (the first request of a
   * cold server, or any request under load) is lost: the connection is aborted ("User handler flow
   * was cancelled with ongoing request"), and the client reads a reset instead of the answer. A body
   * never read is not cancelled: pekko-http sends the answer, then closes the connection. Bodies
   * without a declared length (chunked) are still limited while they are read.
   */
  public static org.apache.pekko.http.javadsl.server.Route refuseDeclaredTooLarge(
      java.util.function.Supplier<org.apache.pekko.http.javadsl.server.Route> inner) {
    return org.apache.pekko.http.javadsl.server.Directives.extractRequestContext(ctx -> {
      long limit = ctx.getParserSettings().getMaxContentLength();
      java.util.OptionalLong declared = ctx.getRequest().entity().getContentLengthOption();
      if (declared.isPresent() && declared.getAsLong() > limit) {
        return org.apache.pekko.http.javadsl.server.Directives.complete(
            response(413, "request body too large: at most " + limit + " bytes", "body", null)
                .addHeader(org.apache.pekko.http.javadsl.model.headers.Connection.create("close")));
      }
      return inner.get();
    });
  }

  private static org.apache.pekko.http.scaladsl.model.EntityStreamSizeException tooLarge(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof org.apache.pekko.http.scaladsl.model.EntityStreamSizeException e) {
        return e;
      }
    }
    return null;
  }

  static org.apache.pekko.http.javadsl.server.Route body(
      int status, String message, String field, String value) {
    return org.apache.pekko.http.javadsl.server.Directives.complete(response(status, message, field, value));
  }

  /** The error response itself (also used by code that completes requests directly). */
  public static HttpResponse response(int status, String message, String field, String value) {
    ObjectNode node = JSON.createObjectNode();
    node.put("status", status);
    node.put("error", message);
    if (field != null) {
      node.put("field", field);
    }
    if (value != null) {
      node.put("value", value);
    }
    return HttpResponse.create()
        .withStatus(StatusCodes.get(status))
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, node.toString()));
  }
}
