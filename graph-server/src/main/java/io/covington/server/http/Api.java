package io.covington.server.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * One client-facing API served on the API port (the OpenShift graph API today, the CoreOS graph
 * API later). Its requests are counted under {@link #metricsLabel()}.
 */
public interface Api {

  /** The {@code api} label of the request metrics, e.g. {@code openshift}. */
  String metricsLabel();

  /**
   * Adds this API's routes. Every route must call {@link RequestMetrics#route} first so that its
   * requests are counted under a low-cardinality route name.
   */
  void addRoutes(Router router);

  /**
   * Routes GET and HEAD of {@code path} to {@code handler}, counted under this API's label and
   * {@code routeLabel}.
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
