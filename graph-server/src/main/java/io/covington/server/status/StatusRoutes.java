package io.covington.server.status;

import io.covington.graph.coreos.CoreOsSnapshot;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.server.http.ApiError;
import io.covington.server.reload.ReloadStatus;
import io.covington.server.reload.Served;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status port's router: {@code /liveness}, {@code /readiness}, {@code /status} (served
 * revision, its age, the last reload attempt and error) and {@code /metrics}, kept off
 * the API port so probes and scrapes are neither exposed to clients nor counted as API traffic.
 */
public final class StatusRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(StatusRoutes.class);

  private StatusRoutes() {}

  /**
   * {@code POST /accept?revision=R}: an operator accepts the held-back reload of revision R (of
   * the graph or of the CoreOS streams); it is published by the next attempt, which starts at once.
   */
  private static void accept(String revision, Served<GraphSnapshot> graph, Served<CoreOsSnapshot> coreos,
      HttpServerResponse response) {
    response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    if (revision == null || revision.isBlank()) {
      response.setStatusCode(400).end(Buffer.buffer(ApiError.missingParams("revision").toJson()));
      return;
    }
    for (Served<?> served : List.of(graph, coreos)) {
      Optional<ReloadStatus.Held> held = served.status().held();
      // A "+" of a revision pasted unencoded into the query arrives as a space.
      String token = revision.strip().replace(' ', '+');
      if (held.isPresent() && Served.names(token, held.get().revision())) {
        served.accept(token);
        LOG.warn("an operator accepted held revision {}", held.get().revision());
        response.setStatusCode(202).end(Buffer.buffer(new ApiError(202, "accepted", "revision " + held.get().revision()
            + " accepted; it is published by the attempt starting now (see /status)").toJson()));
        return;
      }
    }
    response.setStatusCode(404).end(Buffer.buffer(
        new ApiError(404, "not_held", "no reload of revision " + revision + " is held back (see /status)").toJson()));
  }

  /**
   * @param ready whether every API has its first graph loaded and the server is not shutting
   *     down; {@code /readiness} answers 200 only then
   * @param graph the OpenShift graph and its reload status, for {@code /status}
   * @param coreos the CoreOS streams and their reload status, for {@code /status}
   * @param historyProblems what went wrong reading or writing the change history, for {@code /status}
   */
  public static Router create(
      Vertx vertx, BooleanSupplier ready, Served<GraphSnapshot> graph, Served<CoreOsSnapshot> coreos, ServerMetrics metrics,
      Supplier<List<String>> historyProblems) {
    Router router = Router.router(vertx);
    router
        .route("/liveness")
        .method(HttpMethod.GET)
        .method(HttpMethod.HEAD)
        .handler(ctx -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain").end("ok\n"));
    router
        .route("/readiness")
        .method(HttpMethod.GET)
        .method(HttpMethod.HEAD)
        .handler(
            ctx -> {
              boolean isReady = ready.getAsBoolean();
              ctx.response()
                  .setStatusCode(isReady ? 200 : 503)
                  .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain")
                  .end(isReady ? "ready\n" : "not ready: no graph loaded yet, or shutting down\n");
            });
    router
        .route("/status")
        .method(HttpMethod.GET)
        .method(HttpMethod.HEAD)
        .handler(
            ctx ->
                ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(Buffer.buffer(StatusDocument.render(ready.getAsBoolean(), graph, coreos, historyProblems.get()))));
    router
        .route("/accept")
        .method(HttpMethod.POST)
        .handler(ctx -> accept(ctx.request().getParam("revision"), graph, coreos, ctx.response()));
    router
        .route("/metrics")
        .method(HttpMethod.GET)
        .method(HttpMethod.HEAD)
        .handler(
            ctx ->
                // The JVM collectors walk MX beans: cheap, but not event-loop cheap.
                vertx
                    .executeBlocking(metrics::scrape, false)
                    .onSuccess(
                        text ->
                            ctx.response()
                                .putHeader(HttpHeaders.CONTENT_TYPE, ServerMetrics.contentType())
                                .end(text))
                    .onFailure(ctx::fail));
    // Errors as on the API port: {"kind","value"} JSON.
    router.errorHandler(400, ctx -> ApiError.invalidQuery("the request path cannot be decoded").send(ctx));
    router.errorHandler(404, ctx -> ApiError.notFound(ctx.normalizedPath()).send(ctx));
    router.errorHandler(405, ctx -> ApiError.methodNotAllowed(ctx.request().method().name()).send(ctx));
    router.errorHandler(500, ctx -> {
      LOG.error("status request {} failed", ctx.request().path(), ctx.failure());
      ApiError.internal().send(ctx);
    });
    return router;
  }
}
