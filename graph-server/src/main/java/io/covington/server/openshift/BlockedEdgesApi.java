package io.covington.server.openshift;

import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.server.cache.ResponseCache;
import io.covington.server.http.AcceptNegotiator;
import io.covington.server.http.Api;
import io.covington.server.http.Bodies;
import io.covington.server.http.QueryPool;
import io.covington.server.reload.Served;
import io.vertx.ext.web.Router;

/**
 * {@code {prefix}/v1/blocked?channel=&arch=}: the updates release metadata declared between two
 * releases of a channel that the server does not offer, each with what removed it (a {@code
 * blocked-edges/} file, edge-editing metadata, a cycle) and the file that said so. Read-only and
 * not used by clusters; the dashboard draws these edges on request. Each channel's body is
 * rendered once per snapshot, on the query pool, when first asked for, and kept with its ETag and
 * gzip bytes like a graph body.
 */
public final class BlockedEdgesApi implements Api {

  private static final AcceptNegotiator JSON_TYPES = AcceptNegotiator.forJson();

  private final String prefix;
  private final Served<GraphSnapshot> served;
  private final Served.PerSnapshot<GraphSnapshot, ResponseCache<GraphQuery>> bodies;

  private final QueryPool queries;

  public BlockedEdgesApi(String prefix, Served<GraphSnapshot> served, ResponseCache.Settings caches, QueryPool queries) {
    this.prefix = prefix;
    this.served = served;
    this.queries = queries;
    this.bodies = served.perSnapshot(snapshot -> caches.create(OpenShiftApi.METRICS_LABEL));
  }

  @Override
  public String metricsLabel() {
    return OpenShiftApi.METRICS_LABEL;
  }

  @Override
  public void addRoutes(Router router) {
    get(router, prefix + "/v1/blocked", "blocked", JSON_TYPES, GraphQuery::decode, served, this::blocked);
  }

  private void blocked(Request<GraphQuery, GraphSnapshot> request) {
    GraphQuery query = request.query();
    GraphSnapshot snapshot = request.snapshot();
    if (snapshot.channel(query.channel(), query.arch()).isEmpty()) {
      // Not cached: clients choose channel names; the body of an unknown one is tiny.
      Bodies.send(request.ctx(), 200, request.contentType(), BlockedEdgesRenderer.render(snapshot, query.channel(), query.arch()));
      return;
    }
    Bodies.cached(request.ctx(), request.contentType(), request.served().get(bodies)
        .get(query, () -> BlockedEdgesRenderer.render(snapshot, query.channel(), query.arch()), queries));
  }
}
