package io.covington.server.http;

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

  public ClientError(ApiError error) {
    super(Objects.requireNonNull(error, "error").value(), null, false, false);
    this.error = error;
  }

  public ClientError(int status, String kind, String value) {
    this(new ApiError(status, kind, value));
  }

  public ApiError error() {
    return error;
  }
}
