package io.covington.server.coreos;

import io.covington.graph.coreos.CoreOsGraph;
import io.covington.graph.coreos.CoreOsSnapshot;
import io.covington.policy.coreos.ClientWariness;
import io.covington.policy.coreos.StreamPaths;
import io.covington.server.http.Api;
import io.covington.server.http.Bodies;
import io.covington.server.http.ClientError;
import io.covington.server.http.Query;
import io.covington.server.reload.Served;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Paths and explanations on CoreOS streams: {@code {prefix}/v1/path?stream=&basearch=&from=&to=}
 * and {@code {prefix}/v1/explain?…&to=}, as a node with the given {@code rollout_wariness} (or
 * {@code node_uuid}; 0 — every rollout open — when neither is given) sees the stream now. Stream
 * graphs are small (hundreds of releases), so a query is a breadth-first search on the event loop.
 */
public final class CoreOsPathApi implements Api {

  private final String prefix;
  private final Served<CoreOsSnapshot> served;
  private final Clock clock;

  /** A path or explain query: the stream's query, and the versions. */
  private record PathQuery(CoreOsQuery stream, String from, Optional<String> to) {
    static PathQuery forPath(Query query) {
      CoreOsQuery stream = CoreOsQuery.decode(query);
      return new PathQuery(stream, query.required("from"), query.optional("to"));
    }

    static PathQuery forExplain(Query query) {
      CoreOsQuery stream = CoreOsQuery.decode(query);
      query.require("from", "to");
      return new PathQuery(stream, query.required("from"), query.optional("to"));
    }
  }

  public CoreOsPathApi(String prefix, Served<CoreOsSnapshot> served, Clock clock) {
    this.prefix = prefix;
    this.served = served;
    this.clock = clock;
  }

  @Override
  public String metricsLabel() {
    return CoreOsApi.METRICS_LABEL;
  }

  @Override
  public void addRoutes(Router router) {
    get(router, prefix + "/v1/path", "path", CoreOsApi.JSON_TYPES, PathQuery::forPath, served, r -> answer(r, false));
    get(router, prefix + "/v1/explain", "explain", CoreOsApi.JSON_TYPES, PathQuery::forExplain, served, r -> answer(r, true));
  }

  private void answer(Request<PathQuery, CoreOsSnapshot> request, boolean explain) {
    PathQuery q = request.query();
    CoreOsSnapshot snapshot = request.snapshot();
    CoreOsGraph graph = snapshot.graph(q.stream().stream(), q.stream().basearch(), q.stream().scheme())
        .orElseThrow(() -> new ClientError(404, snapshot.stream(q.stream().stream()).isEmpty() ? "unknown_stream" : "unknown_basearch",
            "no graph for stream " + q.stream().stream() + " on " + q.stream().basearch()));
    double wariness = q.stream().rolloutWariness().isEmpty() && q.stream().nodeUuid().isEmpty()
        ? 0.0
        : ClientWariness.of(q.stream().rolloutWariness(), q.stream().nodeUuid());
    Instant now = clock.instant();
    byte[] body;
    try {
      body = explain
          ? CoreOsPathJson.explanation(StreamPaths.explain(graph, wariness, now, q.from(), q.to().orElseThrow()), wariness)
          : CoreOsPathJson.plan(StreamPaths.plan(graph, wariness, now, q.from(), q.to()), wariness);
    } catch (StreamPaths.UnknownVersion e) {
      throw new ClientError(404, "unknown_version", e.getMessage());
    }
    Bodies.send(request.ctx(), 200, request.contentType(), body);
  }
}
