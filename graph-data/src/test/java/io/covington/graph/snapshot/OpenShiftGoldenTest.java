package io.covington.graph.snapshot;

import static io.covington.graph.model.MetadataKeys.ARCH;
import static io.covington.graph.model.MetadataKeys.CHANNELS;
import static io.covington.graph.model.MetadataKeys.MANIFEST_REF;
import static io.covington.graph.model.MetadataKeys.PREVIOUS_REMOVE_REGEX;
import static io.covington.graph.model.MetadataKeys.URL;
import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.bundled.BundledData;
import io.covington.graph.input.BlockedEdge;
import io.covington.graph.input.GraphData;
import io.covington.graph.input.GraphDataReader;
import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.ReleaseSet;
import io.covington.graph.model.Release;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden test of the OpenShift graph: rebuilding a channel from the real cincinnati-graph-data
 * gives what api.openshift.com served for it (captures in {@code corpus/graphs/ocp-api-amd64/},
 * built from the same graph-data commit as the bundled copy). Graphs are compared as sets.
 */
class OpenShiftGoldenTest {

  private static final String ARCH_AMD64 = "amd64";

  /**
   * Nodes whose captured channel list is older than the graph-data. The capture repository only
   * commits a response when its node/edge set changes (its SOURCES.md: "Conditional-edge-only or
   * metadata-only changes are therefore NOT reflected"), so a release promoted to further channels
   * after the capture still shows its old, shorter list there. For these nodes the captured list
   * must be a subset of ours; every other node must match exactly.
   */
  private static final Map<String, Set<String>> STALE_CHANNEL_LISTS =
      Map.of(
          "stable-4.16", Set.of("4.16.55"),
          "candidate-4.14", Set.of("4.12.95", "4.12.96", "4.13.70"));

  private static GraphData graphData;
  private static ReleaseSet bundledReleases;
  private static GraphSnapshot bundledSnapshot;

  @BeforeAll
  static void load() throws InvalidInputException {
    // The real openshift/cincinnati-graph-data alone; the server's default lays the OKD channels over it.
    graphData = GraphDataReader.read(BundledData.directory("openshift/graph-data"));
    bundledReleases = BundledData.releases();
    bundledSnapshot = GraphSnapshot.build(bundledReleases, BundledData.graphData());
  }

  @ParameterizedTest
  @ValueSource(strings = {"stable-4.16", "candidate-4.14"})
  void rebuildingTheCapturedReleasesWithTheRealGraphDataGivesTheCapturedGraph(String channel) {
    ServedGraph captured = captured(channel);
    ReleaseSet releases = captured.toReleaseSet(ARCH_AMD64, List.of(URL, MANIFEST_REF));

    GraphSnapshot snapshot = GraphSnapshot.build(releases, graphData);

    assertThat(snapshot.problems()).isEmpty();
    assertSameGraph(channel, ServedGraph.of(snapshot.channel(channel, ARCH_AMD64).orElseThrow()), captured);
  }

  @ParameterizedTest
  @ValueSource(strings = {"stable-4.16", "candidate-4.14"})
  void theBundledDefaultDataServesTheCapturedGraph(String channel) {
    assertSameGraph(channel, ServedGraph.of(bundledSnapshot.channel(channel, ARCH_AMD64).orElseThrow()), captured(channel));
  }

  @Test
  void theBundledDefaultDataLoadsWithoutProblems() {
    assertThat(graphData.problems()).isEmpty();
    assertThat(bundledReleases.problems()).isEmpty();
    assertThat(bundledSnapshot.problems()).isEmpty();
    // The counts of openshift/cincinnati-graph-data @ 731d04247cc1: a reader that silently skipped
    // files would still report no problem, so the sizes are checked too.
    assertThat(graphData.layoutVersion()).isEqualTo("1.1.0");
    assertThat(graphData.channels()).hasSize(76);
    assertThat(graphData.blockedEdges()).hasSize(1717);
    assertThat(graphData.blockedEdges().stream().filter(BlockedEdge::isConditional)).hasSize(1601);
    // 426 OpenShift releases derived from the captures, 7 OKD releases, 2 OKD channels.
    assertThat(bundledReleases.releases()).hasSize(426 + 7);
    assertThat(bundledSnapshot.channels(ARCH_AMD64)).hasSize(76 + 2);
    assertThat(bundledSnapshot.architectures()).containsExactly(ARCH_AMD64);
  }

  private static ServedGraph captured(String channel) {
    return ServedGraph.parse(ServedGraph.resource("/corpus/graphs/ocp-api-amd64/" + channel + ".json"), ARCH_AMD64);
  }

  private static void assertSameGraph(String channel, ServedGraph ours, ServedGraph captured) {
    assertThat(ours.nodes().keySet()).as("node versions").containsExactlyInAnyOrderElementsOf(captured.nodes().keySet());
    assertThat(payloads(ours)).as("payloads").isEqualTo(payloads(captured));
    assertThat(ours.edges()).as("plain edges").containsExactlyInAnyOrderElementsOf(captured.edges());
    assertThat(ours.conditional()).as("conditional edges → risk names").isEqualTo(captured.conditional());
    assertThat(ours.risks()).as("risks by name: url, message, matchingRules").isEqualTo(captured.risks());

    Set<String> stale = STALE_CHANNEL_LISTS.get(channel);
    assertThat(captured.nodes().keySet()).as("the stale nodes are in the capture").containsAll(stale);
    for (Release theirs : captured.nodes().values()) {
      Release mine = ours.nodes().get(theirs.version());
      String what = theirs.version() + " in " + channel;
      assertThat(mine.metadata()).as(what).doesNotContainKey(ARCH);
      assertThat(mine.metadata().keySet()).as(what + " metadata keys").isEqualTo(theirs.metadata().keySet());
      assertThat(mine.metadata().get(URL)).as(what + " url").isEqualTo(theirs.metadata().get(URL));
      assertThat(mine.metadata().get(MANIFEST_REF)).as(what + " manifestref").isEqualTo(theirs.metadata().get(MANIFEST_REF));
      if (stale.contains(theirs.version())) {
        assertThat(channels(mine)).as(what + " channels (capture older than graph-data)").containsAll(channels(theirs));
      } else {
        assertThat(mine.metadata().get(CHANNELS)).as(what + " channels").isEqualTo(theirs.metadata().get(CHANNELS));
      }
      List<String> patterns = blockPatterns(theirs.version());
      if (patterns.isEmpty()) {
        assertThat(theirs.metadata()).doesNotContainKey(PREVIOUS_REMOVE_REGEX);
      } else {
        assertThat(mine.metadata().get(PREVIOUS_REMOVE_REGEX)).as(what + " remove_regex, in file-name order").isEqualTo(String.join("|", patterns));
        assertSamePatterns(theirs.metadata().get(PREVIOUS_REMOVE_REGEX), patterns, what);
      }
    }
  }

  private static Map<String, String> payloads(ServedGraph g) {
    Map<String, String> result = new HashMap<>();
    g.nodes().forEach((v, r) -> result.put(v, r.payload()));
    return result;
  }

  private static List<String> channels(Release r) {
    return Arrays.asList(r.metadata().get(CHANNELS).split(","));
  }

  /** The {@code from} patterns of every blocked edge to {@code version} on amd64, by file name. */
  private static List<String> blockPatterns(String version) {
    return graphData.blockedEdges().stream()
        .filter(b -> b.to().equals(version) || b.to().equals(version + "+" + ARCH_AMD64))
        .map(b -> b.from().pattern())
        .toList();
  }

  /**
   * The reference joins the {@code from} patterns in the order its directory walk returns the
   * files, ours in file-name order, and a pattern may itself contain {@code |}; so the captured
   * value is checked to be exactly the multiset of patterns joined by {@code |} in some order: every
   * pattern occurrence is cut out (longest first, so a pattern that is part of a longer one does
   * not eat into it) and only the separators may remain.
   */
  private static void assertSamePatterns(String capturedRegex, List<String> patterns, String what) {
    assertThat(capturedRegex).as(what + " captured remove_regex").isNotNull();
    List<String> longestFirst = new ArrayList<>(patterns);
    longestFirst.sort(Comparator.comparingInt(String::length).reversed());
    String rest = capturedRegex;
    for (String p : longestFirst) {
      int at = rest.indexOf(p);
      assertThat(at).as(what + ": captured remove_regex lacks pattern " + p).isNotNegative();
      rest = rest.substring(0, at) + rest.substring(at + p.length());
    }
    assertThat(rest).as(what + ": captured remove_regex has more than our patterns").isEqualTo("|".repeat(patterns.size() - 1));
  }
}
