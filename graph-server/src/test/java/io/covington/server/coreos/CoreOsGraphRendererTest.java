package io.covington.server.coreos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.graph.coreos.CoreOsGraph;
import io.covington.graph.coreos.CoreOsStreams;
import io.covington.graph.coreos.Scheme;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoreOsGraphRendererTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void rendersOnlyNodesAndEdgesWithStringMetadata() throws IOException {
    CoreOsGraph graph = CoreOsStreams.loadBundled().graph("testing", "x86_64", Scheme.CHECKSUM).orElseThrow();

    JsonNode body = JSON.readTree(CoreOsGraphRenderer.render(graph));

    assertThat(fieldNames(body)).containsExactly("nodes", "edges");
    assertThat(body.get("nodes")).hasSize(graph.nodes().size());
    for (int i = 0; i < graph.nodes().size(); i++) {
      JsonNode node = body.get("nodes").get(i);
      assertThat(fieldNames(node)).containsExactly("version", "metadata", "payload");
      assertThat(node.get("version").asText()).isEqualTo(graph.nodes().get(i).version());
      assertThat(node.get("payload").asText()).isEqualTo(graph.nodes().get(i).payload());
      node.get("metadata").elements().forEachRemaining(value -> assertThat(value.isTextual()).isTrue());
    }
    assertThat(body.get("edges")).hasSize(graph.edges().size());
    JsonNode first = body.get("edges").get(0);
    assertThat(first.isArray() && first.size() == 2 && first.get(0).isInt()).isTrue();
  }

  @Test
  void leavesOutTheEdgesIntoHiddenTargetsButNoNode() throws IOException {
    CoreOsGraph graph = CoreOsStreams.loadBundled().graph("next", "x86_64", Scheme.CHECKSUM).orElseThrow();
    int inProgress = graph.nodes().size() - 1; // 44.20260720.1.1, two edges lead into it

    JsonNode body = JSON.readTree(CoreOsGraphRenderer.render(graph, Set.of(inProgress)));

    assertThat(body.get("nodes")).hasSize(graph.nodes().size());
    assertThat(body.get("edges")).hasSize(graph.edges().size() - 2);
    body.get("edges").forEach(edge -> assertThat(edge.get(1).asInt()).isNotEqualTo(inProgress));
    assertThat(CoreOsGraphRenderer.render(graph, Set.of(inProgress)))
        .isEqualTo(CoreOsGraphRenderer.render(graph.withoutEdgesInto(Set.of(inProgress))));
  }
}
