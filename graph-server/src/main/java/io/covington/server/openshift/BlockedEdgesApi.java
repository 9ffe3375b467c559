package io.covington.server.openshift;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.covington.graph.input.BlockedEdge;
import io.covington.graph.model.ChannelGraph;
import io.covington.graph.model.Release;
import io.covington.graph.snapshot.ArchGraph;
import io.covington.graph.snapshot.EdgeRemoval;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.server.http.AcceptNegotiator;
import io.covington.server.http.Api;
import io.covington.server.http.ApiError;
import io.covington.server.http.Responses;
import io.covington.server.load.SnapshotHolder;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code {prefix}/v1/blocked?channel=&arch=}: the updates release metadata declared between two
 * releases of a channel that the server does not offer, each with what removed it (a {@code
 * blocked-edges/} file, edge-editing metadata, a cycle) and the file that said so. Read-only and
 * not used by clusters; the dashboard draws these edges on request.
 */
public final class BlockedEdgesApi implements Api {

  private static final JsonFactory JSON = new JsonFactory();

  private final String prefix;
  private final SnapshotHolder snapshots;
  private final AcceptNegotiator jsonTypes = AcceptNegotiator.forJson();

  public BlockedEdgesApi(String prefix, SnapshotHolder snapshots) {
    this.prefix = prefix;
    this.snapshots = snapshots;
  }

  @Override
  public String metricsLabel() {
    return OpenShiftApi.METRICS_LABEL;
  }

  @Override
  public void addRoutes(Router router) {
    get(router, prefix + "/v1/blocked", "blocked", this::blocked);
  }

  private void blocked(RoutingContext ctx) {
    Optional<String> type = jsonTypes.negotiateOrReject(ctx);
    if (type.isEmpty()) {
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
    Responses.end(ctx, 200, type.get(), render(snapshot.get(), query.channel(), query.arch()));
  }

  /**
   * The removals whose both ends are releases of the channel on {@code arch}; empty for an unknown
   * channel or architecture. Linear in the architecture's removals.
   */
  static byte[] render(GraphSnapshot snapshot, String channel, String arch) {
    ChannelGraph graph = snapshot.channel(channel, arch).orElseGet(() -> ChannelGraph.empty(channel, arch));
    Set<String> ids = new HashSet<>();
    for (Release release : graph.nodes()) {
      ids.add(release.id());
    }
    List<EdgeRemoval> removals =
        snapshot.archGraph(arch).map(ArchGraph::removals).orElse(List.of()).stream()
            .filter(r -> ids.contains(r.fromId()) && ids.contains(r.toId()))
            .toList();
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 200 * removals.size());
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("channel", channel);
      g.writeStringField("arch", arch);
      g.writeArrayFieldStart("removals");
      for (EdgeRemoval removal : removals) {
        write(g, removal, arch);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void write(JsonGenerator g, EdgeRemoval removal, String arch) throws IOException {
    g.writeStartObject();
    g.writeStringField("from", version(removal.fromId(), arch));
    g.writeStringField("to", version(removal.toId(), arch));
    g.writeStringField("fromId", removal.fromId());
    g.writeStringField("toId", removal.toId());
    g.writeStringField("reason", removal.reason());
    g.writeStringField("source", removal.source());
    if (removal.message().isPresent()) {
      g.writeStringField("message", removal.message().get());
    }
    if (removal.release().isPresent()) {
      g.writeStringField("release", removal.release().get());
    }
    g.writeArrayFieldStart("blocks");
    for (BlockedEdge block : removal.blocks()) {
      g.writeStartObject();
      g.writeStringField("source", block.source());
      g.writeStringField("to", block.to());
      g.writeStringField("fromPattern", block.from().pattern());
      if (block.message().isPresent()) {
        g.writeStringField("message", block.message().get());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** {@code 4.16.3} from the release id {@code 4.16.3+amd64}. */
  private static String version(String id, String arch) {
    String suffix = "+" + arch;
    return id.endsWith(suffix) ? id.substring(0, id.length() - suffix.length()) : id;
  }
}
