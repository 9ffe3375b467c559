package io.covington.server.openshift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.covington.graph.bundled.BundledData;
import io.covington.graph.model.ChannelGraph;
import io.covington.graph.snapshot.ChannelSummary;
import io.covington.graph.snapshot.GraphSnapshot;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.semver4j.Semver;

/**
 * Decodes every bundled channel's response the way the cluster-version-operator does
 * (protocols §1, "How strict the cluster-version-operator's decoder is") and computes what a
 * cluster would be offered, comparing with what the real public service offered for the same
 * data (the captured responses in test resources).
 */
class ClusterVersionOperatorDecodeTest {

  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  private static GraphSnapshot snapshot;

  @BeforeAll
  static void load() throws Exception {
    snapshot = GraphSnapshot.build(BundledData.releases(), BundledData.graphData());
  }

  /** What a cluster on {@code current} is offered: plain targets and conditional targets → risks. */
  record Offer(Set<String> updates, Map<String, Set<String>> conditionalUpdates) {}

  /** The decoder's checks; throws AssertionError where the real client would reject the body. */
  static JsonNode decodeStrictly(byte[] body) throws Exception {
    assertThat(body).isNotEmpty();
    assertThat(body[0]).as("no BOM, body starts with '{'").isEqualTo((byte) '{');
    JsonNode root = STRICT.readTree(body);
    assertThat(root.path("version").asInt()).isEqualTo(1);
    JsonNode nodes = root.get("nodes");
    assertThat(nodes.isArray()).isTrue();
    Set<String> versions = new HashSet<>();
    for (JsonNode n : nodes) {
      String v = n.get("version").asText();
      assertThat(Semver.isValid(v)).as("strict semver: %s", v).isTrue();
      assertThat(new Semver(v).getVersion()).isEqualTo(v);
      assertThat(versions.add(v)).as("unique version %s", v).isTrue();
      assertThat(n.get("payload").isTextual()).isTrue();
      n.get("metadata").properties().forEach(e -> assertThat(e.getValue().isTextual())
          .as("metadata %s of %s is a string", e.getKey(), v).isTrue());
      String arch = n.get("metadata").path("release.openshift.io/architecture").asText(null);
      if (arch != null) {
        assertThat(arch).isEqualTo("multi");
      }
      JsonNode channels = n.get("metadata").get("io.openshift.upgrades.graph.release.channels");
      if (channels != null) {
        assertThat(channels.asText()).isNotEmpty();
      }
    }
    for (JsonNode e : root.get("edges")) {
      assertThat(e.isArray() && e.size() == 2 && e.get(0).isInt() && e.get(1).isInt()).as("edge %s", e).isTrue();
      assertThat(e.get(0).asInt()).isBetween(0, nodes.size() - 1);
      assertThat(e.get(1).asInt()).isBetween(0, nodes.size() - 1);
    }
    for (JsonNode group : root.get("conditionalEdges")) {
      for (JsonNode e : group.get("edges")) {
        assertThat(versions).contains(e.get("from").asText(), e.get("to").asText());
      }
      assertThat(group.get("risks").size()).isPositive();
      for (JsonNode risk : group.get("risks")) {
        assertThat(fieldNames(risk)).containsExactlyInAnyOrder("url", "name", "message", "matchingRules");
        URI.create(risk.get("url").asText()).toURL();
        assertThat(risk.get("matchingRules").size()).isPositive();
      }
    }
    return root;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The updates the client computes for {@code current}, with its pruning rules. */
  static Offer offer(JsonNode root, String current) throws Exception {
    JsonNode nodes = root.get("nodes");
    int self = -1;
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).get("version").asText().equals(current)) {
        self = i;
      }
    }
    assertThat(self).as("current version %s is served", current).isNotNegative();
    checkUrl(nodes.get(self));
    Set<String> updates = new TreeSet<>();
    for (JsonNode e : root.get("edges")) {
      if (e.get(0).asInt() == self) {
        JsonNode target = nodes.get(e.get(1).asInt());
        checkUrl(target);
        updates.add(target.get("version").asText());
      }
    }
    Map<String, Integer> groupsPerTarget = new HashMap<>();
    Map<String, Set<String>> conditional = new TreeMap<>();
    for (JsonNode group : root.get("conditionalEdges")) {
      for (JsonNode e : group.get("edges")) {
        if (e.get("from").asText().equals(current)) {
          String to = e.get("to").asText();
          groupsPerTarget.merge(to, 1, Integer::sum);
          Set<String> risks = new TreeSet<>();
          for (JsonNode risk : group.get("risks")) {
            boolean known = false;
            for (JsonNode rule : risk.get("matchingRules")) {
              String type = rule.get("type").asText();
              known |= type.equals("Always") || type.equals("PromQL");
            }
            if (known) {
              risks.add(risk.get("name").asText());
            } else {
              risks.add("<dropped>");
            }
          }
          conditional.put(to, risks);
        }
      }
    }
    groupsPerTarget.forEach((to, n) -> {
      if (n > 1) {
        conditional.remove(to);
      }
    });
    conditional.values().removeIf(r -> r.contains("<dropped>"));
    return new Offer(updates, conditional);
  }

  private static void checkUrl(JsonNode node) throws Exception {
    JsonNode url = node.get("metadata").get("url");
    assertThat(url).as("url of %s", node.get("version")).isNotNull();
    assertThat(url.isTextual()).isTrue();
    URI.create(url.asText()).toURL();
  }

  @Test
  void everyBundledChannelDecodesUnderTheClientsStrictRules() throws Exception {
    int decoded = 0;
    for (String arch : snapshot.architectures()) {
      for (ChannelSummary c : snapshot.channels(arch)) {
        ChannelGraph graph = snapshot.channel(c.name(), arch).orElseThrow();
        JsonNode root = decodeStrictly(GraphRenderer.render(graph));
        assertThat(root.get("nodes").size()).isEqualTo(c.releases());
        decoded++;
      }
    }
    assertThat(decoded).isGreaterThanOrEqualTo(78);
  }

  @Test
  void clustersAreOfferedWhatThePublicServiceOfferedForTheSameData() throws Exception {
    Map<String, List<String>> currents = Map.of(
        "stable-4.16", List.of("4.15.20", "4.16.0", "4.16.25", "4.16.52"),
        "candidate-4.14", List.of("4.13.0", "4.13.30", "4.14.0", "4.14.12", "4.14.40"));
    for (Map.Entry<String, List<String>> entry : currents.entrySet()) {
      JsonNode ours = decodeStrictly(GraphRenderer.render(snapshot.channel(entry.getKey(), "amd64").orElseThrow()));
      JsonNode captured;
      try (InputStream in = getClass().getResourceAsStream("/captured/" + entry.getKey() + ".json")) {
        captured = decodeStrictly(in.readAllBytes());
      }
      for (String current : entry.getValue()) {
        Offer mine = offer(ours, current);
        Offer real = offer(captured, current);
        assertThat(mine).as("%s on %s", current, entry.getKey()).isEqualTo(real);
        assertThat(mine.updates()).doesNotContainAnyElementsOf(mine.conditionalUpdates().keySet());
        mine.updates().forEach(to -> assertThat(new Semver(to).isGreaterThan(new Semver(current))).isTrue());
      }
    }
  }

  @Test
  void aClusterOnTheLastFcosBuildOfOkdIsOfferedTheScosMoveOnlyConditionally() throws Exception {
    JsonNode root = decodeStrictly(GraphRenderer.render(snapshot.channel("stable-scos-4", "amd64").orElseThrow()));
    Offer offer = offer(root, "4.15.0-0.okd-2024-03-10-010116");
    assertThat(offer.updates()).isEmpty();
    assertThat(offer.conditionalUpdates()).containsOnlyKeys("4.16.0-okd-scos.1");
    assertThat(offer.conditionalUpdates().get("4.16.0-okd-scos.1")).containsExactly("OKDSCOSPivotExt4OrphanFile");
    Offer older = offer(root, "4.15.0-0.okd-2024-02-23-163410");
    assertThat(older.updates()).containsExactly("4.15.0-0.okd-2024-03-10-010116");
    assertThat(older.conditionalUpdates()).isEmpty();
  }
}
