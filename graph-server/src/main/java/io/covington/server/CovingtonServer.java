package io.covington.server;

import io.covington.graph.coreos.CoreOsSnapshot;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.server.cache.ResponseCache;
import io.covington.server.changes.ChangeLog;
import io.covington.server.changes.ChangesApi;
import io.covington.server.coreos.CoreOsApi;
import io.covington.server.coreos.CoreOsPathApi;
import io.covington.server.coreos.CoreOsStreamsApi;
import io.covington.server.dashboard.DashboardApi;
import io.covington.server.http.Api;
import io.covington.server.http.ApiRouter;
import io.covington.server.http.Edge;
import io.covington.server.http.EventLoopListeners;
import io.covington.server.http.QueryPool;
import io.covington.server.openshift.BlockedEdgesApi;
import io.covington.server.openshift.OpenShiftApi;
import io.covington.server.openshift.SignaturesApi;
import io.covington.server.path.PathApi;
import io.covington.server.reload.Served;
import io.covington.server.status.ServerMetrics;
import io.covington.server.status.StatusRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The two HTTP servers: the client APIs on the API port, and liveness, readiness and metrics on
 * the status port. Serves whatever the two {@link Served} hold; loading is someone else's job.
 */
public final class CovingtonServer {

  private final Vertx vertx;
  private final HttpServer api;
  private final HttpServer status;
  private final AtomicBoolean draining;
  private final List<HttpServer> apiSiblings;
  private final Edge apiEdge;
  private final Edge statusEdge;

  private final ChangeLog changes;

  private CovingtonServer(Vertx vertx, HttpServer api, HttpServer status, AtomicBoolean draining,
      List<HttpServer> apiSiblings, Edge apiEdge, Edge statusEdge, ChangeLog changes) {
    this.changes = changes;
    this.vertx = vertx;
    this.api = api;
    this.status = status;
    this.draining = draining;
    this.apiSiblings = apiSiblings;
    this.apiEdge = apiEdge;
    this.statusEdge = statusEdge;
  }

  /** The default bound of each API's response cache: every bundled body fits many times over. */
  public static final long DEFAULT_CACHE_BYTES = 64L << 20;

  /**
   * Starts both servers; the future completes once both listen, or fails with a {@link
   * ListenFailure} naming the port that cannot be listened on.
   *
   * @param cacheBytes bound of the bytes each API's response cache holds
   * @param eventLoops how many event loops serve the API port (at least 1)
   */
  public static Future<CovingtonServer> start(
      Vertx vertx,
      ServerConfig config,
      Served<GraphSnapshot> graph,
      Served<CoreOsSnapshot> coreos,
      ServerMetrics metrics,
      Clock clock,
      long cacheBytes,
      int eventLoops) {
    // Misses render on Vert.x's worker pool, unordered: never on an event loop.
    Executor render = task -> vertx.executeBlocking(() -> {
      task.run();
      return null;
    }, false);
    List<Api> apis = apis(vertx, config, graph, coreos, clock, new ResponseCache.Settings(cacheBytes, render, metrics));
    ChangeLog changes = apis.stream().filter(ChangesApi.class::isInstance).map(a -> ((ChangesApi) a).log()).findFirst().orElseThrow();
    metrics.changeHistory(() -> changes.problems().size());
    // Bodies are stored gzip-compressed once; Vert.x must not compress (again) per response.
    // HTTP/1.1 only (no h2c), as the reference server: the clients speak 1.1 to http:// endpoints.
    HttpServerOptions base = new HttpServerOptions().setHost(config.bind()).setCompressionSupported(false);
    HttpServerOptions options = Edge.apiOptions(base, config.limits());
    HttpServerOptions statusOptions = Edge.options(base);
    Edge apiEdge = Edge.api(config.limits(), options, metrics);
    Edge statusEdge = Edge.status(config.limits(), statusOptions, metrics);
    AtomicBoolean draining = new AtomicBoolean();
    // Vert.x shares a port among the servers listening on it, one event loop each; port 0 would
    // give each its own random port, so a random port is asked as -1: one random port, shared.
    int apiPort = config.apiPort() == 0 ? -1 : config.apiPort();
    Future<HttpServer> api =
        apiEdge.install(vertx.createHttpServer(options), ApiRouter.create(vertx, apis, metrics)).listen(apiPort)
            .recover(e -> Future.failedFuture(new ListenFailure(ListenFailure.Port.API, config.bind(), config.apiPort(), e)));
    Future<HttpServer> status =
        statusEdge
            .install(
                vertx.createHttpServer(statusOptions),
                StatusRoutes.create(
                    vertx, () -> graph.isReady() && coreos.isReady() && !draining.get(), graph, coreos, metrics,
                    changes::problems))
            .listen(config.statusPort())
            .recover(e -> Future.failedFuture(
                new ListenFailure(ListenFailure.Port.STATUS, config.bind(), config.statusPort(), e)));
    // One more listener per further event loop, so that writing bodies can use every core.
    Future<List<HttpServer>> siblings = api.compose(first -> EventLoopListeners.add(vertx, options, apiPort,
        eventLoops - 1, server -> apiEdge.install(server, ApiRouter.create(vertx, apis, metrics))));
    return Future.all(api, status, siblings)
        .map(all -> new CovingtonServer(
            vertx, api.result(), status.result(), draining, siblings.result(), apiEdge, statusEdge, changes));
  }

  /**
   * Every API the API port serves, in routing order; their routes are all the server answers
   * (the OpenAPI documents are checked against them).
   */
  public static List<Api> apis(Vertx vertx, ServerConfig config, Served<GraphSnapshot> graph, Served<CoreOsSnapshot> coreos,
      Clock clock, ResponseCache.Settings caches) {
    QueryPool queries = new QueryPool();
    ChangeLog changes = ChangeLog.open(config.historyDir(), clock);
    graph.onPublish(changes::published);
    return List.of(
        new OpenShiftApi(config.pathPrefix(), graph, caches),
        new PathApi(config.pathPrefix(), graph, caches, queries),
        new CoreOsApi(config.coreosPathPrefix(), coreos, clock, caches),
        new CoreOsPathApi(config.coreosPathPrefix(), coreos, clock),
        new BlockedEdgesApi(config.pathPrefix(), graph, caches, queries),
        new SignaturesApi(config.pathPrefix(), graph, caches, queries),
        new ChangesApi(config.pathPrefix(), graph, changes, clock),
        new CoreOsStreamsApi(config.coreosPathPrefix(), coreos),
        new DashboardApi(config.pathPrefix(), config.coreosPathPrefix()));
  }

  /** The history of graph changes that {@code /v1/changes} answers from. */
  public ChangeLog changes() {
    return changes;
  }

  /** The port the API listens on (the actual one when configured with 0). */
  public int apiPort() {
    return api.actualPort();
  }

  public int statusPort() {
    return status.actualPort();
  }

  /** Connections open on the API port now. */
  public int apiConnections() {
    return apiEdge.connections();
  }

  /** Connections open on the status port now. */
  public int statusConnections() {
    return statusEdge.connections();
  }

  /**
   * Leaves service gracefully: readiness answers 503 at once, the API keeps serving for {@code
   * delay} (while load balancers take this instance out of rotation), then stops accepting
   * connections and gives requests already received up to {@code grace} to finish; the status
   * port closes last. Completes within about {@code delay + grace}.
   */
  public Future<Void> shutdown(Duration delay, Duration grace) {
    draining.set(true);
    Future<Void> delayed =
        delay.isZero() ? Future.succeededFuture() : vertx.timer(delay.toMillis(), TimeUnit.MILLISECONDS).mapEmpty();
    return delayed
        .compose(v -> {
          List<Future<Void>> stopping = new ArrayList<>();
          stopping.add(api.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS));
          apiSiblings.forEach(sibling -> stopping.add(sibling.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS)));
          return Future.all(stopping).<Void>mapEmpty();
        })
        .eventually(() -> status.close());
  }

  /** Whether {@link #shutdown} has begun: readiness then answers 503 whatever is loaded. */
  public boolean isDraining() {
    return draining.get();
  }

  public Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    closing.add(api.close());
    closing.add(status.close());
    apiSiblings.forEach(sibling -> closing.add(sibling.close()));
    return Future.all(closing).mapEmpty();
  }
}
