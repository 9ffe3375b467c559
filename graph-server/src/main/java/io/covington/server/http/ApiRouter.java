package io.covington.server.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router of the API port: request metrics and CORS in front of every {@link Api}, and the one
 * place where errors become JSON {@code {"kind","value"}} bodies: a {@link ClientError} thrown by a
 * handler or decoder with its own status, unknown paths (404), wrong methods (405), undecodable
 * paths (400), and unexpected failures (500, logged).
 */
public final class ApiRouter {

  private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);

  private ApiRouter() {}

  public static Router create(Vertx vertx, List<Api> apis, RequestMetrics.Recorder recorder) {
    Router router = Router.router(vertx);
    String defaultApi = apis.isEmpty() ? "none" : apis.get(0).metricsLabel();
    router.route().handler(new RequestMetrics(recorder, defaultApi)).handler(new Cors());
    apis.forEach(api -> api.addRoutes(router));
    // Vert.x Web answers 400 itself for a path it cannot decode.
    router.errorHandler(400, ctx -> ApiError.invalidQuery("the request path or query cannot be decoded").send(ctx));
    router.errorHandler(404, ctx -> ApiError.notFound(ctx.normalizedPath()).send(ctx));
    router.errorHandler(405, ctx -> ApiError.methodNotAllowed(ctx.request().method().name()).send(ctx));
    router.errorHandler(
        500,
        ctx -> {
          Throwable failure = ctx.failure() instanceof CompletionException c && c.getCause() != null ? c.getCause() : ctx.failure();
          if (failure instanceof ClientError client) {
            client.send(ctx);
            return;
          }
          LOG.error("request {} failed", ctx.request().uri(), ctx.failure());
          ApiError.internal().send(ctx);
        });
    return router;
  }
}
