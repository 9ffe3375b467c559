package io.covington.server.openshift;

import io.covington.graph.model.ChannelGraph;
import io.covington.graph.snapshot.ChannelSummary;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.server.cache.CachedResponses;
import io.covington.server.cache.RenderedResponse;
import io.covington.server.cache.ResponseCache;
import io.covington.server.http.AcceptNegotiator;
import io.covington.server.http.Api;
import io.covington.server.http.ApiError;
import io.covington.server.load.SnapshotHolder;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The OpenShift / OKD graph API, as the cluster-version-operator expects it: {@code
 * {prefix}/v1/graph} and {@code {prefix}/graph}, plus {@code {prefix}/v1/channels} and the
 * OpenAPI document at {@code {prefix}/v1/openapi} and {@code {prefix}/openapi}.
 *
 * <p>Each request is checked in this order: {@code Accept} (406), mandatory and well-formed
 * parameters (400), a loaded graph (503); then it is answered from the snapshot current when it
 * arrived. Handlers never block: graph and channel bodies come pre-rendered from a per-snapshot
 * {@link ResponseCache} (rendered on a worker on a miss), with ETag, 304 and gzip.
 */
public final class OpenShiftApi implements Api {

  public static final String DEFAULT_PREFIX = "/api/upgrades_info";
  /** Response header naming the snapshot a graph or channel list was answered from. */
  public static final String REVISION_HEADER = "X-Covington-Revision";
  static final String METRICS_LABEL = "openshift";

  private final String prefix;
  private final SnapshotHolder snapshots;
  private final RenderedResponse openApi;
  private final ResponseCache<GraphSnapshot, Object> cache;
  private final AcceptNegotiator graphTypes = AcceptNegotiator.forCincinnatiGraph();
  private final AcceptNegotiator jsonTypes = AcceptNegotiator.forJson();

  /**
   * @param prefix the path prefix, empty or starting with {@code /} and not ending with it
   * @param snapshots where the served graph is read from, once per request
   */
  public OpenShiftApi(String prefix, SnapshotHolder snapshots, ResponseCache<GraphSnapshot, Object> cache) {
    this.prefix = prefix;
    this.snapshots = snapshots;
    this.openApi = RenderedResponse.of(OpenApiDocument.forPrefix(prefix).jsonShared());
    this.cache = cache;
    snapshots.onPublish(this::publish);
    snapshots.current().ifPresent(this::publish);
  }

  /**
   * Starts a new cache for {@code snapshot} and renders every channel's graph and list into it on
   * worker threads, so that pollers do not wait for renders after a reload.
   */
  private void publish(GraphSnapshot snapshot) {
    cache.publish(snapshot);
    for (String arch : snapshot.architectures()) {
      cache.get(snapshot, new ChannelsKey(arch), () -> ChannelsRenderer.render(arch, snapshot.channels(arch)));
      for (ChannelSummary channel : snapshot.channels(arch)) {
        snapshot.channel(channel.name(), arch).ifPresent(graph ->
            cache.get(snapshot, new GraphKey(channel.name(), arch), () -> GraphRenderer.render(graph)));
      }
    }
  }

  /** What a graph body depends on within one snapshot. */
  private record GraphKey(String channel, String arch) {}

  /** What a channels body depends on within one snapshot. */
  private record ChannelsKey(String arch) {}

  /** The body of every unknown channel or architecture. */
  private static final RenderedResponse EMPTY_GRAPH = RenderedResponse.of(GraphRenderer.render(ChannelGraph.empty("", "")));

  @Override
  public String metricsLabel() {
    return METRICS_LABEL;
  }

  @Override
  public void addRoutes(Router router) {
    get(router, prefix + "/v1/graph", "graph", this::graph);
    get(router, prefix + "/graph", "graph", this::graph);
    get(router, prefix + "/v1/channels", "channels", this::channels);
    get(router, prefix + "/v1/openapi", "openapi", this::openApi);
    get(router, prefix + "/openapi", "openapi", this::openApi);
  }


  private void graph(RoutingContext ctx) {
    Optional<String> contentType = graphTypes.negotiateOrReject(ctx);
    if (contentType.isEmpty()) {
      return;
    }
    GraphQuery query;
    try {
      query = GraphQuery.parse(GraphQuery.params(ctx));
    } catch (GraphQuery.InvalidQuery e) {
      e.error().send(ctx);
      return;
    }
    Optional<GraphSnapshot> snapshot = snapshots.current();
    if (snapshot.isEmpty()) {
      ApiError.notReady().send(ctx);
      return;
    }
    ctx.response().putHeader(REVISION_HEADER, snapshot.get().revision());
    Optional<ChannelGraph> graph = snapshot.get().channel(query.channel(), query.arch());
    if (graph.isEmpty()) {
      // Not cached: clients choose channel names, and every unknown one has the same body.
      CachedResponses.send(ctx, contentType.get(), EMPTY_GRAPH);
      return;
    }
    CachedResponses.send(ctx, contentType.get(), cache.get(
        snapshot.get(), new GraphKey(query.channel(), query.arch()), () -> GraphRenderer.render(graph.get())));
  }

  private void channels(RoutingContext ctx) {
    Optional<String> contentType = jsonTypes.negotiateOrReject(ctx);
    if (contentType.isEmpty()) {
      return;
    }
    String arch;
    try {
      arch = GraphQuery.parseArch(GraphQuery.params(ctx));
    } catch (GraphQuery.InvalidQuery e) {
      e.error().send(ctx);
      return;
    }
    Optional<GraphSnapshot> snapshot = snapshots.current();
    if (snapshot.isEmpty()) {
      ApiError.notReady().send(ctx);
      return;
    }
    ctx.response().putHeader(REVISION_HEADER, snapshot.get().revision());
    GraphSnapshot served = snapshot.get();
    if (!served.architectures().contains(arch)) {
      // Not cached: clients choose architecture names; the body is small.
      CachedResponses.send(ctx, contentType.get(), RenderedResponse.of(ChannelsRenderer.render(arch, served.channels(arch))));
      return;
    }
    CachedResponses.send(ctx, contentType.get(),
        cache.get(served, new ChannelsKey(arch), () -> ChannelsRenderer.render(arch, served.channels(arch))));
  }

  private void openApi(RoutingContext ctx) {
    jsonTypes.negotiateOrReject(ctx).ifPresent(type -> CachedResponses.send(ctx, type, openApi));
  }
}
