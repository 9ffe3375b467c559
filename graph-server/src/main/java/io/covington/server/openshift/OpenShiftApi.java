package io.covington.server.openshift;

import io.covington.graph.model.ChannelGraph;
import io.covington.graph.snapshot.ChannelSummary;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.server.cache.RenderedResponse;
import io.covington.server.cache.ResponseCache;
import io.covington.server.http.AcceptNegotiator;
import io.covington.server.http.Api;
import io.covington.server.http.Bodies;
import io.covington.server.reload.Served;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The OpenShift / OKD graph API, as the cluster-version-operator expects it: {@code
 * {prefix}/v1/graph} and {@code {prefix}/graph}, plus {@code {prefix}/v1/channels} and the
 * OpenAPI document at {@code {prefix}/v1/openapi} and {@code {prefix}/openapi}.
 *
 * <p>Graph and channel bodies are rendered once per snapshot into its response cache, every one
 * of them before the snapshot is served, with ETag, 304 and gzip; a request only decodes, looks
 * up and writes.
 */
public final class OpenShiftApi implements Api {

  public static final String DEFAULT_PREFIX = "/api/upgrades_info";
  /** Response header naming the snapshot a graph or channel list was answered from. */
  public static final String REVISION_HEADER = "X-Covington-Revision";
  static final String METRICS_LABEL = "openshift";

  /** The body of every unknown channel or architecture. */
  private static final RenderedResponse EMPTY_GRAPH = RenderedResponse.of(GraphRenderer.render(ChannelGraph.empty("", "")));

  private static final AcceptNegotiator GRAPH_TYPES = AcceptNegotiator.forCincinnatiGraph();
  private static final AcceptNegotiator JSON_TYPES = AcceptNegotiator.forJson();

  private final String prefix;
  private final Served<GraphSnapshot> served;
  private final Served.PerSnapshot<GraphSnapshot, ResponseCache<Object>> bodies;
  private final RenderedResponse openApi;

  /** What a graph body depends on within one snapshot. */
  private record GraphKey(String channel, String arch) {}

  /** What a channels body depends on within one snapshot. */
  private record ChannelsKey(String arch) {}

  /**
   * @param prefix the path prefix, empty or starting with {@code /} and not ending with it
   * @param served the graph being served
   * @param caches how each snapshot's response cache is made
   */
  public OpenShiftApi(String prefix, Served<GraphSnapshot> served, ResponseCache.Settings caches) {
    this.prefix = prefix;
    this.served = served;
    this.openApi = RenderedResponse.of(OpenApiDocument.forPrefix(prefix).jsonShared());
    this.bodies = served.perSnapshot(snapshot -> caches.create(METRICS_LABEL), OpenShiftApi::renderAll);
  }

  /** Renders every channel's graph and list into {@code cache} on the render workers, and waits for them. */
  private static void renderAll(GraphSnapshot snapshot, ResponseCache<Object> cache) {
    List<CompletableFuture<RenderedResponse>> renders = new ArrayList<>();
    for (String arch : snapshot.architectures()) {
      renders.add(cache.get(new ChannelsKey(arch), () -> ChannelsRenderer.render(arch, snapshot.channels(arch))));
      for (ChannelSummary channel : snapshot.channels(arch)) {
        snapshot.channel(channel.name(), arch).ifPresent(graph ->
            renders.add(cache.get(new GraphKey(channel.name(), arch), () -> GraphRenderer.render(graph))));
      }
    }
    CompletableFuture.allOf(renders.toArray(CompletableFuture[]::new)).join();
  }

  @Override
  public String metricsLabel() {
    return METRICS_LABEL;
  }

  @Override
  public void addRoutes(Router router) {
    get(router, prefix + "/v1/graph", "graph", GRAPH_TYPES, GraphQuery::decode, served, this::graph);
    get(router, prefix + "/graph", "graph", GRAPH_TYPES, GraphQuery::decode, served, this::graph);
    get(router, prefix + "/v1/channels", "channels", JSON_TYPES, GraphQuery::arch, served, this::channels);
    get(router, prefix + "/v1/openapi", "openapi", ctx -> Bodies.cached(ctx, JSON_TYPES.require(ctx), openApi));
    get(router, prefix + "/openapi", "openapi", ctx -> Bodies.cached(ctx, JSON_TYPES.require(ctx), openApi));
  }

  private void graph(Request<GraphQuery, GraphSnapshot> request) {
    GraphQuery query = request.query();
    request.ctx().response().putHeader(REVISION_HEADER, request.snapshot().revision());
    Optional<ChannelGraph> graph = request.snapshot().channel(query.channel(), query.arch());
    if (graph.isEmpty()) {
      // Not cached: clients choose channel names, and every unknown one has the same body.
      Bodies.cached(request.ctx(), request.contentType(), EMPTY_GRAPH);
      return;
    }
    Bodies.cached(request.ctx(), request.contentType(), request.served().get(bodies)
        .get(new GraphKey(query.channel(), query.arch()), () -> GraphRenderer.render(graph.get())));
  }

  private void channels(Request<String, GraphSnapshot> request) {
    String arch = request.query();
    GraphSnapshot snapshot = request.snapshot();
    request.ctx().response().putHeader(REVISION_HEADER, snapshot.revision());
    if (!snapshot.architectures().contains(arch)) {
      // Not cached: clients choose architecture names; the body is small.
      Bodies.cached(request.ctx(), request.contentType(), RenderedResponse.of(ChannelsRenderer.render(arch, snapshot.channels(arch))));
      return;
    }
    Bodies.cached(request.ctx(), request.contentType(), request.served().get(bodies)
        .get(new ChannelsKey(arch), () -> ChannelsRenderer.render(arch, snapshot.channels(arch))));
  }
}
