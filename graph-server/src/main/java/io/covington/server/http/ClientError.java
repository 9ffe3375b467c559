package io.covington.server.http;

import io.vertx.ext.web.RoutingContext;
import java.util.Objects;

/**
 * A client error found while answering a request (a bad parameter, nothing acceptable, nothing
 * loaded yet, an unknown stream): thrown by decoders and handlers, answered once by the router as
 * the {@code {"kind","value"}} body of its {@link ApiError}. Carries no stack trace: it is an
 * answer, not a fault.
 */
public final class ClientError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient ApiError error;
  private final String header;
  private final String headerValue;

  public ClientError(ApiError error) {
    this(error, null, null);
  }

  /** An error answered with one more response header, e.g. {@code Retry-After}. */
  public ClientError(ApiError error, String header, String headerValue) {
    super(Objects.requireNonNull(error, "error").value(), null, false, false);
    this.error = error;
    this.header = header;
    this.headerValue = headerValue;
  }

  public ClientError(int status, String kind, String value) {
    this(new ApiError(status, kind, value));
  }

  public ApiError error() {
    return error;
  }

  /** Answers {@code ctx} with this error (and its header). */
  public void send(RoutingContext ctx) {
    if (header != null) {
      ctx.response().putHeader(header, headerValue);
    }
    error.send(ctx);
  }
}
