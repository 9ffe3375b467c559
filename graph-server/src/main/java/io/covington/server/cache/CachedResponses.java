package io.covington.server.cache;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletableFuture;

/**
 * Writes a {@link RenderedResponse}: 304 when {@code If-None-Match} matches, the stored gzip bytes
 * when {@code Accept-Encoding} prefers gzip, headers only for {@code HEAD}.
 *
 * <p>{@code Cache-Control: public, no-cache}: any cache may store the body but must revalidate it
 * on every use. Revalidation is a 304 of a few hundred bytes, and a client never sees a graph the
 * server has replaced (a reload takes effect at once), which a {@code max-age} would not give —
 * cluster and node pollers ask every few minutes anyway, so freshness lifetimes save nothing.
 */
public final class CachedResponses {

  static final String CACHE_CONTROL = "public, no-cache";
  static final String VARY = "Accept, Accept-Encoding";
  private static final CharSequence GZIP = HttpHeaders.createOptimized("gzip");

  private CachedResponses() {}

  /** Answers with {@code response} once it is rendered, on the request's context. */
  public static void send(RoutingContext ctx, String contentType, CompletableFuture<RenderedResponse> response) {
    if (response.isDone() && !response.isCompletedExceptionally()) {
      send(ctx, contentType, response.join());
      return;
    }
    Future.fromCompletionStage(response, ctx.vertx().getOrCreateContext())
        .onComplete(ar -> {
          if (ctx.response().closed() || ctx.response().ended()) {
            return;
          }
          if (ar.succeeded()) {
            send(ctx, contentType, ar.result());
          } else {
            ctx.fail(ar.cause());
          }
        });
  }

  /** Answers with {@code response}, which is at hand. */
  public static void send(RoutingContext ctx, String contentType, RenderedResponse response) {
    HttpServerResponse out = ctx.response();
    boolean gzip = response.gzip().isPresent()
        && ContentCodings.prefersGzip(ctx.request().getHeader(HttpHeaders.ACCEPT_ENCODING));
    String etag = gzip ? response.gzipEtag() : response.etag();
    out.headers()
        .add(HttpHeaders.VARY, VARY)
        .set(HttpHeaders.ETAG, etag)
        .set(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
    if (EntityTags.noneMatchFails(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
      out.setStatusCode(304).end();
      return;
    }
    Buffer body = gzip ? response.gzip().get() : response.identity();
    out.setStatusCode(200)
        .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
        .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length()));
    if (gzip) {
      out.putHeader(HttpHeaders.CONTENT_ENCODING, GZIP);
    }
    if (ctx.request().method() == HttpMethod.HEAD) {
      out.end();
    } else {
      out.end(body);
    }
  }
}
