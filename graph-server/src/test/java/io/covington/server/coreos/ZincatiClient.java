package io.covington.server.coreos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.graph.coreos.CoreOsMetadata;
import io.covington.graph.coreos.Scheme;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a graph body the way Zincati does, failing the test wherever Zincati would reject it:
 * only {@code nodes} and {@code edges}; every metadata value a string; every edge target with the
 * requested scheme and an unsigned {@code age_index}. Then picks the update like Zincati: among
 * the targets of the node it is booted from (matched by payload), the highest age_index, never
 * a downgrade.
 */
final class ZincatiClient {

  record Node(String version, String payload, Map<String, String> metadata) {
    long ageIndex() {
      return Long.parseUnsignedLong(metadata.get(CoreOsMetadata.AGE_INDEX));
    }

    boolean isDeadEnd() {
      return "true".equals(metadata.get(CoreOsMetadata.DEADEND));
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Node> nodes;
  private final List<int[]> edges;

  private ZincatiClient(List<Node> nodes, List<int[]> edges) {
    this.nodes = nodes;
    this.edges = edges;
  }

  static ZincatiClient decode(byte[] body, Scheme scheme) throws IOException {
    JsonNode root = JSON.readTree(body);
    List<String> keys = new ArrayList<>();
    root.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).as("top-level keys").containsExactlyInAnyOrder("nodes", "edges");
    List<Node> nodes = new ArrayList<>();
    for (JsonNode node : root.get("nodes")) {
      assertThat(node.get("version").isTextual()).as("version of %s", node).isTrue();
      assertThat(node.get("payload").isTextual()).as("payload of %s", node).isTrue();
      Map<String, String> metadata = new HashMap<>();
      node.get("metadata")
          .properties()
          .forEach(
              field -> {
                assertThat(field.getValue().isTextual()).as("metadata %s of %s", field.getKey(), node).isTrue();
                metadata.put(field.getKey(), field.getValue().asText());
              });
      nodes.add(new Node(node.get("version").asText(), node.get("payload").asText(), metadata));
    }
    List<int[]> edges = new ArrayList<>();
    for (JsonNode edge : root.get("edges")) {
      assertThat(edge.size()).isEqualTo(2);
      int from = edge.get(0).intValue();
      int to = edge.get(1).intValue();
      assertThat(from).isBetween(0, nodes.size() - 1);
      assertThat(to).isBetween(0, nodes.size() - 1);
      Node target = nodes.get(to);
      assertThat(target.metadata().get(CoreOsMetadata.SCHEME)).as("scheme of %s", target).isEqualTo(scheme.wireName());
      assertThat(target.metadata().get(CoreOsMetadata.AGE_INDEX)).as("age_index of %s", target).matches("[0-9]+");
      edges.add(new int[] {from, to});
    }
    return new ZincatiClient(nodes, edges);
  }

  Node booted(String version) {
    return nodes.stream().filter(n -> n.version().equals(version)).findFirst().orElseThrow();
  }

  /** The version Zincati would update to from the node booted from {@code payload}. */
  Optional<String> chooseUpdate(String payload) {
    int current = -1;
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).payload().equals(payload)) {
        current = i;
      }
    }
    assertThat(current).as("booted payload %s is in the graph", payload).isNotNegative();
    Node booted = nodes.get(current);
    List<Node> targets = new ArrayList<>();
    for (int[] edge : edges) {
      if (edge[0] == current) {
        targets.add(nodes.get(edge[1]));
      }
    }
    return targets.stream()
        .filter(t -> t.ageIndex() > booted.ageIndex())
        .max(Comparator.comparingLong(Node::ageIndex))
        .map(Node::version);
  }

  /** The version Zincati would update to when booted from {@code version}. */
  Optional<String> chooseUpdateFrom(String version) {
    return chooseUpdate(booted(version).payload());
  }
}
