package io.covington.server.path;

import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.policy.path.AcceptedRisks;
import io.covington.policy.path.PathIndex;
import io.covington.policy.path.PathQueryException;
import io.covington.policy.path.PathRequest;
import io.covington.policy.path.SafePathPlanner;
import io.covington.policy.path.UpdateExplainer;
import io.covington.server.http.AcceptNegotiator;
import io.covington.server.http.Api;
import io.covington.server.http.ApiError;
import io.covington.server.http.Responses;
import io.covington.server.load.SnapshotHolder;
import io.covington.server.openshift.GraphQuery;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code {prefix}/v1/path} (the safest, shortest way from one release to another in a channel) and
 * {@code {prefix}/v1/explain} (why a direct update is or is not offered). Planning runs on a
 * worker thread: the first query of a channel builds its index, and a cut analysis can take
 * milliseconds.
 */
public final class PathApi implements Api {

  static final String METRICS_LABEL = "openshift";
  private static final int MAX_VERSION_LENGTH = 256;

  private final String prefix;
  private final SnapshotHolder snapshots;
  private final Vertx vertx;
  private final AcceptNegotiator jsonTypes = AcceptNegotiator.forJson();
  private final AtomicReference<PathIndex> index = new AtomicReference<>();

  public PathApi(String prefix, SnapshotHolder snapshots, Vertx vertx) {
    this.prefix = prefix;
    this.snapshots = snapshots;
    this.vertx = vertx;
  }

  @Override
  public String metricsLabel() {
    return METRICS_LABEL;
  }

  @Override
  public void addRoutes(Router router) {
    get(router, prefix + "/v1/path", "path", this::path);
    get(router, prefix + "/v1/explain", "explain", this::explain);
  }

  /** The path index of the snapshot, made once per snapshot (it caches per channel inside). */
  private PathIndex indexOf(GraphSnapshot snapshot) {
    return index.updateAndGet(current -> current != null && current.snapshot() == snapshot ? current : PathIndex.of(snapshot));
  }

  private void path(RoutingContext ctx) {
    answer(ctx, (snapshot, params) -> {
      PathRequest request = PathRequest.of(params.channel(), params.arch(), params.from(), params.to())
          .accepting(params.accepted());
      return PathJson.plan(new SafePathPlanner(indexOf(snapshot)).plan(request));
    }, false);
  }

  private void explain(RoutingContext ctx) {
    answer(ctx, (snapshot, params) -> PathJson.explanation(
        new UpdateExplainer(indexOf(snapshot)).explain(params.channel(), params.arch(), params.from(), params.to().orElseThrow())), true);
  }

  private interface Query {
    byte[] run(GraphSnapshot snapshot, PathParams params) throws PathQueryException;
  }

  /** The validated parameters of a path or explain query. */
  record PathParams(String channel, String arch, String from, Optional<String> to, AcceptedRisks accepted) {}

  private void answer(RoutingContext ctx, Query query, boolean toRequired) {
    Optional<String> type = jsonTypes.negotiateOrReject(ctx);
    if (type.isEmpty()) {
      return;
    }
    PathParams params;
    try {
      params = parse(ctx, toRequired);
    } catch (GraphQuery.InvalidQuery e) {
      e.error().send(ctx);
      return;
    }
    Optional<GraphSnapshot> snapshot = snapshots.current();
    if (snapshot.isEmpty()) {
      ApiError.notReady().send(ctx);
      return;
    }
    vertx.executeBlocking(() -> {
      try {
        return (Object) query.run(snapshot.get(), params);
      } catch (PathQueryException e) {
        return error(e);
      }
    }, false).onComplete(done -> {
      if (done.failed()) {
        ctx.fail(done.cause());
      } else if (done.result() instanceof ApiError error) {
        error.send(ctx);
      } else {
        Responses.end(ctx, 200, type.get(), (byte[]) done.result());
      }
    });
  }

  static ApiError error(PathQueryException e) {
    int status = e.kind() == PathQueryException.Kind.VERSION_NOT_IN_CHANNEL ? 400 : 404;
    return new ApiError(status, e.kind().wireName(), e.getMessage());
  }

  private static PathParams parse(RoutingContext ctx, boolean toRequired) throws GraphQuery.InvalidQuery {
    MultiMap params = GraphQuery.params(ctx);
    String from = params.get("from");
    String to = params.get("to");
    String channel = params.get("channel");
    StringBuilder missing = new StringBuilder();
    for (String[] p : new String[][] {{"channel", channel}, {"from", from}, {"to", toRequired ? to : ""}}) {
      if (p[1] == null) {
        missing.append(missing.length() == 0 ? "" : ", ").append(p[0]);
      }
    }
    if (missing.length() > 0) {
      throw new GraphQuery.InvalidQuery(ApiError.missingParams(missing.toString()));
    }
    GraphQuery graph = GraphQuery.parse(params);
    checkVersion("from", from);
    if (to != null) {
      checkVersion("to", to);
    }
    return new PathParams(graph.channel(), graph.arch(), from, Optional.ofNullable(to), accepted(params.get("acceptRisks")));
  }

  private static void checkVersion(String name, String value) throws GraphQuery.InvalidQuery {
    if (value.isEmpty() || value.length() > MAX_VERSION_LENGTH) {
      throw new GraphQuery.InvalidQuery(new ApiError(400, "invalid_params",
          "invalid client parameters: " + name + " must be a release version of 1 to " + MAX_VERSION_LENGTH + " characters"));
    }
  }

  /** {@code acceptRisks}: a comma-separated list of risk names, or {@code all}. */
  static AcceptedRisks accepted(String value) {
    if (value == null || value.isBlank()) {
      return AcceptedRisks.none();
    }
    if (value.trim().equals("all")) {
      return AcceptedRisks.all();
    }
    return AcceptedRisks.of(Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
  }
}
