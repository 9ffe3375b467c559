package io.covington.server.http;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * More listeners on a port that already listens, each on an event loop of its own: Vert.x then
 * spreads the port's connections over them. One HTTP server uses one event loop, that is one core;
 * writing large graph bodies to many pollers needs every core.
 */
public final class EventLoopListeners {

  private EventLoopListeners() {}

  /**
   * Starts {@code count} more servers on {@code port} (as given to the first listener; -1 for a
   * shared random port, as 0 is never shared), each given its handlers by {@code setup}; the
   * future completes with them once all listen.
   */
  public static Future<List<HttpServer>> add(
      Vertx vertx, HttpServerOptions options, int port, int count, UnaryOperator<HttpServer> setup) {
    List<HttpServer> servers = new CopyOnWriteArrayList<>();
    if (count <= 0) {
      return Future.succeededFuture(List.of());
    }
    return vertx
        .deployVerticle(() -> new Listener(options, port, setup, servers), new DeploymentOptions().setInstances(count))
        .map(id -> List.copyOf(servers));
  }

  /** One listener, on the event loop Vert.x gives this verticle instance. */
  private static final class Listener extends AbstractVerticle {
    private final HttpServerOptions options;
    private final int port;
    private final UnaryOperator<HttpServer> setup;
    private final List<HttpServer> servers;

    Listener(HttpServerOptions options, int port, UnaryOperator<HttpServer> setup, List<HttpServer> servers) {
      this.options = options;
      this.port = port;
      this.setup = setup;
      this.servers = servers;
    }

    @Override
    public void start(Promise<Void> started) {
      setup.apply(vertx.createHttpServer(options)).listen(port)
          .onSuccess(servers::add)
          .<Void>mapEmpty()
          .onComplete(started);
    }
  }
}
