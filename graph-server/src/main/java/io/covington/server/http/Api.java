package io.covington.server.http;

import io.covington.graph.snapshot.Snapshot;
import io.covington.server.reload.Served;
import io.covington.server.reload.Served.Generation;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * One client-facing API served on the API port (the OpenShift graph API, the CoreOS graph API,
 * the dashboard). Its requests are counted under {@link #metricsLabel()}.
 */
public interface Api {

  /** The {@code api} label of the request metrics, e.g. {@code openshift}. */
  String metricsLabel();

  /** Adds this API's routes, each through one of the {@code get} methods below. */
  void addRoutes(Router router);

  /**
   * A request that passed the prologue: what to answer it with, its decoded query and the
   * generation of the snapshot it is answered from, read once.
   */
  record Request<Q, S extends Snapshot>(RoutingContext ctx, String contentType, Q query, Generation<S> served) {
    public S snapshot() {
      return served.snapshot();
    }
  }

  /** Answers a request that passed the prologue; may throw {@link ClientError}. */
  @FunctionalInterface
  interface Answer<Q, S extends Snapshot> {
    void answer(Request<Q, S> request);
  }

  /**
   * Routes GET and HEAD of {@code path} through the one request prologue: {@code Accept} (406),
   * then the query ({@code decoder}, 400), then a loaded snapshot (503); then {@code answer}.
   * Counted under this API's label and {@code routeLabel}.
   */
  default <Q, S extends Snapshot> void get(Router router, String path, String routeLabel, AcceptNegotiator types,
      Function<Query, Q> decoder, Served<S> served, Answer<Q, S> answer) {
    get(router, path, routeLabel, ctx -> {
      String contentType = types.require(ctx);
      Q query = decoder.apply(Query.of(ctx));
      Generation<S> generation = served.current().orElseThrow(() -> new ClientError(ApiError.notReady()));
      answer.answer(new Request<>(ctx, contentType, query, generation));
    });
  }

  /**
   * Routes GET and HEAD of {@code path} to {@code handler}, counted under this API's label and
   * {@code routeLabel}: for answers that need no snapshot (documents, the dashboard's files).
   */
  default void get(Router router, String path, String routeLabel, Handler<RoutingContext> handler) {
    router
        .route(path)
        .method(HttpMethod.GET)
        .method(HttpMethod.HEAD)
        .handler(RequestMetrics.route(metricsLabel(), routeLabel))
        .handler(handler);
  }
}
