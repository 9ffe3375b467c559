package io.covington.server.path;

import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.policy.path.PathIndex;
import io.covington.policy.path.PathQueryException;
import io.covington.policy.path.PathRequest;
import io.covington.policy.path.SafePathPlanner;
import io.covington.policy.path.UpdateExplainer;
import io.covington.policy.path.UpdatePlanner;
import io.covington.server.cache.ResponseCache;
import io.covington.server.http.AcceptNegotiator;
import io.covington.server.http.Api;
import io.covington.server.http.ApiError;
import io.covington.server.http.Bodies;
import io.covington.server.http.ClientError;
import io.covington.server.http.QueryPool;
import io.covington.server.reload.Served;
import io.vertx.ext.web.Router;

/**
 * {@code {prefix}/v1/path} (the safest, shortest way from one release to another in a channel) and
 * {@code {prefix}/v1/explain} (why a direct update is or is not offered) and {@code {prefix}/v1/plan}
 * (the whole update across channels, with its commands). The path index of every
 * channel is built once per snapshot, before it is served; each answer is computed once per
 * snapshot and query on the bounded {@link QueryPool} (a cut analysis can take milliseconds) and
 * kept with its ETag and gzip bytes like a graph body.
 */
public final class PathApi implements Api {

  static final String METRICS_LABEL = "openshift";
  private static final AcceptNegotiator JSON_TYPES = AcceptNegotiator.forJson();

  private final String prefix;
  private final Served<GraphSnapshot> served;
  private final Served.PerSnapshot<GraphSnapshot, PathIndex> indexes;
  private final Served.PerSnapshot<GraphSnapshot, ResponseCache<Key>> bodies;
  private final QueryPool queries;

  /** A body within one snapshot: which question about which query. */
  private record Key(String question, Record query) {}

  /**
   * @param caches how each snapshot's cache of answers is made
   * @param queries where answers are computed: a bounded pool of their own
   */
  public PathApi(String prefix, Served<GraphSnapshot> served, ResponseCache.Settings caches, QueryPool queries) {
    this.prefix = prefix;
    this.served = served;
    this.queries = queries;
    this.indexes = served.perSnapshot(PathIndex::of, (snapshot, index) -> index.warm(), Served.Warm.AFTER_PUBLICATION);
    this.bodies = served.perSnapshot(snapshot -> caches.create(METRICS_LABEL));
  }

  @Override
  public String metricsLabel() {
    return METRICS_LABEL;
  }

  @Override
  public void addRoutes(Router router) {
    get(router, prefix + "/v1/path", "path", JSON_TYPES, PathQuery::forPath, served, this::path);
    get(router, prefix + "/v1/explain", "explain", JSON_TYPES, PathQuery::forExplain, served, this::explain);
    get(router, prefix + "/v1/plan", "plan", JSON_TYPES, PlanQuery::decode, served, this::plan);
  }

  private void path(Request<PathQuery, GraphSnapshot> request) {
    PathQuery q = request.query();
    PathIndex index = request.served().get(indexes);
    answer(request, "path", q, () -> PathJson.plan(new SafePathPlanner(index)
        .plan(PathRequest.of(q.channel(), q.arch(), q.from(), q.to()).accepting(q.accepted()))));
  }

  private void explain(Request<PathQuery, GraphSnapshot> request) {
    PathQuery q = request.query();
    PathIndex index = request.served().get(indexes);
    answer(request, "explain", q, () -> PathJson.explanation(
        new UpdateExplainer(index).explain(q.channel(), q.arch(), q.from(), q.to().orElseThrow())));
  }

  private void plan(Request<PlanQuery, GraphSnapshot> request) {
    PlanQuery q = request.query();
    PathIndex index = request.served().get(indexes);
    answer(request, "plan", q, () -> PlanJson.plan(new UpdatePlanner(index).plan(q.request())));
  }

  /**
   * Answers from the snapshot's cache, computing on the query pool on a miss (once per snapshot
   * and query); a query the snapshot cannot answer is a client error, and is not kept.
   */
  private void answer(Request<?, GraphSnapshot> request, String question, Record key, Answer query) {
    Bodies.cached(request.ctx(), request.contentType(), request.served().get(bodies).get(new Key(question, key), () -> {
      try {
        return query.body();
      } catch (PathQueryException e) {
        throw new ClientError(error(e));
      }
    }, queries));
  }

  /** Computes an answer. */
  @FunctionalInterface
  private interface Answer {
    byte[] body() throws PathQueryException;
  }

  static ApiError error(PathQueryException e) {
    int status = e.kind().notFound() ? 404 : 400;
    return new ApiError(status, e.kind().wireName(), e.getMessage());
  }
}
