package io.covington.server;

import io.covington.server.coreos.CoreOsApi;
import io.covington.server.coreos.CoreOsHolder;
import io.covington.server.http.Api;
import io.covington.server.http.ApiRouter;
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

/**
 * The two HTTP servers: the client APIs on the API port, and liveness, readiness and metrics on
 * the status port. Serves whatever {@link SnapshotHolder} holds; loading is someone else's job.
 */
public final class CovingtonServer {

  private final HttpServer api;
  private final HttpServer status;

  private CovingtonServer(HttpServer api, HttpServer status) {
    this.api = api;
    this.status = status;
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
            new CoreOsApi(config.coreosPathPrefix(), coreos, clock));
    HttpServerOptions options = new HttpServerOptions().setHost(config.bind());
    Future<HttpServer> api =
        vertx
            .createHttpServer(options)
            .requestHandler(ApiRouter.create(vertx, apis, metrics))
            .listen(config.apiPort());
    Future<HttpServer> status =
        vertx
            .createHttpServer(new HttpServerOptions(options))
            .requestHandler(StatusRoutes.create(vertx, () -> snapshots.isReady() && coreos.isReady(), snapshots, metrics))
            .listen(config.statusPort());
    return Future.all(api, status).map(all -> new CovingtonServer(api.result(), status.result()));
  }

  /** The port the API listens on (the actual one when configured with 0). */
  public int apiPort() {
    return api.actualPort();
  }

  public int statusPort() {
    return status.actualPort();
  }

  public Future<Void> close() {
    return Future.all(api.close(), status.close()).mapEmpty();
  }
}
