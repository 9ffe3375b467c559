package io.covington.server;

import io.covington.server.coreos.CoreOsApi;
import io.covington.server.coreos.CoreOsHolder;
import io.covington.server.coreos.CoreOsPathApi;
import io.covington.server.coreos.CoreOsStreamsApi;
import io.covington.server.dashboard.DashboardApi;
import io.covington.server.http.Api;
import io.covington.server.http.ApiRouter;
import io.covington.server.load.SnapshotHolder;
import io.covington.server.openshift.BlockedEdgesApi;
import io.covington.server.openshift.OpenShiftApi;
import io.covington.server.path.PathApi;
import io.covington.server.status.ServerMetrics;
import io.covington.server.status.StatusRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The two HTTP servers: the client APIs on the API port, and liveness, readiness and metrics on
 * the status port. Serves whatever {@link SnapshotHolder} holds; loading is someone else's job.
 */
public final class CovingtonServer {

  private final Vertx vertx;
  private final HttpServer api;
  private final HttpServer status;
  private final AtomicBoolean draining;

  private CovingtonServer(Vertx vertx, HttpServer api, HttpServer status, AtomicBoolean draining) {
    this.vertx = vertx;
    this.api = api;
    this.status = status;
    this.draining = draining;
  }

  /** Starts both servers; the future completes once both listen. */
  public static Future<CovingtonServer> start(
      Vertx vertx,
      ServerConfig config,
      SnapshotHolder snapshots,
      CoreOsHolder coreos,
      ServerMetrics metrics,
      Clock clock) {
    List<Api> apis =
        List.of(
            new OpenShiftApi(config.pathPrefix(), snapshots),
            new PathApi(config.pathPrefix(), snapshots, vertx),
            new CoreOsApi(config.coreosPathPrefix(), coreos, clock),
            new CoreOsPathApi(config.coreosPathPrefix(), coreos, clock),
            new BlockedEdgesApi(config.pathPrefix(), snapshots),
            new CoreOsStreamsApi(config.coreosPathPrefix(), coreos),
            new DashboardApi(config.pathPrefix(), config.coreosPathPrefix()));
    HttpServerOptions options = new HttpServerOptions().setHost(config.bind());
    AtomicBoolean draining = new AtomicBoolean();
    Future<HttpServer> api =
        vertx
            .createHttpServer(options)
            .requestHandler(ApiRouter.create(vertx, apis, metrics))
            .listen(config.apiPort());
    Future<HttpServer> status =
        vertx
            .createHttpServer(new HttpServerOptions(options))
            .requestHandler(
                StatusRoutes.create(
                    vertx, () -> snapshots.isReady() && coreos.isReady() && !draining.get(), snapshots, metrics))
            .listen(config.statusPort());
    return Future.all(api, status).map(all -> new CovingtonServer(vertx, api.result(), status.result(), draining));
  }

  /** The port the API listens on (the actual one when configured with 0). */
  public int apiPort() {
    return api.actualPort();
  }

  public int statusPort() {
    return status.actualPort();
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
        .compose(v -> api.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS))
        .eventually(() -> status.close());
  }

  /** Whether {@link #shutdown} has begun: readiness then answers 503 whatever is loaded. */
  public boolean isDraining() {
    return draining.get();
  }

  public Future<Void> close() {
    return Future.all(api.close(), status.close()).mapEmpty();
  }
}
