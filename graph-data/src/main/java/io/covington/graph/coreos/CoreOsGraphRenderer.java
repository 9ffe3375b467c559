package io.covington.graph.coreos;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

/**
 * Renders a CoreOS graph as the graph API body Zincati reads:
 * {@code {"nodes":[{"version","metadata","payload"}],"edges":[[i,j]]}} and nothing else.
 * Linear in the size of the graph; thread-safe.
 */
public final class CoreOsGraphRenderer {

  private static final JsonFactory JSON = new JsonFactory();

  private CoreOsGraphRenderer() {}

  /** The body for {@code graph} as is (UTF-8 JSON). */
  public static byte[] render(CoreOsGraph graph) {
    return render(graph, Set.of());
  }

  /**
   * The body for {@code graph} without the edges into {@code hiddenTargets} (node indexes, as
   * computed by the rollout policy); every node is kept.
   */
  public static byte[] render(CoreOsGraph graph, Set<Integer> hiddenTargets) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + graph.nodes().size() * 256);
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.writeStartObject();
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
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: writing to memory", e);
    }
    return out.toByteArray();
  }
}
