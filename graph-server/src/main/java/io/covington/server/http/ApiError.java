package io.covington.server.http;

import io.vertx.ext.web.RoutingContext;

/**
 * An error answered to a client: {@code {"kind": ..., "value": ...}} with {@code Content-Type:
 * application/json}, the error body of the reference Cincinnati server.
 *
 * @param status the HTTP status
 * @param kind a stable machine-readable kind, e.g. {@code invalid_params}
 * @param value a human-readable explanation naming the parameter or input at fault
 */
public record ApiError(int status, String kind, String value) {

  public static ApiError missingParams(String... names) {
    return new ApiError(
        400, "missing_params", "mandatory client parameters missing: " + String.join(", ", names));
  }

  public static ApiError invalidParam(String name, String value, String pattern) {
    return new ApiError(
        400,
        "invalid_params",
        "invalid client parameters: " + name + "=\"" + value + "\" does not match " + pattern);
  }

  /** A request that cannot be decoded at all. */
  public static ApiError invalidQuery(String reason) {
    return new ApiError(400, "invalid_params", "invalid client parameters: " + reason);
  }

  public static ApiError invalidContentType(String accept, String offered) {
    return new ApiError(
        406,
        "invalid_content_type",
        "invalid content type: none of \"" + accept + "\" is served; this endpoint serves " + offered);
  }

  public static ApiError notReady() {
    return new ApiError(503, "not_ready", "no update graph has been loaded yet; retry shortly");
  }

  public static ApiError notFound(String path) {
    return new ApiError(404, "not_found", "no such endpoint: " + path);
  }

  /** A resource the endpoint exists for but does not have, e.g. a signature; the reference's kind. */
  public static ApiError doesNotExist(String what) {
    return new ApiError(404, "does_not_exist", what + " does not exist");
  }

  public static ApiError methodNotAllowed(String method) {
    return new ApiError(405, "method_not_allowed", "method " + method + " is not allowed; use GET or HEAD");
  }

  public static ApiError internal() {
    return new ApiError(500, "internal_error", "internal server error; see the server log");
  }

  /** The JSON body, exactly one UTF-8 JSON object. */
  public byte[] toJson() {
    return JsonBody.object(128, g -> {
      g.writeStringField("kind", kind);
      g.writeStringField("value", value);
    });
  }

  /** Ends the response with this error. */
  public void send(RoutingContext ctx) {
    Bodies.send(ctx, status, AcceptNegotiator.JSON, toJson());
  }
}
