package io.covington.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/** Ends API responses with a complete body, or for {@code HEAD} with its headers only. */
public final class Responses {

  private Responses() {}

  /**
   * Answers {@code body} with {@code status} and {@code contentType}. {@code HEAD} gets the same
   * headers, {@code Content-Length} included, and no body (on HTTP/2 too, where Vert.x would
   * otherwise send it).
   */
  public static void end(RoutingContext ctx, int status, String contentType, byte[] body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
        .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length));
    if (ctx.request().method() == HttpMethod.HEAD) {
      ctx.response().end();
    } else {
      ctx.response().end(Buffer.buffer(body));
    }
  }
}
