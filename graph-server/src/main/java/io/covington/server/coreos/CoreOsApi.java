package io.covington.server.coreos;

import io.covington.graph.coreos.CoreOsGraph;
import io.covington.graph.coreos.CoreOsSnapshot;
import io.covington.policy.coreos.ClientWariness;
import io.covington.policy.coreos.RolloutPolicy;
import io.covington.policy.coreos.ServedCoreOsGraph;
import io.covington.server.cache.RenderedResponse;
import io.covington.server.cache.ResponseCache;
import io.covington.server.http.AcceptNegotiator;
import io.covington.server.http.Api;
import io.covington.server.http.Bodies;
import io.covington.server.http.ClientError;
import io.covington.server.openshift.OpenApiDocument;
import io.covington.server.reload.Served;
import io.vertx.ext.web.Router;
import java.time.Clock;

/**
 * The CoreOS graph API, as Zincati expects it: {@code {prefix}/v1/graph?basearch=&stream=} with
 * optional {@code rollout_wariness}, {@code node_uuid} and {@code oci}. Rollouts are throttled
 * against the request time and the client's wariness; everything else comes from the snapshot, and
 * the bodies from its response cache.
 *
 * <p>Checked in this order: {@code Accept} (406), parameters (400), a loaded snapshot (503), a
 * known stream and base architecture (404). Handlers never block.
 */
public final class CoreOsApi implements Api {

  public static final String DEFAULT_PREFIX = "";
  static final String METRICS_LABEL = "coreos";
  static final AcceptNegotiator JSON_TYPES = AcceptNegotiator.forJson();

  private final String prefix;
  private final Served<CoreOsSnapshot> served;
  private final Clock clock;
  private final OpenApiDocument openApi;
  private final RenderedResponse openApiBody;
  private final Served.PerSnapshot<CoreOsSnapshot, ResponseCache<ServedCoreOsGraph.CacheKey>> bodies;

  /**
   * @param prefix the path prefix, empty or starting with {@code /} and not ending with it
   * @param clock the time rollouts are throttled against
   * @param caches how each snapshot's cache of bodies, per (stream, basearch, scheme, hidden rollouts), is made
   */
  public CoreOsApi(String prefix, Served<CoreOsSnapshot> served, Clock clock, ResponseCache.Settings caches) {
    this.prefix = prefix;
    this.served = served;
    this.clock = clock;
    this.openApi = OpenApiDocument.of(CoreOsApi.class, "coreos-openapi.json", prefix);
    this.openApiBody = RenderedResponse.of(openApi.jsonShared());
    this.bodies = served.perSnapshot(snapshot -> caches.create(METRICS_LABEL));
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
    get(router, graphPath(), "graph", JSON_TYPES, CoreOsQuery::decode, served, this::graph);
    get(router, prefix + "/v1/openapi", "openapi", ctx -> Bodies.cached(ctx, JSON_TYPES.require(ctx), openApiBody));
  }

  /** The OpenAPI document of this API, for tests and tools. */
  public OpenApiDocument openApi() {
    return openApi;
  }

  private void graph(Request<CoreOsQuery, CoreOsSnapshot> request) {
    CoreOsQuery query = request.query();
    CoreOsGraph graph = graph(request.snapshot(), query);
    double wariness = ClientWariness.of(query.rolloutWariness(), query.nodeUuid());
    // Per request only the hidden set is computed (O(rollouts)); the body comes from the cache.
    ServedCoreOsGraph served = RolloutPolicy.serve(graph, wariness, clock.instant());
    Bodies.cached(request.ctx(), request.contentType(),
        request.served().get(bodies).get(served.cacheKey(), () -> CoreOsGraphRenderer.render(served)));
  }

  /**
   * The graph of the query's stream, base architecture and scheme.
   *
   * @throws ClientError 404 {@code unknown_stream} or {@code unknown_basearch} naming what is served
   */
  static CoreOsGraph graph(CoreOsSnapshot snapshot, CoreOsQuery query) {
    return snapshot.graph(query.stream(), query.basearch(), query.scheme()).orElseThrow(() -> {
      if (snapshot.stream(query.stream()).isEmpty()) {
        return new ClientError(404, "unknown_stream",
            "unknown stream \"" + query.stream() + "\"; served streams: " + String.join(", ", snapshot.streams()));
      }
      return new ClientError(404, "unknown_basearch", "unknown basearch \"" + query.basearch() + "\" for stream "
          + query.stream() + "; served: " + String.join(", ", snapshot.basearches(query.stream())));
    });
  }
}
