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
import java.net.MalformedURLException;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.semver4j.Semver;

/**
 * Decodes every bundled channel's response the way the cluster-version-operator does
 * (protocols §1, "How strict the cluster-version-operator's decoder is") and computes what a
 * cluster would be offered, comparing with what the real public service offered for the same
 * data (the captured responses of every channel, {@code corpus/graphs/ocp-api-amd64/} of
 * graph-data's test jar).
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

  /**
   * What a cluster on {@code current} is offered: plain targets and conditional targets → risks;
   * or, where the client rejects the answer for that cluster, why (then both are empty).
   */
  record Offer(Set<String> updates, Map<String, Set<String>> conditionalUpdates, String rejected) {
    Offer rejectedFor(String reason) {
      return new Offer(Set.of(), Map.of(), reason);
    }
  }

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
    Map<String, Offer> all = offers(root);
    assertThat(all).as("current version %s is served", current).containsKey(current);
    return all.get(current);
  }

  /**
   * What the client computes for a cluster on each served release, in one pass: the targets of
   * its plain edges, the targets of its conditional edges with the names of their risks; a target
   * in more than one conditional group is dropped, as is one with a risk whose rules the client
   * does not know. The current release and every offered target must have a url that parses as a
   * URL, or the client rejects the answer (old releases of the real service have none).
   */
  static Map<String, Offer> offers(JsonNode root) throws Exception {
    JsonNode nodes = root.get("nodes");
    List<String> versions = new ArrayList<>();
    Set<String> withUrl = new HashSet<>();
    Map<String, Offer> result = new TreeMap<>();
    for (JsonNode n : nodes) {
      String version = n.get("version").asText();
      versions.add(version);
      if (hasUrl(n)) {
        withUrl.add(version);
      }
      result.put(version, new Offer(new TreeSet<>(), new TreeMap<>(), ""));
    }
    for (JsonNode e : root.get("edges")) {
      result.get(versions.get(e.get(0).asInt())).updates().add(versions.get(e.get(1).asInt()));
    }
    Map<String, Map<String, Integer>> groupsPerTarget = new HashMap<>();
    for (JsonNode group : root.get("conditionalEdges")) {
      Set<String> risks = new TreeSet<>();
      for (JsonNode risk : group.get("risks")) {
        boolean known = false;
        for (JsonNode rule : risk.get("matchingRules")) {
          String type = rule.get("type").asText();
          known |= type.equals("Always") || type.equals("PromQL");
        }
        risks.add(known ? risk.get("name").asText() : "<dropped>");
      }
      for (JsonNode e : group.get("edges")) {
        String from = e.get("from").asText();
        String to = e.get("to").asText();
        groupsPerTarget.computeIfAbsent(from, k -> new HashMap<>()).merge(to, 1, Integer::sum);
        result.get(from).conditionalUpdates().put(to, risks);
      }
    }
    groupsPerTarget.forEach((from, targets) -> targets.forEach((to, n) -> {
      if (n > 1) {
        result.get(from).conditionalUpdates().remove(to);
      }
    }));
    result.values().forEach(o -> o.conditionalUpdates().values().removeIf(r -> r.contains("<dropped>")));
    result.replaceAll((current, o) -> {
      if (!withUrl.contains(current)) {
        return o.rejectedFor("the current release " + current + " has no url");
      }
      Set<String> offered = new TreeSet<>(o.updates());
      offered.addAll(o.conditionalUpdates().keySet());
      offered.removeAll(withUrl);
      return offered.isEmpty() ? o : o.rejectedFor("offered targets without url: " + offered);
    });
    return result;
  }

  private static boolean hasUrl(JsonNode node) {
    JsonNode url = node.get("metadata").get("url");
    if (url == null || !url.isTextual()) {
      return false;
    }
    try {
      URI.create(url.asText()).toURL();
      return true;
    } catch (IllegalArgumentException | MalformedURLException e) {
      return false;
    }
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

  static List<String> capturedChannels() {
    return snapshot().channels("amd64").stream().map(ChannelSummary::name)
        .filter(name -> ClusterVersionOperatorDecodeTest.class.getResource(capture(name)) != null)
        .toList();
  }

  /**
   * For every channel api.openshift.com was captured serving, a cluster on each of its releases is
   * offered exactly what the public service offered it: the same updates, the same conditional
   * updates with the same risks.
   */
  @ParameterizedTest
  @MethodSource("capturedChannels")
  void clustersAreOfferedWhatThePublicServiceOfferedForTheSameData(String channel) throws Exception {
    JsonNode ours = decodeStrictly(GraphRenderer.render(snapshot.channel(channel, "amd64").orElseThrow()));
    JsonNode captured;
    try (InputStream in = getClass().getResourceAsStream(capture(channel))) {
      captured = decodeStrictly(in.readAllBytes());
    }
    Map<String, Offer> mine = offers(ours);
    Map<String, Offer> real = offers(captured);

    assertThat(mine.keySet()).as("the releases a cluster can be on").isEqualTo(real.keySet());
    assertThat(mine).isNotEmpty();
    assertThat(mine.values()).as("clusters whose answer the client accepts").anyMatch(o -> o.rejected().isEmpty());
    for (Map.Entry<String, Offer> e : mine.entrySet()) {
      String current = e.getKey();
      Offer offer = e.getValue();
      assertThat(offer).as("%s on %s", current, channel).isEqualTo(real.get(current));
      assertThat(offer.conditionalUpdates().keySet()).noneMatch(offer.updates()::contains);
      offer.updates().forEach(to -> assertThat(new Semver(to).isGreaterThan(new Semver(current))).as("%s → %s", current, to).isTrue());
    }
  }

  @Test
  void everyChannelOfTheGraphDataIsCheckedAgainstItsCapture() {
    // 76 OpenShift channels; the two OKD channels were never served by api.openshift.com.
    assertThat(capturedChannels()).hasSize(76);
  }

  private static String capture(String channel) {
    return "/corpus/graphs/ocp-api-amd64/" + channel + ".json";
  }

  private static GraphSnapshot snapshot() {
    if (snapshot == null) {
      try {
        load();
      } catch (Exception e) {
        throw new IllegalStateException("the bundled data cannot be loaded", e);
      }
    }
    return snapshot;
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
