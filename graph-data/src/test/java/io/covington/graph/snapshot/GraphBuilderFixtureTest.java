package io.covington.graph.snapshot;

import static io.covington.graph.model.MetadataKeys.CHANNELS;
import static io.covington.graph.model.MetadataKeys.PREVIOUS_REMOVE;
import static io.covington.graph.model.MetadataKeys.PREVIOUS_REMOVE_REGEX;
import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.input.BlockedEdge;
import io.covington.graph.input.GraphData;
import io.covington.graph.input.GraphDataReader;
import io.covington.graph.input.RawGraphReader;
import io.covington.graph.input.ReleaseSet;
import io.covington.graph.model.Release;
import io.covington.graph.model.Risk;
import io.covington.graph.model.VersionPair;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reference server's own golden test (openshift/cincinnati, fixture {@code 20211124.083150}),
 * reproduced with our builder: upstream compares {@code edge-add-remove(secondary-metadata(raw))}
 * with {@code edge-add-remove(expected)}, ignoring the {@code previous.remove_regex} and {@code
 * previous.remove} keys. Here "ours" is the raw graph built with the fixture's graph-data, and
 * "expected" is the expected file built with no graph-data: its metadata already carries the
 * {@code remove_regex}/{@code previous.add} keys the reference wrote, which our builder applies as
 * release metadata, just as upstream's edge-add-remove step does.
 */
class GraphBuilderFixtureTest {

  private static final String FIXTURE = "/corpus/graph-builder-fixture-20211124/";
  private static final String ASSEMBLY_HACK = "4.8.0-assembly.hack";

  private static ReleaseSet raw;
  private static ReleaseSet expectedReleases;
  private static GraphData data;
  private static GraphSnapshot ours;
  private static GraphSnapshot expected;
  private static Set<String> fixtureRisks;

  @BeforeAll
  static void build() throws Exception {
    raw = RawGraphReader.read(bytes("graph-gb-raw.json"), "graph-gb-raw.json");
    expectedReleases = RawGraphReader.read(bytes("graph-gb-with-quay-metadata.json"), "graph-gb-with-quay-metadata.json");
    Path version = Path.of(GraphBuilderFixtureTest.class.getResource(FIXTURE + "cincinnati-graph-data/version").toURI());
    data = GraphDataReader.read(version.getParent());
    ours = GraphSnapshot.build(raw, data);
    expected = GraphSnapshot.build(expectedReleases, GraphData.empty());
    fixtureRisks = ServedGraph.parse(ServedGraph.resource(FIXTURE + "graph-gb-with-quay-metadata.json"), "amd64").risks().keySet();
  }

  private static byte[] bytes(String name) throws Exception {
    try (InputStream in = GraphBuilderFixtureTest.class.getResourceAsStream(FIXTURE + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void theFixtureIsReadCompletely() {
    // The sizes stated by the fixture's SOURCES.md: a reader that skipped nodes or edges silently
    // would make every comparison below vacuous.
    assertThat(raw.problems()).isEmpty();
    assertThat(expectedReleases.problems()).isEmpty();
    assertThat(data.problems()).isEmpty();
    assertThat(raw.releases()).hasSize(1085);
    assertThat(raw.edges()).hasSize(19478);
    assertThat(expectedReleases.releases()).hasSize(1085);
    assertThat(expectedReleases.edges()).hasSize(19478);
    assertThat(data.layoutVersion()).isEqualTo("1.1.0");
    assertThat(data.channels()).hasSize(29);
    assertThat(data.blockedEdges()).hasSize(89);
    assertThat(ours.architectures()).containsExactly("amd64", "arm64", "ppc64le", "s390x");
    assertThat(ours.architectures().stream().mapToInt(a -> ours.archGraph(a).orElseThrow().releases().size()).sum()).isEqualTo(1085);
  }

  /**
   * The raw graph declares 20 updates that do not lead to a newer version: 10 from 4.8.x into
   * {@code 4.8.0-assembly.hack+amd64} (SemVer orders the pre-release before 4.8.0) and 10 from
   * 4.4.18–4.4.31 into {@code 4.4.0+s390x} (that image's {@code previous} list names them). They
   * close no cycle, and the reference serves them (4.4.18 → 4.4.0 in candidate-4.4 on s390x), so
   * a drop-in server must too; only updates that close a cycle are dropped.
   */
  @Test
  void declaredDowngradesOutsideCyclesAreServedAsTheReferenceServesThem() {
    Set<String> downgrades = expectedReleases.edges().stream()
        .filter(e -> Versions.PRECEDENCE.compare(version(e.fromId()), version(e.toId())) >= 0)
        .map(e -> version(e.fromId()) + " -> " + version(e.toId()))
        .collect(Collectors.toSet());
    assertThat(downgrades).hasSize(20);
    for (GraphSnapshot s : List.of(ours, expected)) {
      assertThat(s.problems()).isEmpty();
    }
    Release target = expectedReleases.releases().stream().filter(r -> r.id().equals("4.4.0+s390x")).findFirst().orElseThrow();
    assertThat(target.metadata()).doesNotContainKeys(PREVIOUS_REMOVE, PREVIOUS_REMOVE_REGEX);
    ServedGraph candidate44 = ServedGraph.of(ours.channel("candidate-4.4", "s390x").orElseThrow());
    assertThat(candidate44.nodes()).containsKeys("4.4.0", "4.4.18");
    assertThat(candidate44.edges()).contains(new VersionPair("4.4.18", "4.4.0"));
    assertThat(data.channels()).allSatisfy(c -> assertThat(c.versions()).doesNotContain(ASSEMBLY_HACK, ASSEMBLY_HACK + "+amd64"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"amd64", "arm64", "ppc64le", "s390x"})
  void nodesAndTheirMetadataMatchTheExpectedGraph(String arch) {
    ArchGraph mine = ours.archGraph(arch).orElseThrow();
    ArchGraph theirs = expected.archGraph(arch).orElseThrow();
    assertThat(versions(mine.releases())).isEqualTo(versions(theirs.releases()));
    int channelled = 0;
    for (Release r : mine.releases()) {
      Release x = theirs.release(r.version()).orElseThrow();
      assertThat(r.payload()).as(r.id()).isEqualTo(x.payload());
      if (r.isAbstract()) {
        // A release known only as another's previous/next target: the reference gives it no
        // metadata at all, we give it its channel list. It is never served (channel graphs hold
        // releases with a payload only), so this is not compared.
        continue;
      }
      channelled += r.metadata().containsKey(CHANNELS) ? 1 : 0;
      assertThat(r.metadata().get(CHANNELS)).as(r.id() + " channels").isEqualTo(x.metadata().get(CHANNELS));
      assertThat(withoutRemovalKeys(r.metadata())).as(r.id() + " metadata").isEqualTo(withoutRemovalKeys(x.metadata()));
    }
    assertThat(channelled).as("releases in some channel").isPositive();
  }

  /**
   * The served updates. Ours: plain ∪ conditional; expected: plain only, because the expected
   * file cannot express conditional updates the way the API serves them now: its three {@code
   * conditionalEdges} groups carry the risks with empty {@code edges} lists, and the reference
   * wrote the {@code from} patterns of the conditional blocks into {@code 4.7.4}'s {@code
   * remove_regex} too, so building the expected file removes those updates outright. Our builder
   * keeps them as conditional updates, as api.openshift.com serves them (see {@link
   * OpenShiftGoldenTest}). So: the plain updates must be identical, and the updates we serve on top
   * must be exactly the updates into 4.7.4 that the fixture's conditional blocks match (none on
   * arm64, which has no 4.7.4), carrying exactly the fixture's risks.
   */
  @ParameterizedTest
  @ValueSource(strings = {"amd64", "arm64", "ppc64le", "s390x"})
  void servedUpdatesMatchTheExpectedGraph(String arch) {
    ArchGraph mine = ours.archGraph(arch).orElseThrow();
    ArchGraph theirs = expected.archGraph(arch).orElseThrow();
    Set<VersionPair> plain = new HashSet<>();
    Map<VersionPair, Set<String>> conditional = new HashMap<>();
    for (UpdateEdge e : mine.graph().edgeSet()) {
      VersionPair p = new VersionPair(e.from().version(), e.to().version());
      if (e.isConditional()) {
        conditional.put(p, e.risks().stream().map(Risk::name).collect(Collectors.toSet()));
      } else {
        plain.add(p);
      }
    }
    Set<VersionPair> expectedPlain = pairs(theirs);
    assertThat(theirs.graph().edgeSet()).noneMatch(UpdateEdge::isConditional);
    assertThat(plain).as("plain updates").isEqualTo(expectedPlain);
    assertThat(plain).isNotEmpty();

    Set<VersionPair> servedOnTop = new HashSet<>(conditional.keySet());
    servedOnTop.removeAll(expectedPlain);
    assertThat(servedOnTop).as("conditional updates are never also plain").isEqualTo(conditional.keySet());
    Set<VersionPair> conditionallyBlocked = new HashSet<>();
    for (VersionPair p : declaredPairs(arch)) {
      List<BlockedEdge> blocks = data.blockedEdges().stream().filter(b -> b.matches(p.from() + "+" + arch, p.to(), p.to() + "+" + arch)).toList();
      if (!blocks.isEmpty() && blocks.stream().allMatch(BlockedEdge::isConditional)) {
        conditionallyBlocked.add(p);
      }
    }
    assertThat(conditional.keySet()).as("conditional updates").isEqualTo(conditionallyBlocked);
    assertThat(conditional.keySet()).allSatisfy(p -> assertThat(p.to()).isEqualTo("4.7.4"));
    // What the expected side removed by remove_regex covers what we made conditional.
    Set<VersionPair> removedByRegex = theirs.removals().stream()
        .filter(r -> r.reason().equals("previous.remove_regex"))
        .map(r -> new VersionPair(version(r.fromId()), version(r.toId())))
        .collect(Collectors.toSet());
    assertThat(removedByRegex).containsAll(conditional.keySet());
    if (!arch.equals("arm64")) {
      assertThat(conditional).hasSize(21);
      Set<String> ourRisks = mine.graph().edgeSet().stream().flatMap(e -> e.risks().stream()).map(Risk::name).collect(Collectors.toSet());
      assertThat(ourRisks).isEqualTo(fixtureRisks).hasSize(3);
    } else {
      assertThat(conditional).isEmpty();
    }
  }

  private static Set<VersionPair> declaredPairs(String arch) {
    String suffix = "+" + arch;
    return raw.edges().stream()
        .filter(e -> e.fromId().endsWith(suffix) && e.toId().endsWith(suffix))
        .map(e -> new VersionPair(version(e.fromId()), version(e.toId())))
        .collect(Collectors.toSet());
  }

  private static Set<VersionPair> pairs(ArchGraph g) {
    return g.graph().edgeSet().stream().map(e -> new VersionPair(e.from().version(), e.to().version())).collect(Collectors.toSet());
  }

  private static String version(String id) {
    return id.substring(0, id.indexOf('+'));
  }

  private static Set<String> versions(List<Release> releases) {
    return releases.stream().map(Release::version).collect(Collectors.toSet());
  }

  private static Map<String, String> withoutRemovalKeys(Map<String, String> metadata) {
    Map<String, String> result = new HashMap<>(metadata);
    result.remove(PREVIOUS_REMOVE_REGEX);
    result.remove(PREVIOUS_REMOVE);
    return result;
  }
}
