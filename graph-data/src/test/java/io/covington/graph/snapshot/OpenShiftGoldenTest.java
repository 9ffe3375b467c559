package io.covington.graph.snapshot;

import static io.covington.graph.model.MetadataKeys.ARCH;
import static io.covington.graph.model.MetadataKeys.CHANNELS;
import static io.covington.graph.model.MetadataKeys.MANIFEST_REF;
import static io.covington.graph.model.MetadataKeys.PREVIOUS_REMOVE_REGEX;
import static io.covington.graph.model.MetadataKeys.URL;
import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.bundled.BundledData;
import io.covington.graph.input.BlockedEdge;
import io.covington.graph.input.Channel;
import io.covington.graph.input.GraphData;
import io.covington.graph.input.GraphDataReader;
import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.ReleaseEdge;
import io.covington.graph.input.ReleaseSet;
import io.covington.graph.model.ChannelGraph;
import io.covington.graph.model.Release;
import io.covington.graph.model.Risk;
import io.covington.graph.model.VersionPair;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden test of the OpenShift graph: the bundled default serves what api.openshift.com served for
 * each of the 76 channels of the bundled graph-data (captures of every channel in {@code
 * corpus/graphs/ocp-api-amd64/}, the newest of them minutes after that graph-data commit).
 * Graphs are compared as sets.
 *
 * <p>The capture repository only commits a response when its node/edge set changes ("Conditional-
 * edge-only or metadata-only changes are therefore NOT reflected"), so an older capture can lag
 * the graph-data in two ways, and only in these: a release promoted to further channels since
 * still shows its old, shorter channel list; a risk whose message graph-data reworded since still
 * shows the old text. Neither is taken on trust: the promotion must show in the capture of the
 * channel it was promoted to, and the reworded risk must be served with our text on the same
 * update by a newer capture.
 */
class OpenShiftGoldenTest {

  private static final String ARCH_AMD64 = "amd64";


  private static GraphData graphData;
  private static ReleaseSet bundledReleases;
  private static GraphSnapshot bundledSnapshot;
  private static Map<String, ServedGraph> captures;
  private static Map<String, Instant> capturedAt;

  @BeforeAll
  static void load() throws InvalidInputException, IOException {
    // The real openshift/cincinnati-graph-data alone; the server's default lays the OKD channels over it.
    graphData = GraphDataReader.read(BundledData.directory("openshift/graph-data"));
    bundledReleases = BundledData.releases();
    bundledSnapshot = GraphSnapshot.build(bundledReleases, BundledData.graphData());
    captures = new TreeMap<>();
    capturedAt = new HashMap<>();
    try (InputStream in = OpenShiftGoldenTest.class.getResourceAsStream("/corpus/graphs/ocp-api-amd64-capture-dates.tsv")) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
      for (String line : lines) {
        String[] cols = line.split("\t");
        captures.put(cols[0], captured(cols[0]));
        capturedAt.put(cols[0], OffsetDateTime.parse(cols[3]).toInstant());
      }
    }
  }

  static Stream<String> graphDataChannels() throws InvalidInputException {
    return GraphDataReader.read(BundledData.directory("openshift/graph-data")).channels().stream().map(Channel::name).sorted();
  }

  @Test
  void everyChannelOfTheGraphDataWasCaptured() throws InvalidInputException {
    assertThat(captures).hasSize(77);
    assertThat(captures.keySet()).containsAll(graphDataChannels().toList());
    // The 77th is the orphan 2020 stable-4.0, which graph-data no longer has.
    assertThat(graphData.channels().stream().map(Channel::name)).doesNotContain("stable-4.0");
  }

  @ParameterizedTest
  @MethodSource("graphDataChannels")
  void theBundledDefaultServesEveryChannelWithItsReleases(String channel) {
    Channel declared = graphData.channels().stream().filter(c -> c.name().equals(channel)).findFirst().orElseThrow();
    Set<String> expected = new TreeSet<>();
    for (String v : declared.versions()) {
      // The 4.2 channels also list 4.2.10-s390x … 4.2.14-s390x, which are not amd64 releases, and
      // name some amd64 releases with their suffix (4.2.14+amd64).
      if (!v.endsWith("-s390x")) {
        expected.add(v.endsWith("+" + ARCH_AMD64) ? v.substring(0, v.length() - ARCH_AMD64.length() - 1) : v);
      }
    }

    ChannelGraph served = bundledSnapshot.channel(channel, ARCH_AMD64).orElseThrow();

    assertThat(expected).as("graph-data lists releases in " + channel).isNotEmpty();
    assertThat(served.nodes().stream().map(Release::version)).as(channel).containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest
  @MethodSource("graphDataChannels")
  void theBundledDefaultServesTheCapturedGraph(String channel) {
    assertSameGraph(channel, ServedGraph.of(bundledSnapshot.channel(channel, ARCH_AMD64).orElseThrow()), captures.get(channel));
  }

  @ParameterizedTest
  @ValueSource(strings = {"stable-4.16", "candidate-4.14"})
  void rebuildingTheCapturedReleasesWithTheRealGraphDataGivesTheCapturedGraph(String channel) {
    ServedGraph captured = captures.get(channel);
    ReleaseSet releases = captured.toReleaseSet(ARCH_AMD64, List.of(URL, MANIFEST_REF));

    GraphSnapshot snapshot = GraphSnapshot.build(releases, graphData);

    assertThat(snapshot.problems()).isEmpty();
    assertSameGraph(channel, ServedGraph.of(snapshot.channel(channel, ARCH_AMD64).orElseThrow()), captured);
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
    // 1,368 OpenShift releases derived from the 77 captures, the OKD releases, 2 OKD channels.
    long openshift = bundledReleases.releases().stream().filter(r -> r.payload().startsWith("quay.io/openshift-release-dev/ocp-release@")).count();
    assertThat(openshift).isEqualTo(1368);
    assertThat(bundledSnapshot.channels(ARCH_AMD64)).hasSize(76 + 2);
    assertThat(bundledSnapshot.architectures()).containsExactly(ARCH_AMD64);
  }

  /**
   * The real 2021 raw graph of the reference's own test fixture declares updates that no capture
   * serves: the bundled releases carry them (where both ends are the same payload), and the
   * snapshot must remove every one of them, with a reason and the file or release that said so.
   */
  @Test
  void theRawUpdatesNoCaptureServesAreRemovedWithAReason() {
    Set<VersionPair> served = new HashSet<>();
    captures.values().forEach(g -> {
      served.addAll(g.edges());
      served.addAll(g.conditional().keySet());
    });
    Set<String> openshift = new HashSet<>();
    captures.values().forEach(g -> openshift.addAll(g.nodes().keySet()));
    Set<VersionPair> declared = new HashSet<>();
    for (ReleaseEdge e : bundledReleases.edges()) {
      VersionPair pair = new VersionPair(version(e.fromId()), version(e.toId()));
      if (openshift.contains(pair.from())) { // not the OKD releases'
        declared.add(pair);
      }
    }
    Set<VersionPair> neverServed = new HashSet<>(declared);
    neverServed.removeAll(served);

    Map<VersionPair, EdgeRemoval> removed = new HashMap<>();
    for (EdgeRemoval r : bundledSnapshot.archGraph(ARCH_AMD64).orElseThrow().removals()) {
      removed.put(new VersionPair(version(r.fromId()), version(r.toId())), r);
    }

    assertThat(neverServed).as("updates only the raw 2021 graph declares").hasSize(818);
    // Those not removed cannot be served: no channel has both ends (4.8.0 → 4.9.0-rc.0, say, once
    // the 4.9 release candidates left candidate-4.9).
    Set<VersionPair> inNoChannel = new HashSet<>(neverServed);
    inNoChannel.removeAll(removed.keySet());
    for (VersionPair p : inNoChannel) {
      assertThat(graphData.channels()).as(p + " is neither removed nor in a channel with both ends")
          .noneMatch(c -> c.versions().contains(p.from()) && c.versions().contains(p.to()));
    }
    assertThat(inNoChannel).hasSizeLessThan(20);
    Map<String, Long> byReason = new TreeMap<>();
    for (VersionPair p : neverServed) {
      if (inNoChannel.contains(p)) {
        continue;
      }
      EdgeRemoval r = removed.get(p);
      byReason.merge(r.reason(), 1L, Long::sum);
      assertThat(r.source()).as(p.toString()).isNotBlank();
      if (r.reason().equals(EdgeRemoval.BLOCKED_EDGE)) {
        assertThat(r.source()).as(p.toString()).startsWith("blocked-edges/");
        assertThat(r.blocks()).as(p.toString()).isNotEmpty().allMatch(b -> !b.isConditional());
      }
    }
    assertThat(byReason.get(EdgeRemoval.BLOCKED_EDGE)).as("removals by reason: " + byReason).isGreaterThan(100);
  }

  private static String version(String id) {
    int plus = id.indexOf('+');
    return plus < 0 ? id : id.substring(0, plus);
  }

  private static ServedGraph captured(String channel) {
    return ServedGraph.parse(ServedGraph.resource("/corpus/graphs/ocp-api-amd64/" + channel + ".json"), ARCH_AMD64);
  }

  /** The channels whose capture has {@code version}: the channel list the graph-data gives it. */
  private static Set<String> capturedChannelsOf(String version) {
    Set<String> result = new TreeSet<>();
    captures.forEach((name, g) -> {
      if (g.nodes().containsKey(version) && graphData.channels().stream().anyMatch(c -> c.name().equals(name))) {
        result.add(name);
      }
    });
    return result;
  }

  private static void assertSameGraph(String channel, ServedGraph ours, ServedGraph captured) {
    assertThat(ours.nodes().keySet()).as("node versions").containsExactlyInAnyOrderElementsOf(captured.nodes().keySet());
    assertThat(payloads(ours)).as("payloads").isEqualTo(payloads(captured));
    assertThat(ours.edges()).as("plain edges").containsExactlyInAnyOrderElementsOf(captured.edges());
    assertThat(ours.conditional()).as("conditional edges → risk names").isEqualTo(captured.conditional());
    assertSameRisks(channel, ours, captured);

    for (Release theirs : captured.nodes().values()) {
      Release mine = ours.nodes().get(theirs.version());
      String what = theirs.version() + " in " + channel;
      assertThat(mine.metadata()).as(what).doesNotContainKey(ARCH);
      assertThat(mine.metadata().keySet()).as(what + " metadata keys").isEqualTo(theirs.metadata().keySet());
      assertThat(mine.metadata().get(URL)).as(what + " url").isEqualTo(theirs.metadata().get(URL));
      assertThat(mine.metadata().get(MANIFEST_REF)).as(what + " manifestref").isEqualTo(theirs.metadata().get(MANIFEST_REF));
      Set<String> myChannels = new TreeSet<>(channels(mine));
      assertThat(myChannels).as(what + ": our channels are those whose capture has it").isEqualTo(capturedChannelsOf(theirs.version()));
      if (myChannels.equals(new TreeSet<>(channels(theirs)))) {
        assertThat(mine.metadata().get(CHANNELS)).as(what + " channels, in the reference's order").isEqualTo(theirs.metadata().get(CHANNELS));
      } else {
        assertThat(myChannels).as(what + " channels (capture older than a promotion)").containsAll(channels(theirs));
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

  /**
   * Every conditional update carries the captured risks (url, message, rules); where a risk's text
   * differs, graph-data reworded it after this capture: a newer capture must serve that same update
   * with exactly our risk.
   */
  private static void assertSameRisks(String channel, ServedGraph ours, ServedGraph captured) {
    Map<VersionPair, Set<Risk>> mine = ours.fullRisks();
    Map<VersionPair, Set<Risk>> theirs = captured.fullRisks();
    assertThat(mine.keySet()).isEqualTo(theirs.keySet());
    for (Map.Entry<VersionPair, Set<Risk>> e : theirs.entrySet()) {
      Set<Risk> differing = new HashSet<>(mine.get(e.getKey()));
      differing.removeAll(e.getValue());
      for (Risk risk : differing) {
        String what = channel + " " + e.getKey() + " " + risk.name();
        boolean newerCaptureAgrees = captures.entrySet().stream()
            .filter(c -> capturedAt.get(c.getKey()).isAfter(capturedAt.get(channel)))
            .anyMatch(c -> c.getValue().fullRisks().getOrDefault(e.getKey(), Set.of()).contains(risk));
        assertThat(newerCaptureAgrees).as(what + ": our text " + risk + " differs from the capture's and no newer capture serves it").isTrue();
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
