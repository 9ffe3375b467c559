package io.covington.server.status;

import io.covington.graph.coreos.CoreOsSnapshot;
import io.covington.graph.coreos.Scheme;
import io.covington.graph.input.LoadProblem;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.graph.snapshot.GraphStats;
import io.covington.server.cache.ResponseCache;
import io.covington.server.http.Edge;
import io.covington.server.http.RequestMetrics;
import io.covington.server.reload.Reloader;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;
import io.prometheus.client.exporter.common.TextFormat;
import io.prometheus.client.hotspot.DefaultExports;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The server's Prometheus metrics, on a registry of its own (not the JVM-wide default) so that
 * several servers in one JVM, as in tests, do not share counts. Also registers the standard JVM
 * collectors on that registry.
 */
public final class ServerMetrics implements RequestMetrics.Recorder, ResponseCache.Recorder, Edge.Recorder {

  private final CollectorRegistry registry = new CollectorRegistry(true);

  private final Counter requests =
      Counter.build()
          .name("covington_http_requests_total")
          .help("API requests by API, route and status code.")
          .labelNames("api", "route", "code")
          .register(registry);
  private final Histogram requestDuration =
      Histogram.build()
          .name("covington_http_request_duration_seconds")
          .help("Time from receiving an API request to the end of its response.")
          .labelNames("api", "route")
          .buckets(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)
          .register(registry);
  private final Gauge releases =
      Gauge.build()
          .name("covington_graph_releases")
          .help("Releases with a payload in the served graph, per architecture.")
          .labelNames("arch")
          .register(registry);
  private final Gauge edges =
      Gauge.build()
          .name("covington_graph_edges")
          .help("Unconditional updates in the served graph, per architecture.")
          .labelNames("arch")
          .register(registry);
  private final Gauge conditionalEdges =
      Gauge.build()
          .name("covington_graph_conditional_edges")
          .help("Conditional updates in the served graph, per architecture.")
          .labelNames("arch")
          .register(registry);
  private final Gauge signatures =
      Gauge.build()
          .name("covington_graph_signatures")
          .help("Release signatures of the served graph by state: served (verified with --release-keyring, or unchecked"
              + " without one) and refused (failed verification; each named in /status and the log).")
          .labelNames("state")
          .register(registry);
  private final Gauge connections =
      Gauge.build()
          .name("covington_http_connections")
          .help("Open HTTP connections, by port (api, status).")
          .labelNames("port")
          .register(registry);
  private final Counter connectionsClosed =
      Counter.build()
          .name("covington_http_connections_closed_total")
          .help("Connections the server closed by its own rules, by port and reason (idle, header_timeout,"
              + " write_timeout, cap).")
          .labelNames("port", "reason")
          .register(registry);
  private final Counter shed =
      Counter.build()
          .name("covington_http_shed_total")
          .help("Requests and connections answered 503 overloaded, by reason (in_flight, write_queue,"
              + " connection_write_queue, connections).")
          .labelNames("reason")
          .register(registry);
  private final Counter invalidRequests =
      Counter.build()
          .name("covington_http_invalid_requests_total")
          .help("Requests refused before routing (malformed, ambiguous framing, too large, unsupported version),"
              + " by port and error kind.")
          .labelNames("port", "kind")
          .register(registry);
  private final ReloadMetrics<GraphSnapshot> graphReloads;
  private final ReloadMetrics<CoreOsSnapshot> coreosReloads;

  private final Gauge coreosReleases =
      Gauge.build()
          .name("covington_coreos_releases")
          .help("Releases in each served CoreOS stream, by stream and base architecture (checksum scheme).")
          .labelNames("stream", "basearch")
          .register(registry);
  private final Counter coreosFetchErrors =
      Counter.build()
          .name("covington_coreos_fetch_errors_total")
          .help("Failures to fetch or read a CoreOS stream; a stream read before keeps serving its last good graph,"
              + " one never read serves nothing.")
          .labelNames("kind")
          .register(registry);

  private final Counter cacheRequests =
      Counter.build()
          .name("covington_response_cache_requests_total")
          .help("Look-ups of pre-rendered response bodies, by API and result (hit, miss).")
          .labelNames("api", "result")
          .register(registry);
  private final Counter cacheEvictions =
      Counter.build()
          .name("covington_response_cache_evictions_total")
          .help("Rendered bodies evicted to keep a response cache within its size bound, by API.")
          .labelNames("api")
          .register(registry);

  public ServerMetrics() {
    DefaultExports.register(registry);
    connections.labels("api");
    connections.labels("status");
    graphReloads = new ReloadMetrics<>(registry, "covington_graph", new ReloadMetrics.Wording("graph", false),
        this::describeGraph);
    coreosReloads = new ReloadMetrics<>(registry, "covington_coreos", new ReloadMetrics.Wording("CoreOS streams", true),
        this::describeStreams);
  }

  /** What the OpenShift graph's reloads report. */
  public Reloader.Events<GraphSnapshot> graphReloads() {
    return graphReloads;
  }

  /** What the CoreOS streams' reloads report. */
  public Reloader.Events<CoreOsSnapshot> coreosReloads() {
    return coreosReloads;
  }

  /**
   * Reports {@code covington_change_history_problems}: lines of the change history file that were
   * skipped and writes of it that failed, as {@code problems} counts them.
   */
  public void changeHistory(IntSupplier problems) {
    Gauge.build()
        .name("covington_change_history_problems")
        .help("Lines of the change history file that were skipped, and writes of it that failed (see /status).")
        .register(registry)
        .setChild(new Gauge.Child() {
          @Override
          public double get() {
            return problems.getAsInt();
          }
        });
  }

  /** The registry every metric is on, for components that add metrics of their own. */
  public CollectorRegistry registry() {
    return registry;
  }

  @Override
  public void record(String api, String route, int status, long durationNanos) {
    requests.labels(api, route, Integer.toString(status)).inc();
    requestDuration.labels(api, route).observe(durationNanos / 1e9);
  }

  @Override
  public void cacheRequests(String api, boolean hit, int count) {
    cacheRequests.labels(api, hit ? "hit" : "miss").inc(count);
  }

  @Override
  public void cacheEvictions(String api, int count) {
    cacheEvictions.labels(api).inc(count);
  }

  @Override
  public void connections(String port, int delta) {
    connections.labels(port).inc(delta);
  }

  @Override
  public void connectionClosed(String port, String reason) {
    connectionsClosed.labels(port, reason).inc();
  }

  @Override
  public void shed(String reason) {
    shed.labels(reason).inc();
  }

  @Override
  public void invalidRequest(String port, String kind) {
    invalidRequests.labels(port, kind).inc();
  }

  private void describeGraph(GraphSnapshot snapshot) {
    releases.clear();
    edges.clear();
    conditionalEdges.clear();
    for (Map.Entry<String, GraphStats> entry : snapshot.stats().entrySet()) {
      releases.labels(entry.getKey()).set(entry.getValue().releases());
      edges.labels(entry.getKey()).set(entry.getValue().edges());
      conditionalEdges.labels(entry.getKey()).set(entry.getValue().conditionalEdges());
    }
    signatures.labels("served").set(snapshot.signatures().servedCount());
    signatures.labels("refused").set(snapshot.signatures().refused().size());
  }

  private void describeStreams(CoreOsSnapshot snapshot) {
    coreosReleases.clear();
    for (String stream : snapshot.streams()) {
      for (String arch : snapshot.basearches(stream)) {
        snapshot.graph(stream, arch, Scheme.CHECKSUM).ifPresent(g -> coreosReleases.labels(stream, arch).set(g.nodes().size()));
      }
    }
  }

  /** Counts a CoreOS stream that could not be fetched or read. */
  public void coreosFetchFailed(LoadProblem problem) {
    coreosFetchErrors.labels(problem.kind()).inc();
  }

  /** Every metric in the Prometheus text format 0.0.4. */
  public String scrape() {
    graphReloads.refreshAge();
    coreosReloads.refreshAge();
    StringWriter out = new StringWriter(16384);
    try {
      TextFormat.write004(out, registry.metricFamilySamples());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  public static String contentType() {
    return TextFormat.CONTENT_TYPE_004;
  }
}
