package io.covington.graph.snapshot;

import static io.covington.graph.model.MetadataKeys.ARCH;
import static io.covington.graph.model.MetadataKeys.CHANNELS;
import static io.covington.graph.model.MetadataKeys.PREVIOUS_REMOVE_REGEX;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.covington.graph.TestFiles;
import io.covington.graph.input.GraphData;
import io.covington.graph.input.GraphDataReader;
import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.RawGraphReader;
import io.covington.graph.input.ReleaseSet;
import io.covington.graph.model.Release;
import io.covington.graph.model.VersionPair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden tests of the architectures other than amd64: the reference server's own end-to-end
 * expected responses ({@code corpus/graphs/cincinnati-e2e/}, the real Cincinnati stack on real
 * quay.io images and graph-data {@code 134475077ed4}) are served again, graphs compared as sets,
 * from the releases they show and the real graph-data files of that commit their nodes belong to.
 */
class MultiArchGoldenTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String E2E = "graphs/cincinnati-e2e/134475077ed4eeaedf3c339f12915b9cdaf7d194_";

  private static GraphData graphData;

  @BeforeAll
  static void load() throws InvalidInputException {
    graphData = GraphDataReader.read(TestFiles.corpus("cincinnati-graph-data-134475077ed4"));
    assertThat(graphData.problems()).isEmpty();
  }

  @Test
  void theMultiResponseReadAsReleasesServesTheSameGraphOnArchMulti() throws Exception {
    // Read exactly as `--releases FILE` reads it: the versions have no +arch suffix and no
    // release.arch key; the label release.openshift.io/architecture=multi decides.
    byte[] response = TestFiles.corpusBytes(E2E + "candidate-4.12_multi_v1.json");
    ReleaseSet releases = RawGraphReader.read(response, "candidate-4.12_multi_v1.json");

    GraphSnapshot snapshot = GraphSnapshot.build(releases, graphData);

    assertThat(releases.problems()).isEmpty();
    assertThat(snapshot.problems()).isEmpty();
    assertThat(snapshot.architectures()).containsExactly("multi");
    assertThat(snapshot.channel("candidate-4.12", "amd64")).isEmpty();
    ServedGraph theirs = ServedGraph.parse(JSON.readTree(response), "multi");
    ServedGraph ours = ServedGraph.of(snapshot.channel("candidate-4.12", "multi").orElseThrow());
    assertThat(ours.nodes()).hasSize(5);
    assertThat(ours.edges()).hasSize(10);
    assertSameGraph(ours, theirs, "candidate-4.12 multi");
  }

  @Test
  void theS390xResponseAsTheGraphBuilderScrapedItServesTheSameGraphOnArchS390x() throws Exception {
    JsonNode response = JSON.readTree(TestFiles.corpusBytes(E2E + "stable-4.7_s390x_v1.json"));
    ReleaseSet releases = RawGraphReader.read(asScraped(response, "s390x"), "stable-4.7_s390x as scraped");

    GraphSnapshot snapshot = GraphSnapshot.build(releases, graphData);

    assertThat(releases.problems()).isEmpty();
    assertThat(snapshot.problems()).isEmpty();
    assertThat(snapshot.architectures()).containsExactly("s390x");
    ServedGraph theirs = ServedGraph.parse(response, "s390x");
    ServedGraph ours = ServedGraph.of(snapshot.channel("stable-4.7", "s390x").orElseThrow());
    assertThat(ours.nodes()).hasSize(102);
    assertThat(ours.edges()).hasSize(3244);
    assertThat(ours.conditional()).hasSize(13);
    assertThat(ours.risks()).containsOnlyKeys("VSphereNodeNameChanges", "AuthOAuthProxyLeakedConnections", "VSphereHW14CrossNodeNetworkingError");
    assertSameGraph(ours, theirs, "stable-4.7 s390x");
  }

  /**
   * The raw graph the reference graph-builder would have scraped for a response: versions with
   * their {@code +arch} suffix and {@code io.openshift.upgrades.graph.release.arch}, the image's
   * metadata without what graph-data adds (channels, blocked-edge patterns), and every served
   * update, plain or conditional, as a declared one.
   */
  private static byte[] asScraped(JsonNode response, String arch) throws Exception {
    ObjectNode raw = JSON.createObjectNode();
    ArrayNode nodes = raw.putArray("nodes");
    Map<String, Integer> index = new HashMap<>();
    for (JsonNode n : response.get("nodes")) {
      ObjectNode node = nodes.addObject();
      node.put("version", n.get("version").asText() + "+" + arch);
      node.put("payload", n.get("payload").asText());
      ObjectNode metadata = n.get("metadata").deepCopy();
      metadata.remove(List.of(CHANNELS, PREVIOUS_REMOVE_REGEX));
      metadata.put(ARCH, arch);
      node.set("metadata", metadata);
      index.put(n.get("version").asText(), index.size());
    }
    ArrayNode edges = raw.putArray("edges");
    response.get("edges").forEach(e -> edges.add(e.deepCopy()));
    for (JsonNode group : response.get("conditionalEdges")) {
      for (JsonNode e : group.get("edges")) {
        edges.addArray().add(index.get(e.get("from").asText())).add(index.get(e.get("to").asText()));
      }
    }
    return JSON.writeValueAsBytes(raw);
  }

  private static void assertSameGraph(ServedGraph ours, ServedGraph theirs, String what) {
    assertThat(ours.nodes().keySet()).as(what + " versions").containsExactlyInAnyOrderElementsOf(theirs.nodes().keySet());
    assertThat(ours.edges()).as(what + " plain edges").containsExactlyInAnyOrderElementsOf(theirs.edges());
    assertThat(ours.conditional()).as(what + " conditional edges → risk names").isEqualTo(theirs.conditional());
    assertThat(ours.risks()).as(what + " risks: url, message, matchingRules").isEqualTo(theirs.risks());
    Set<VersionPair> both = new HashSet<>(ours.edges());
    both.retainAll(ours.conditional().keySet());
    assertThat(both).as(what + " no update both plain and conditional").isEmpty();
    for (Release mine : ours.nodes().values()) {
      Release real = theirs.nodes().get(mine.version());
      String node = what + " " + mine.version();
      assertThat(mine.payload()).as(node + " payload").isEqualTo(real.payload());
      assertThat(mine.metadata().keySet()).as(node + " metadata keys").isEqualTo(real.metadata().keySet());
      Map<String, String> exact = new HashMap<>(real.metadata());
      exact.remove(PREVIOUS_REMOVE_REGEX);
      exact.forEach((key, value) -> assertThat(mine.metadata().get(key)).as(node + " " + key).isEqualTo(value));
      if (real.metadata().containsKey(PREVIOUS_REMOVE_REGEX)) {
        assertSamePatterns(mine.metadata().get(PREVIOUS_REMOVE_REGEX), real.metadata().get(PREVIOUS_REMOVE_REGEX), node);
      }
    }
  }

  /**
   * Both join the same {@code from} patterns with {@code |}, perhaps in another order (the
   * reference's directory walk, our file-name order), and a pattern may itself hold {@code |}: every
   * one of our patterns (longest first) is cut out of the reference's value once, and only the
   * separators may remain.
   */
  private static void assertSamePatterns(String ours, String theirs, String node) {
    List<String> patterns = new ArrayList<>(List.of(ours.split("\\|(?![^()]*\\))")));
    patterns.sort(Comparator.comparingInt(String::length).reversed());
    String rest = theirs;
    for (String p : patterns) {
      int at = rest.indexOf(p);
      assertThat(at).as(node + " remove_regex " + theirs + " has " + p).isNotNegative();
      rest = rest.substring(0, at) + rest.substring(at + p.length());
    }
    assertThat(rest).as(node + " remove_regex has no other pattern").isEqualTo("|".repeat(patterns.size() - 1));
  }
}
