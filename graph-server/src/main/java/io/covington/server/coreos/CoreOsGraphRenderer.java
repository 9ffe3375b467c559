package io.covington.server.coreos;

import io.covington.graph.coreos.CoreOsEdge;
import io.covington.graph.coreos.CoreOsGraph;
import io.covington.graph.coreos.CoreOsNode;
import io.covington.policy.coreos.ServedCoreOsGraph;
import io.covington.server.http.JsonBody;
import java.util.Map;
import java.util.Set;

/**
 * Renders a CoreOS graph as the graph API body Zincati reads:
 * {@code {"nodes":[{"version","metadata","payload"}],"edges":[[i,j]]}} and nothing else.
 * Linear in the size of the graph; thread-safe.
 */
final class CoreOsGraphRenderer {

  private CoreOsGraphRenderer() {}

  /** The body for {@code graph} as is (UTF-8 JSON). */
  public static byte[] render(CoreOsGraph graph) {
    return render(graph, Set.of());
  }

  /** The body one request is served: the stream graph without the edges into the rollouts hidden from it. */
  public static byte[] render(ServedCoreOsGraph served) {
    return render(served.graph(), served.hiddenTargets());
  }

  /**
   * The body for {@code graph} without the edges into {@code hiddenTargets} (node indexes, as
   * computed by the rollout policy); every node is kept.
   */
  public static byte[] render(CoreOsGraph graph, Set<Integer> hiddenTargets) {
    return JsonBody.object(256 + graph.nodes().size() * 256, json -> {
      json.writeArrayFieldStart("nodes");
      for (CoreOsNode node : graph.nodes()) {
        json.writeStartObject();
        json.writeStringField("version", node.version());
        json.writeObjectFieldStart("metadata");
        for (Map.Entry<String, String> entry : node.metadata().entrySet()) {
          json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
        json.writeStringField("payload", node.payload());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeArrayFieldStart("edges");
      for (CoreOsEdge edge : graph.edges()) {
        if (!hiddenTargets.contains(edge.to())) {
          json.writeStartArray();
          json.writeNumber(edge.from());
          json.writeNumber(edge.to());
          json.writeEndArray();
        }
      }
      json.writeEndArray();
    });
  }
}
