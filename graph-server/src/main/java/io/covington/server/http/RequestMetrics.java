package io.covington.server.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Records each API request when its response ends: the API and route it was routed to, its
 * status and its latency. Requests no route claimed are counted as route {@code unmatched}.
 */
public final class RequestMetrics implements Handler<RoutingContext> {

  /** Where a request's outcome is recorded. */
  public interface Recorder {
    void record(String api, String route, int status, long durationNanos);
  }

  private static final String API_KEY = "covington.api";
  private static final String ROUTE_KEY = "covington.route";

  private final Recorder recorder;
  private final String defaultApi;

  public RequestMetrics(Recorder recorder, String defaultApi) {
    this.recorder = recorder;
    this.defaultApi = defaultApi;
  }

  /** A handler that labels the request with {@code api} and {@code route}, then continues. */
  public static Handler<RoutingContext> route(String api, String route) {
    return ctx -> {
      ctx.put(API_KEY, api);
      ctx.put(ROUTE_KEY, route);
      ctx.next();
    };
  }

  /** Labels a request answered before any API route saw it, e.g. a CORS preflight. */
  static void routeOnly(RoutingContext ctx, String route) {
    ctx.put(ROUTE_KEY, route);
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addBodyEndHandler(
        v -> {
          String api = ctx.get(API_KEY, defaultApi);
          String route = ctx.get(ROUTE_KEY, "unmatched");
          recorder.record(api, route, ctx.response().getStatusCode(), System.nanoTime() - start);
        });
    ctx.next();
  }
}
