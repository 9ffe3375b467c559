package io.covington.server.http;

import io.covington.server.cache.ContentCodings;
import io.covington.server.cache.EntityTags;
import io.covington.server.cache.RenderedResponse;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Writes every response body of the API port: a complete body with its {@code Content-Length}, or
 * for {@code HEAD} the same headers and no body (on HTTP/2 too, where Vert.x would otherwise send
 * it). A {@linkplain #cached cached} body also gets its strong {@code ETag} (304 when {@code
 * If-None-Match} matches), {@code Cache-Control} and its stored gzip bytes when {@code
 * Accept-Encoding} prefers gzip.
 *
 * <p>{@code Cache-Control: public, no-cache}: any cache may store the body but must revalidate it
 * on every use. Revalidation is a 304 of a few hundred bytes, and a client never sees a graph the
 * server has replaced (a reload takes effect at once), which a {@code max-age} would not give —
 * cluster and node pollers ask every few minutes anyway, so freshness lifetimes save nothing.
 */
public final class Bodies {

  static final String CACHE_CONTROL = "public, no-cache";
  static final String VARY = "Accept, Accept-Encoding";
  private static final CharSequence GZIP = HttpHeaders.createOptimized("gzip");

  private Bodies() {}

  /** Answers {@code body} with {@code status} and {@code contentType}. */
  public static void send(RoutingContext ctx, int status, String contentType, byte[] body) {
    write(ctx, status, contentType, Buffer.buffer(body), null);
  }

  /** Answers 200 with {@code body} once it is computed, or the failure (a {@link ClientError} is a client error). */
  public static void later(RoutingContext ctx, String contentType, Future<byte[]> body) {
    body.onComplete(done -> {
      if (ctx.response().closed() || ctx.response().ended()) {
        return;
      }
      if (done.succeeded()) {
        send(ctx, 200, contentType, done.result());
      } else {
        ctx.fail(done.cause());
      }
    });
  }

  /** Answers with {@code response} once it is rendered, on the request's context. */
  public static void cached(RoutingContext ctx, String contentType, CompletableFuture<RenderedResponse> response) {
    whenRendered(ctx, response, rendered -> cached(ctx, contentType, rendered));
  }

  private static void whenRendered(
      RoutingContext ctx, CompletableFuture<RenderedResponse> response, Consumer<RenderedResponse> answer) {
    if (response.isDone() && !response.isCompletedExceptionally()) {
      answer.accept(response.join());
      return;
    }
    Future.fromCompletionStage(response, ctx.vertx().getOrCreateContext())
        .onComplete(ar -> {
          if (ctx.response().closed() || ctx.response().ended()) {
            return;
          }
          if (ar.succeeded()) {
            answer.accept(ar.result());
          } else {
            ctx.fail(ar.cause());
          }
        });
  }

  /** Answers with {@code response}, which is at hand, as a cacheable representation. */
  public static void cached(RoutingContext ctx, String contentType, RenderedResponse response) {
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
    write(ctx, 200, contentType, gzip ? response.gzip().get() : response.identity(), gzip ? GZIP : null);
  }

  private static void write(RoutingContext ctx, int status, String contentType, Buffer body, CharSequence encoding) {
    HttpServerResponse out = ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
        .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length()));
    if (encoding != null) {
      out.putHeader(HttpHeaders.CONTENT_ENCODING, encoding);
    }
    if (ctx.request().method() == HttpMethod.HEAD) {
      out.end();
    } else {
      out.end(body);
    }
  }
}
