package io.covington.server;

import io.covington.graph.coreos.CoreOsSnapshot;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.policy.coreos.ServedCoreOsGraph;
import io.covington.server.cache.ResponseCache;
import io.covington.server.coreos.CoreOsApi;
import io.covington.server.coreos.CoreOsHolder;
import io.covington.server.http.Api;
import io.covington.server.http.ApiRouter;
import io.covington.server.http.EventLoopListeners;
import io.covington.server.load.SnapshotHolder;
import io.covington.server.openshift.OpenShiftApi;
import io.covington.server.status.ServerMetrics;
import io.covington.server.status.StatusRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The two HTTP servers: the client APIs on the API port, and liveness, readiness and metrics on
 * the status port. Serves whatever {@link SnapshotHolder} holds; loading is someone else's job.
 */
public final class CovingtonServer {

  private final HttpServer api;
  private final HttpServer status;
  private final List<HttpServer> apiSiblings;

  private CovingtonServer(HttpServer api, HttpServer status, List<HttpServer> apiSiblings) {
    this.api = api;
    this.status = status;
    this.apiSiblings = apiSiblings;
  }

  /** The default bound of each API's response cache: every bundled body fits many times over. */
  public static final long DEFAULT_CACHE_BYTES = 64L << 20;

  /** Starts both servers with the default response cache size. */
  public static Future<CovingtonServer> start(
      Vertx vertx,
      ServerConfig config,
      SnapshotHolder snapshots,
      CoreOsHolder coreos,
      ServerMetrics metrics,
      Clock clock) {
    return start(vertx, config, snapshots, coreos, metrics, clock, DEFAULT_CACHE_BYTES);
  }

  /**
   * Starts both servers; the future completes once both listen.
   *
   * @param cacheBytes bound of the bytes each API's response cache holds
   */
  public static Future<CovingtonServer> start(
      Vertx vertx,
      ServerConfig config,
      SnapshotHolder snapshots,
      CoreOsHolder coreos,
      ServerMetrics metrics,
      Clock clock,
      long cacheBytes) {
    // Misses render on Vert.x's worker pool, unordered: never on an event loop.
    Executor render = task -> vertx.executeBlocking(() -> {
      task.run();
      return null;
    }, false);
    List<Api> apis =
        List.of(
            new OpenShiftApi(config.pathPrefix(), snapshots,
                new ResponseCache<GraphSnapshot, Object>("openshift", cacheBytes, render, metrics)),
            new CoreOsApi(config.coreosPathPrefix(), coreos, clock,
                new ResponseCache<CoreOsSnapshot, ServedCoreOsGraph.CacheKey>("coreos", cacheBytes, render, metrics)));
    // Bodies are stored gzip-compressed once; Vert.x must not compress (again) per response.
    HttpServerOptions options = new HttpServerOptions().setHost(config.bind()).setCompressionSupported(false);
    // Vert.x shares a port among the servers listening on it, one event loop each; port 0 would
    // give each its own random port, so a random port is asked as -1: one random port, shared.
    int apiPort = config.apiPort() == 0 ? -1 : config.apiPort();
    Future<HttpServer> api =
        vertx
            .createHttpServer(options)
            .requestHandler(ApiRouter.create(vertx, apis, metrics))
            .listen(apiPort);
    Future<HttpServer> status =
        vertx
            .createHttpServer(new HttpServerOptions(options))
            .requestHandler(StatusRoutes.create(vertx, () -> snapshots.isReady() && coreos.isReady(), metrics))
            .listen(config.statusPort());
    // One more listener per further core, so that writing bodies uses every core.
    Future<List<HttpServer>> siblings = api.compose(first -> EventLoopListeners.add(vertx, options, apiPort,
        Runtime.getRuntime().availableProcessors() - 1, () -> ApiRouter.create(vertx, apis, metrics)));
    return Future.all(api, status, siblings)
        .map(all -> new CovingtonServer(api.result(), status.result(), siblings.result()));
  }

  /** The port the API listens on (the actual one when configured with 0). */
  public int apiPort() {
    return api.actualPort();
  }

  public int statusPort() {
    return status.actualPort();
  }

  public Future<Void> close() {
    List<Future<Void>> closing = new java.util.ArrayList<>();
    closing.add(api.close());
    closing.add(status.close());
    apiSiblings.forEach(sibling -> closing.add(sibling.close()));
    return Future.all(closing).mapEmpty();
  }
}
