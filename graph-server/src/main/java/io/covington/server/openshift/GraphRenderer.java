package io.covington.server.openshift;

import com.fasterxml.jackson.core.JsonGenerator;
import io.covington.graph.model.ChannelGraph;
import io.covington.graph.model.ConditionalUpdateGroup;
import io.covington.graph.model.IndexEdge;
import io.covington.graph.model.MatchingRule;
import io.covington.graph.model.Release;
import io.covington.graph.model.Risk;
import io.covington.graph.model.VersionPair;
import io.covington.server.http.JsonBody;
import java.io.IOException;
import java.util.Map;

/**
 * Renders a {@link ChannelGraph} as the OpenShift graph API's v1 body: {@code
 * {"version":1,"nodes":[…],"edges":[[i,j],…],"conditionalEdges":[…]}}.
 *
 * <p>A pure function of the graph (same graph, same bytes), so its output can be computed once
 * per snapshot and cached. The output is exactly one UTF-8 JSON value with no BOM and no
 * trailing bytes; risks carry exactly {@code url}, {@code name}, {@code message} and {@code
 * matchingRules}. O(size of the graph).
 */
public final class GraphRenderer {

  private GraphRenderer() {}

  public static byte[] render(ChannelGraph graph) {
    return JsonBody.object(256 + graph.nodes().size() * 512, g -> {
      g.writeNumberField("version", 1);
      writeNodes(g, graph);
      writeEdges(g, graph);
      writeConditionalEdges(g, graph);
    });
  }

  private static void writeNodes(JsonGenerator g, ChannelGraph graph) throws IOException {
    g.writeArrayFieldStart("nodes");
    for (Release release : graph.nodes()) {
      g.writeStartObject();
      g.writeStringField("version", release.version());
      g.writeStringField("payload", release.payload());
      g.writeObjectFieldStart("metadata");
      for (Map.Entry<String, String> entry : release.metadata().entrySet()) {
        g.writeStringField(entry.getKey(), entry.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeEdges(JsonGenerator g, ChannelGraph graph) throws IOException {
    g.writeArrayFieldStart("edges");
    for (IndexEdge edge : graph.edges()) {
      g.writeStartArray();
      g.writeNumber(edge.from());
      g.writeNumber(edge.to());
      g.writeEndArray();
    }
    g.writeEndArray();
  }

  private static void writeConditionalEdges(JsonGenerator g, ChannelGraph graph) throws IOException {
    g.writeArrayFieldStart("conditionalEdges");
    for (ConditionalUpdateGroup group : graph.conditionalEdges()) {
      g.writeStartObject();
      g.writeArrayFieldStart("edges");
      for (VersionPair pair : group.edges()) {
        g.writeStartObject();
        g.writeStringField("from", pair.from());
        g.writeStringField("to", pair.to());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("risks");
      for (Risk risk : group.risks()) {
        writeRisk(g, risk);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** Writes one risk exactly as responses carry it: url, name, message, matchingRules. */
  public static void writeRisk(JsonGenerator g, Risk risk) throws IOException {
    g.writeStartObject();
    g.writeStringField("url", risk.url());
    g.writeStringField("name", risk.name());
    g.writeStringField("message", risk.message());
    g.writeArrayFieldStart("matchingRules");
    for (MatchingRule rule : risk.matchingRules()) {
      g.writeStartObject();
      g.writeStringField("type", rule.type());
      if (rule.promql().isPresent()) {
        g.writeObjectFieldStart("promql");
        g.writeStringField("promql", rule.promql().get());
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
