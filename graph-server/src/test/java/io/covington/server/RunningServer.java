package io.covington.server;

import io.covington.graph.coreos.CoreOsStreams;
import io.covington.server.coreos.CoreOsHolder;
import io.covington.server.load.GraphLoader;
import io.covington.server.load.SnapshotHolder;
import io.covington.server.load.SnapshotLoading;
import io.covington.server.status.ServerMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A real server on free ports, with the production wiring, for HTTP tests. */
public final class RunningServer implements AutoCloseable {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          // What the cluster-version-operator (Go net/http) speaks to an http:// endpoint.
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  public final Vertx vertx;
  public final CovingtonServer server;
  public final SnapshotHolder snapshots;
  public final ServerMetrics metrics;
  public final String prefix;

  private RunningServer(Vertx vertx, CovingtonServer server, SnapshotHolder snapshots, ServerMetrics metrics, String prefix) {
    this.vertx = vertx;
    this.server = server;
    this.snapshots = snapshots;
    this.metrics = metrics;
    this.prefix = prefix;
  }

  /** Starts the ports on 127.0.0.1 with {@code prefix}; nothing is loaded yet. */
  public static RunningServer start(String prefix) throws Exception {
    Vertx vertx = Vertx.vertx();
    SnapshotHolder snapshots = new SnapshotHolder();
    ServerMetrics metrics = new ServerMetrics();
    CoreOsHolder coreos = new CoreOsHolder();
    coreos.publish(CoreOsStreams.loadBundled());
    CovingtonServer server =
        await(CovingtonServer.start(
            vertx, new ServerConfig("127.0.0.1", 0, 0, prefix, prefix.isEmpty() ? "/coreos" : ""), snapshots, coreos, metrics, Clock.systemUTC()));
    return new RunningServer(vertx, server, snapshots, metrics, prefix);
  }

  /** Loads with {@code loader} exactly as production does (worker thread, then publish). */
  public Future<?> load(GraphLoader loader, boolean strict) {
    return new SnapshotLoading(vertx, loader, strict, snapshots, metrics).loadAndPublish();
  }

  public static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  public URI api(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.apiPort() + prefix + pathAndQuery);
  }

  public URI status(String path) {
    return URI.create("http://127.0.0.1:" + server.statusPort() + path);
  }

  /** GET with the given header name/value pairs. */
  public static HttpResponse<String> get(URI uri, String... headers) throws IOException, InterruptedException {
    return send("GET", uri, headers);
  }

  public static HttpResponse<String> send(String method, URI uri, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
