package io.covington.server.openshift;

import com.fasterxml.jackson.core.JsonGenerator;
import io.covington.graph.input.BlockedEdge;
import io.covington.graph.model.ChannelGraph;
import io.covington.graph.model.Release;
import io.covington.graph.snapshot.ArchGraph;
import io.covington.graph.snapshot.EdgeRemoval;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.server.http.JsonBody;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Renders the body of {@code /v1/blocked}: {@code {"channel","arch","removals":[…]}}, the updates
 * release metadata declared between two releases of a channel that the server does not offer and
 * what removed each. A pure function of the snapshot.
 */
final class BlockedEdgesRenderer {

  private BlockedEdgesRenderer() {}

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
    return JsonBody.object(256 + 200 * removals.size(), g -> {
      g.writeStringField("channel", channel);
      g.writeStringField("arch", arch);
      g.writeArrayFieldStart("removals");
      for (EdgeRemoval removal : removals) {
        write(g, removal, arch);
      }
      g.writeEndArray();
    });
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
