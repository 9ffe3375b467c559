package io.covington.server.status;

import io.covington.graph.input.LoadProblem;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.graph.snapshot.GraphStats;
import io.covington.server.cache.ResponseCache;
import io.covington.server.http.RequestMetrics;
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
import java.util.TreeMap;

/**
 * The server's Prometheus metrics, on a registry of its own (not the JVM-wide default) so that
 * several servers in one JVM, as in tests, do not share counts. Also registers the standard JVM
 * collectors on that registry.
 */
public final class ServerMetrics implements RequestMetrics.Recorder, ResponseCache.Recorder {

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
  private final Gauge lastLoad =
      Gauge.build()
          .name("covington_graph_last_load_timestamp_seconds")
          .help("When the served graph was built, in Unix seconds.")
          .register(registry);
  private final Gauge loadDuration =
      Gauge.build()
          .name("covington_graph_load_duration_seconds")
          .help("How long reading the inputs and building the served graph took.")
          .register(registry);
  private final Gauge loadProblems =
      Gauge.build()
          .name("covington_graph_load_problems")
          .help("Problems found in the inputs of the served graph, by kind.")
          .labelNames("kind")
          .register(registry);

  private final Counter reloads =
      Counter.build()
          .name("covington_graph_reloads_total")
          .help("Attempts to load the graph by outcome: published, unchanged, rejected (failed validation), error (source unreachable).")
          .labelNames("outcome")
          .register(registry);
  private final Histogram reloadDuration =
      Histogram.build()
          .name("covington_graph_reload_duration_seconds")
          .help("Time to fetch, read, build and validate a changed graph, whether published or not.")
          .buckets(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)
          .register(registry);
  private final Gauge reloadFailing =
      Gauge.build()
          .name("covington_graph_reload_failing")
          .help("1 while the newest inputs could not be published (the served graph is older than its inputs), else 0.")
          .register(registry);
  private final Gauge age =
      Gauge.build()
          .name("covington_graph_age_seconds")
          .help("Seconds since the served graph was built; 0 before the first load.")
          .register(registry);
  private volatile double builtAtSeconds = Double.NaN;

  private final Gauge coreosReleases =
      Gauge.build()
          .name("covington_coreos_releases")
          .help("Releases in each served CoreOS stream, by stream and base architecture (checksum scheme).")
          .labelNames("stream", "basearch")
          .register(registry);
  private final Gauge coreosLastLoad =
      Gauge.build()
          .name("covington_coreos_last_load_timestamp_seconds")
          .help("When the served CoreOS streams were last read successfully, in Unix seconds.")
          .register(registry);
  private final Counter coreosFetchErrors =
      Counter.build()
          .name("covington_coreos_fetch_errors_total")
          .help("Failures to fetch or read a CoreOS stream; the stream's last good graph keeps serving.")
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

  /**
   * Describes a newly published snapshot.
   *
   * @param loadSeconds the whole load (reading inputs and building), which includes the build
   */
  public void snapshotLoaded(GraphSnapshot snapshot, double loadSeconds) {
    releases.clear();
    edges.clear();
    conditionalEdges.clear();
    for (Map.Entry<String, GraphStats> entry : snapshot.stats().entrySet()) {
      releases.labels(entry.getKey()).set(entry.getValue().releases());
      edges.labels(entry.getKey()).set(entry.getValue().edges());
      conditionalEdges.labels(entry.getKey()).set(entry.getValue().conditionalEdges());
    }
    loadProblems.clear();
    Map<String, Integer> byKind = new TreeMap<>();
    for (LoadProblem problem : snapshot.problems()) {
      byKind.merge(problem.kind(), 1, Integer::sum);
    }
    byKind.forEach((kind, count) -> loadProblems.labels(kind).set(count));
    builtAtSeconds = snapshot.builtAt().toEpochMilli() / 1000.0;
    lastLoad.set(builtAtSeconds);
    loadDuration.set(loadSeconds);
  }

  /**
   * Counts one attempt to load the graph.
   *
   * @param outcome {@code published}, {@code unchanged}, {@code rejected} or {@code error}
   * @param seconds how long an attempt that found changed inputs took
   */
  public void reloadAttempted(String outcome, java.util.Optional<Double> seconds) {
    reloads.labels(outcome).inc();
    seconds.ifPresent(reloadDuration::observe);
    if (outcome.equals("published")) {
      reloadFailing.set(0);
    } else if (!outcome.equals("unchanged")) {
      reloadFailing.set(1);
    }
  }

  /** Describes newly published CoreOS streams. */
  public void coreosLoaded(io.covington.graph.coreos.CoreOsSnapshot snapshot) {
    coreosReleases.clear();
    for (String stream : snapshot.streams()) {
      for (String arch : snapshot.basearches(stream)) {
        snapshot.graph(stream, arch, io.covington.graph.coreos.Scheme.CHECKSUM)
            .ifPresent(g -> coreosReleases.labels(stream, arch).set(g.nodes().size()));
      }
    }
    coreosLastLoad.setToCurrentTime();
  }

  /** Counts a CoreOS stream that could not be fetched or read. */
  public void coreosFetchFailed(LoadProblem problem) {
    coreosFetchErrors.labels(problem.kind()).inc();
  }

  /** Every metric in the Prometheus text format 0.0.4. */
  public String scrape() {
    if (!Double.isNaN(builtAtSeconds)) {
      age.set(System.currentTimeMillis() / 1000.0 - builtAtSeconds);
    }
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
