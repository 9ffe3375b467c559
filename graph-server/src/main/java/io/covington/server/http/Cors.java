package io.covington.server.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * CORS for the read-only APIs: any origin may read, so the request's {@code Origin} is echoed
 * (with {@code Vary: Origin} for caches), and {@code OPTIONS} preflights are answered here with
 * 204 allowing {@code GET} and {@code HEAD}.
 */
final class Cors implements Handler<RoutingContext> {

  static final String ALLOWED_METHODS = "GET, HEAD";
  private static final String MAX_AGE_SECONDS = "86400";

  @Override
  public void handle(RoutingContext ctx) {
    String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
    HttpServerResponse response = ctx.response();
    response.putHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
    if (origin != null) {
      response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
      response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
    }
    if (ctx.request().method() == HttpMethod.OPTIONS) {
      RequestMetrics.routeOnly(ctx, "preflight");
      String requested = ctx.request().getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
      if (requested != null) {
        response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, requested);
      }
      response
          .putHeader(HttpHeaders.ALLOW, "GET, HEAD, OPTIONS")
          .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS)
          .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS)
          .setStatusCode(204)
          .end();
      return;
    }
    ctx.next();
  }
}
