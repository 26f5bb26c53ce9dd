package org.swarmsense.gateway.http;

/**
 * An expected failure of an HTTP request that carries its status; mapped to a JSON body by {@link
 * ApiErrors} only. Bad input is an {@link IllegalArgumentException} (400), not this class.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  private ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** 401: no or unknown credentials. */
  public static ApiException unauthorized(String message) {
    return new ApiException(401, message);
  }

  /** 403: valid credentials for another fleet. */
  public static ApiException forbidden(String message) {
    return new ApiException(403, message);
  }

  /** 404: the named thing does not exist (in this fleet). */
  public static ApiException notFound(String what, String id) {
    return new ApiException(404, what + " '" + id + "' not found");
  }

  /** 409: the request conflicts with the current state (e.g. running a mission twice). */
  public static ApiException conflict(String message) {
    return new ApiException(409, message);
  }

  /** 405: the resource does not support this. */
  /** 503: the server cannot do this now (or not at all in this configuration). */
  public static ApiException unavailable(String message) {
    return new ApiException(503, message);
  }

  public static ApiException notAllowed(String message) {
    return new ApiException(405, message);
  }

  public int status() {
    return status;
  }
}
