package io.covington.server.path;

import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.policy.path.PathIndex;
import io.covington.policy.path.PathQueryException;
import io.covington.policy.path.PathRequest;
import io.covington.policy.path.SafePathPlanner;
import io.covington.policy.path.UpdateExplainer;
import io.covington.server.http.AcceptNegotiator;
import io.covington.server.http.Api;
import io.covington.server.http.ApiError;
import io.covington.server.http.Bodies;
import io.covington.server.http.ClientError;
import io.covington.server.reload.Served;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.concurrent.Callable;

/**
 * {@code {prefix}/v1/path} (the safest, shortest way from one release to another in a channel) and
 * {@code {prefix}/v1/explain} (why a direct update is or is not offered). The path index of every
 * channel is built once per snapshot, before it is served; a query runs on a worker thread, since a
 * cut analysis can take milliseconds.
 */
public final class PathApi implements Api {

  static final String METRICS_LABEL = "openshift";
  private static final AcceptNegotiator JSON_TYPES = AcceptNegotiator.forJson();

  private final String prefix;
  private final Served<GraphSnapshot> served;
  private final Vertx vertx;
  private final Served.PerSnapshot<GraphSnapshot, PathIndex> indexes;

  public PathApi(String prefix, Served<GraphSnapshot> served, Vertx vertx) {
    this.prefix = prefix;
    this.served = served;
    this.vertx = vertx;
    this.indexes = served.perSnapshot(PathIndex::of, (snapshot, index) -> index.warm());
  }

  @Override
  public String metricsLabel() {
    return METRICS_LABEL;
  }

  @Override
  public void addRoutes(Router router) {
    get(router, prefix + "/v1/path", "path", JSON_TYPES, PathQuery::forPath, served, this::path);
    get(router, prefix + "/v1/explain", "explain", JSON_TYPES, PathQuery::forExplain, served, this::explain);
  }

  private void path(Request<PathQuery, GraphSnapshot> request) {
    PathQuery q = request.query();
    PathIndex index = request.served().get(indexes);
    answer(request, () -> PathJson.plan(new SafePathPlanner(index)
        .plan(PathRequest.of(q.channel(), q.arch(), q.from(), q.to()).accepting(q.accepted()))));
  }

  private void explain(Request<PathQuery, GraphSnapshot> request) {
    PathQuery q = request.query();
    PathIndex index = request.served().get(indexes);
    answer(request, () -> PathJson.explanation(
        new UpdateExplainer(index).explain(q.channel(), q.arch(), q.from(), q.to().orElseThrow())));
  }

  /** Runs {@code query} on a worker; a query the snapshot cannot answer is a client error. */
  private void answer(Request<PathQuery, GraphSnapshot> request, Callable<byte[]> query) {
    Bodies.later(request.ctx(), request.contentType(), vertx.executeBlocking(() -> {
      try {
        return query.call();
      } catch (PathQueryException e) {
        throw new ClientError(error(e));
      }
    }, false));
  }

  static ApiError error(PathQueryException e) {
    int status = e.kind() == PathQueryException.Kind.VERSION_NOT_IN_CHANNEL ? 400 : 404;
    return new ApiError(status, e.kind().wireName(), e.getMessage());
  }
}
