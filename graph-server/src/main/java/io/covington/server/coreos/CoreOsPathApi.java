package io.covington.server.coreos;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.covington.graph.coreos.CoreOsGraph;
import io.covington.graph.coreos.CoreOsSnapshot;
import io.covington.policy.coreos.ClientWariness;
import io.covington.policy.coreos.StreamPaths;
import io.covington.server.http.AcceptNegotiator;
import io.covington.server.http.Api;
import io.covington.server.http.ApiError;
import io.covington.server.http.Responses;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

  private static final JsonFactory JSON = new JsonFactory();

  private final String prefix;
  private final CoreOsHolder snapshots;
  private final Clock clock;
  private final AcceptNegotiator jsonTypes = AcceptNegotiator.forJson();

  public CoreOsPathApi(String prefix, CoreOsHolder snapshots, Clock clock) {
    this.prefix = prefix;
    this.snapshots = snapshots;
    this.clock = clock;
  }

  @Override
  public String metricsLabel() {
    return CoreOsApi.METRICS_LABEL;
  }

  @Override
  public void addRoutes(Router router) {
    get(router, prefix + "/v1/path", "path", ctx -> answer(ctx, false));
    get(router, prefix + "/v1/explain", "explain", ctx -> answer(ctx, true));
  }

  private void answer(RoutingContext ctx, boolean explain) {
    Optional<String> type = jsonTypes.negotiateOrReject(ctx);
    if (type.isEmpty()) {
      return;
    }
    MultiMap params;
    CoreOsQuery query;
    try {
      params = ctx.queryParams();
      query = CoreOsQuery.parse(params);
    } catch (CoreOsQuery.InvalidQuery e) {
      e.error().send(ctx);
      return;
    } catch (RuntimeException e) {
      ApiError.invalidQuery("the query string cannot be decoded").send(ctx);
      return;
    }
    String from = params.get("from");
    String to = params.get("to");
    if (from == null || (explain && to == null)) {
      ApiError.missingParams(from == null ? (explain && to == null ? "from, to" : "from") : "to").send(ctx);
      return;
    }
    Optional<CoreOsSnapshot> snapshot = snapshots.current();
    if (snapshot.isEmpty()) {
      ApiError.notReady().send(ctx);
      return;
    }
    Optional<CoreOsGraph> graph = snapshot.get().graph(query.stream(), query.basearch(), query.scheme());
    if (graph.isEmpty()) {
      new ApiError(404, snapshot.get().stream(query.stream()).isEmpty() ? "unknown_stream" : "unknown_basearch",
          "no graph for stream " + query.stream() + " on " + query.basearch()).send(ctx);
      return;
    }
    double wariness = query.rolloutWariness().isEmpty() && query.nodeUuid().isEmpty()
        ? 0.0
        : ClientWariness.of(query.rolloutWariness(), query.nodeUuid());
    Instant now = clock.instant();
    try {
      byte[] body = explain
          ? explanation(StreamPaths.explain(graph.get(), wariness, now, from, to), wariness)
          : plan(StreamPaths.plan(graph.get(), wariness, now, from, Optional.ofNullable(to)), wariness);
      Responses.end(ctx, 200, type.get(), body);
    } catch (StreamPaths.UnknownVersion e) {
      new ApiError(404, "unknown_version", e.getMessage()).send(ctx);
    }
  }

  static byte[] plan(StreamPaths.Plan plan, double wariness) {
    return write(g -> {
      g.writeStringField("stream", plan.stream());
      g.writeStringField("basearch", plan.basearch());
      g.writeStringField("from", plan.from());
      g.writeStringField("to", plan.target());
      g.writeNumberField("wariness", wariness);
      g.writeBooleanField("reachable", plan.reachable());
      g.writeNumberField("hopCount", plan.hops().size());
      g.writeArrayFieldStart("hops");
      for (StreamPaths.Hop hop : plan.hops()) {
        g.writeStartObject();
        g.writeStringField("from", hop.from());
        g.writeStringField("to", hop.to());
        g.writeEndObject();
      }
      g.writeEndArray();
    });
  }

  static byte[] explanation(StreamPaths.Explanation e, double wariness) {
    return write(g -> {
      g.writeStringField("stream", e.stream());
      g.writeStringField("basearch", e.basearch());
      g.writeStringField("from", e.from());
      g.writeStringField("to", e.to());
      g.writeNumberField("wariness", wariness);
      g.writeStringField("offered", e.offered() ? "offered" : "not_offered");
      g.writeArrayFieldStart("reasons");
      for (StreamPaths.Reason r : e.reasons()) {
        g.writeStartObject();
        g.writeStringField("kind", r.kind());
        g.writeStringField("description", r.description());
        g.writeEndObject();
      }
      g.writeEndArray();
    });
  }

  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] write(Fields fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
