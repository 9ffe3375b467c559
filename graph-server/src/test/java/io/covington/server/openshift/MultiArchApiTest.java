package io.covington.server.openshift;

import static io.covington.server.RunningServer.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.covington.server.RunningServer;
import io.covington.sources.OpenShiftLoader;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code arch=multi} through a real server whose releases are the reference server's own {@code
 * arch=multi} response (read as {@code --releases FILE}), next to amd64 releases of the same
 * versions, as a real release repository has both.
 */
class MultiArchApiTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String RESPONSE = "/captured/134475077ed4eeaedf3c339f12915b9cdaf7d194_candidate-4.12_multi_v1.json";
  private static final String EMPTY_GRAPH = "{\"version\":1,\"nodes\":[],\"edges\":[],\"conditionalEdges\":[]}";

  @TempDir static Path dir;
  private static RunningServer server;
  private static JsonNode reference;

  @BeforeAll
  static void start() throws Exception {
    byte[] bytes;
    try (InputStream in = MultiArchApiTest.class.getResourceAsStream(RESPONSE)) {
      bytes = in.readAllBytes();
    }
    reference = MAPPER.readTree(bytes);
    server = RunningServer.start(OpenShiftApi.DEFAULT_PREFIX);
    RunningServer.await(server.load(
        OpenShiftLoader.of(Optional.of(releasesFile().toString()), Optional.of(graphData())), false));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The reference's multi nodes unchanged, plus an amd64 twin of each (own payload) with the same updates. */
  private static Path releasesFile() throws Exception {
    ObjectNode raw = MAPPER.createObjectNode();
    ArrayNode nodes = raw.putArray("nodes");
    ArrayNode edges = raw.putArray("edges");
    int n = reference.get("nodes").size();
    int i = 0;
    for (JsonNode node : reference.get("nodes")) {
      nodes.add(node.deepCopy());
    }
    for (JsonNode node : reference.get("nodes")) {
      ObjectNode twin = nodes.addObject();
      twin.put("version", node.get("version").asText() + "+amd64");
      twin.put("payload", amd64Payload(i++));
    }
    for (JsonNode e : reference.get("edges")) {
      edges.add(e.deepCopy());
      edges.addArray().add(e.get(0).asInt() + n).add(e.get(1).asInt() + n);
    }
    Path file = dir.resolve("releases.json");
    Files.write(file, MAPPER.writeValueAsBytes(raw));
    return file;
  }

  private static String amd64Payload(int i) {
    return "quay.io/openshift-release-dev/ocp-release@sha256:" + String.format("%064x", i + 1);
  }

  /** Graph-data whose channels are the ones the reference's nodes list in their metadata. */
  private static Path graphData() throws Exception {
    Path data = dir.resolve("graph-data");
    Files.createDirectories(data.resolve("channels"));
    Files.createDirectories(data.resolve("blocked-edges"));
    Files.writeString(data.resolve("version"), "1.1.0\n");
    Map<String, Set<String>> channels = new TreeMap<>();
    for (JsonNode node : reference.get("nodes")) {
      for (String c : node.at("/metadata/io.openshift.upgrades.graph.release.channels").asText().split(",")) {
        channels.computeIfAbsent(c, k -> new TreeSet<>()).add(node.get("version").asText());
      }
    }
    for (Map.Entry<String, Set<String>> c : channels.entrySet()) {
      StringBuilder yaml = new StringBuilder("name: " + c.getKey() + "\nversions:\n");
      c.getValue().forEach(v -> yaml.append("- ").append(v).append('\n'));
      Files.writeString(data.resolve("channels/" + c.getKey() + ".yaml"), yaml, StandardCharsets.UTF_8);
    }
    return data;
  }

  private static JsonNode graph(String query) throws Exception {
    HttpResponse<String> response = get(server.api("/v1/graph?" + query), "Accept", "application/json");
    assertThat(response.statusCode()).isEqualTo(200);
    return ClusterVersionOperatorDecodeTest.decodeStrictly(response.body().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void archMultiServesTheReferencesMultiGraph() throws Exception {
    JsonNode graph = graph("channel=candidate-4.12&arch=multi");

    assertThat(graph.get("nodes")).hasSize(5);
    assertThat(nodes(graph)).isEqualTo(nodes(reference));
    assertThat(edges(graph)).hasSize(10).isEqualTo(edges(reference));
    for (JsonNode node : graph.get("nodes")) {
      String payload = node.get("payload").asText();
      assertThat(node.get("metadata").properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder(
          "io.openshift.upgrades.graph.release.channels", "io.openshift.upgrades.graph.release.manifestref",
          "release.openshift.io/architecture");
      assertThat(node.at("/metadata/release.openshift.io~1architecture").asText()).isEqualTo("multi");
      assertThat(payload).endsWith("@" + node.at("/metadata/io.openshift.upgrades.graph.release.manifestref").asText());
    }
  }

  @Test
  void archAmd64ServesTheSingleArchitectureReleasesOnly() throws Exception {
    JsonNode graph = graph("channel=candidate-4.12&arch=amd64");

    assertThat(graph.get("nodes")).hasSize(5);
    assertThat(edges(graph)).isEqualTo(edges(reference));
    for (JsonNode node : graph.get("nodes")) {
      assertThat(node.get("payload").asText()).doesNotContain(payloads(reference));
      assertThat(node.get("metadata").has("release.openshift.io/architecture")).isFalse();
      assertThat(node.at("/metadata/io.openshift.upgrades.graph.release.manifestref").asText())
          .isEqualTo(node.get("payload").asText().substring(node.get("payload").asText().indexOf('@') + 1));
    }
  }

  @Test
  void aClusterOnAnAmd64ReleaseMovingToMultiFindsItsVersionAsAMultiRelease() throws Exception {
    // The cluster-version-operator of a cluster on 4.12.0-rc.1 (amd64) asked to move to multi asks
    // arch=multi with its own version, looks its version up in the graph and offers that node,
    // the same version's multi payload, as the only update.
    JsonNode graph = graph("channel=candidate-4.12&arch=multi&version=4.12.0-rc.1&id=0b3e6c1b-1c1a-4f1a-9a8d-3a1f9c1e2d3f");

    JsonNode self = null;
    for (JsonNode node : graph.get("nodes")) {
      if (node.get("version").asText().equals("4.12.0-rc.1")) {
        self = node;
      }
    }
    assertThat(self).as("the cluster's version is in the multi graph").isNotNull();
    assertThat(self.get("payload").asText())
        .isEqualTo("quay.io/openshift-release-dev/ocp-release@sha256:daa4b234a6f17a40d6a784185424a471cce6d0316ef3a3361e8c1ad37700abbe");
    assertThat(self.at("/metadata/release.openshift.io~1architecture").asText()).isEqualTo("multi");
  }

  @Test
  void theChannelsOfArchMultiAreListedAndOtherArchitecturesStayEmpty() throws Exception {
    JsonNode channels = MAPPER.readTree(get(server.api("/v1/channels?arch=multi")).body());
    assertThat(channels.get("arch").asText()).isEqualTo("multi");
    assertThat(channels.get("channels").toString())
        .isEqualTo("[{\"name\":\"candidate-4.12\",\"releases\":5},{\"name\":\"candidate-4.13\",\"releases\":5}]");

    assertThat(get(server.api("/v1/graph?channel=candidate-4.12&arch=s390x")).body()).isEqualTo(EMPTY_GRAPH);
  }

  private static Set<String> nodes(JsonNode graph) {
    Set<String> result = new HashSet<>();
    graph.get("nodes").forEach(n -> result.add(n.get("version").asText() + " " + n.get("payload").asText()));
    return result;
  }

  private static Set<String> edges(JsonNode graph) {
    Set<String> result = new HashSet<>();
    JsonNode nodes = graph.get("nodes");
    graph.get("edges").forEach(e -> result.add(
        nodes.get(e.get(0).asInt()).get("version").asText() + "->" + nodes.get(e.get(1).asInt()).get("version").asText()));
    return result;
  }

  private static String[] payloads(JsonNode graph) {
    return graph.findValuesAsText("payload").toArray(String[]::new);
  }
}
