package io.covington.server.coreos;

import io.covington.graph.coreos.CoreOsGraph;
import io.covington.graph.coreos.CoreOsSnapshot;
import io.covington.policy.coreos.ClientWariness;
import io.covington.policy.coreos.RolloutPolicy;
import io.covington.policy.coreos.ServedCoreOsGraph;
import io.covington.server.cache.CachedResponses;
import io.covington.server.cache.RenderedResponse;
import io.covington.server.cache.ResponseCache;
import io.covington.server.http.AcceptNegotiator;
import io.covington.server.http.Api;
import io.covington.server.http.ApiError;
import io.covington.server.openshift.OpenApiDocument;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Optional;

/**
 * The CoreOS graph API, as Zincati expects it: {@code {prefix}/v1/graph?basearch=&stream=} with
 * optional {@code rollout_wariness}, {@code node_uuid} and {@code oci}. Rollouts are throttled
 * against the request time and the client's wariness; everything else comes from the snapshot, and the
 * bodies from a per-snapshot {@link ResponseCache}.
 *
 * <p>Checked in this order: {@code Accept} (406), parameters (400), a loaded snapshot (503), a
 * known stream and base architecture (404). Handlers never block.
 */
public final class CoreOsApi implements Api {

  public static final String DEFAULT_PREFIX = "";
  static final String METRICS_LABEL = "coreos";

  private final String prefix;
  private final CoreOsHolder snapshots;
  private final Clock clock;
  private final AcceptNegotiator jsonTypes = AcceptNegotiator.forJson();
  private final OpenApiDocument openApi;
  private final RenderedResponse openApiBody;
  private final ResponseCache<CoreOsSnapshot, ServedCoreOsGraph.CacheKey> cache;

  /**
   * @param prefix the path prefix, empty or starting with {@code /} and not ending with it
   * @param clock the time rollouts are throttled against
   * @param cache the rendered bodies, per (stream, basearch, scheme, hidden rollouts)
   */
  public CoreOsApi(
      String prefix, CoreOsHolder snapshots, Clock clock, ResponseCache<CoreOsSnapshot, ServedCoreOsGraph.CacheKey> cache) {
    this.prefix = prefix;
    this.snapshots = snapshots;
    this.clock = clock;
    this.openApi = OpenApiDocument.of(CoreOsApi.class, "coreos-openapi.json", prefix);
    this.openApiBody = RenderedResponse.of(openApi.jsonShared());
    this.cache = cache;
    snapshots.onPublish(cache::publish);
    snapshots.current().ifPresent(cache::publish);
  }

  @Override
  public String metricsLabel() {
    return METRICS_LABEL;
  }

  /** The path of the graph endpoint, to check it does not collide with another API's. */
  public String graphPath() {
    return prefix + "/v1/graph";
  }

  @Override
  public void addRoutes(Router router) {
    get(router, graphPath(), "graph", this::graph);
    get(router, prefix + "/v1/openapi", "openapi",
        ctx -> jsonTypes.negotiateOrReject(ctx).ifPresent(type -> CachedResponses.send(ctx, type, openApiBody)));
  }

  /** The OpenAPI document of this API, for tests and tools. */
  public OpenApiDocument openApi() {
    return openApi;
  }

  private void graph(RoutingContext ctx) {
    Optional<String> contentType = jsonTypes.negotiateOrReject(ctx);
    if (contentType.isEmpty()) {
      return;
    }
    CoreOsQuery query;
    try {
      query = CoreOsQuery.parse(params(ctx));
    } catch (CoreOsQuery.InvalidQuery e) {
      e.error().send(ctx);
      return;
    }
    Optional<CoreOsSnapshot> snapshot = snapshots.current();
    if (snapshot.isEmpty()) {
      ApiError.notReady().send(ctx);
      return;
    }
    Optional<CoreOsGraph> graph = snapshot.get().graph(query.stream(), query.basearch(), query.scheme());
    if (graph.isEmpty()) {
      unknown(snapshot.get(), query).send(ctx);
      return;
    }
    double wariness = ClientWariness.of(query.rolloutWariness(), query.nodeUuid());
    // Per request only the hidden set is computed (O(rollouts)); the body comes from the cache.
    ServedCoreOsGraph served = RolloutPolicy.serve(graph.get(), wariness, clock.instant());
    CachedResponses.send(ctx, contentType.get(), cache.get(snapshot.get(), served.cacheKey(), served::render));
  }

  private static ApiError unknown(CoreOsSnapshot snapshot, CoreOsQuery query) {
    if (snapshot.stream(query.stream()).isEmpty()) {
      return new ApiError(
          404, "unknown_stream", "unknown stream \"" + query.stream() + "\"; served streams: " + String.join(", ", snapshot.streams()));
    }
    return new ApiError(
        404,
        "unknown_basearch",
        "unknown basearch \"" + query.basearch() + "\" for stream " + query.stream()
            + "; served: " + String.join(", ", snapshot.basearches(query.stream())));
  }

  private static MultiMap params(RoutingContext ctx) throws CoreOsQuery.InvalidQuery {
    try {
      return ctx.queryParams();
    } catch (RuntimeException e) {
      throw new CoreOsQuery.InvalidQuery(ApiError.invalidQuery("the query string cannot be decoded"));
    }
  }
}
