package io.covington.server;

import io.covington.graph.coreos.CoreOsSnapshot;
import io.covington.graph.coreos.CoreOsStreams;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.server.http.HttpLimits;
import io.covington.server.reload.LoadReport;
import io.covington.server.reload.Reloader;
import io.covington.server.reload.Served;
import io.covington.server.status.ServerMetrics;
import io.covington.sources.Loader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
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
  public final Served<GraphSnapshot> snapshots;
  public final Served<CoreOsSnapshot> coreos;
  public final ServerMetrics metrics;
  public final String prefix;
  private final List<Reloader<?>> reloaders = new CopyOnWriteArrayList<>();

  private RunningServer(
      Vertx vertx, CovingtonServer server, Served<GraphSnapshot> snapshots, Served<CoreOsSnapshot> coreos,
      ServerMetrics metrics, String prefix) {
    this.vertx = vertx;
    this.server = server;
    this.snapshots = snapshots;
    this.coreos = coreos;
    this.metrics = metrics;
    this.prefix = prefix;
  }

  /** Starts the ports on 127.0.0.1 with {@code prefix}; the bundled CoreOS streams are served, no graph yet. */
  public static RunningServer start(String prefix) throws Exception {
    return start(prefix, HttpLimits.defaults());
  }

  /** As {@link #start(String)}, with the HTTP edge's {@code limits}. */
  public static RunningServer start(String prefix, HttpLimits limits) throws Exception {
    return start(prefix, limits, Optional.empty());
  }

  /** As {@link #start(String)}, keeping the history of graph changes in {@code historyDir}. */
  public static RunningServer start(String prefix, Optional<Path> historyDir) throws Exception {
    return start(prefix, HttpLimits.defaults(), historyDir);
  }

  private static RunningServer start(String prefix, HttpLimits limits, Optional<Path> historyDir) throws Exception {
    Vertx vertx = Vertx.vertx();
    Served<GraphSnapshot> snapshots = new Served<>();
    Served<CoreOsSnapshot> coreos = new Served<>();
    ServerMetrics metrics = new ServerMetrics();
    CovingtonServer server =
        await(CovingtonServer.start(
            vertx, new ServerConfig("127.0.0.1", 0, 0, prefix, prefix.isEmpty() ? "/coreos" : "", limits, historyDir), snapshots, coreos, metrics, Clock.systemUTC(),
            CovingtonServer.DEFAULT_CACHE_BYTES, 1));
    coreos.publish(CoreOsStreams.loadBundled());
    return new RunningServer(vertx, server, snapshots, coreos, metrics, prefix);
  }

  /**
   * The reloader of the OpenShift graph from {@code loader}, as production wires it, reloading
   * every {@code interval} once started; closed with the server.
   */
  public Reloader<GraphSnapshot> reloader(Loader<GraphSnapshot> loader, boolean strict, Optional<Duration> interval) {
    return reloader(loader, new Reloader.Policy(strict, interval, Reloader.FirstLoad.REQUIRED), Reloader.Gate.open());
  }

  /** The reloader of the OpenShift graph from {@code loader} with this policy and gate; closed with the server. */
  public Reloader<GraphSnapshot> reloader(Loader<GraphSnapshot> loader, Reloader.Policy policy, Reloader.Gate<GraphSnapshot> gate) {
    Reloader<GraphSnapshot> reloader =
        new Reloader<>("graph", loader, snapshots, policy, metrics.graphReloads(), LoadReport::describe, gate);
    reloaders.add(reloader);
    return reloader;
  }

  /** Loads once with {@code loader} exactly as production does (the reload worker, then publish). */
  public Future<GraphSnapshot> load(Loader<GraphSnapshot> loader, boolean strict) {
    return Future.fromCompletionStage(reloader(loader, strict, Optional.empty()).loadAndPublish());
  }

  public static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  public URI api(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.apiPort() + prefix + pathAndQuery);
  }

  /** The current value of the metric sample {@code name{labels}} (e.g. {@code reason="idle"}), 0 when absent. */
  public double metric(String name, String labels) {
    String prefix = name + "{" + labels + ",}";
    return metrics.scrape().lines().filter(l -> l.startsWith(prefix + " ")).mapToDouble(
        l -> Double.parseDouble(l.substring(prefix.length() + 1))).sum();
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
    reloaders.forEach(Reloader::close);
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
