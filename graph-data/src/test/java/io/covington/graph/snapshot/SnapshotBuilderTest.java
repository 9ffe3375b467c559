package io.covington.graph.snapshot;

import static io.covington.graph.model.MetadataKeys.ARCH;
import static io.covington.graph.model.MetadataKeys.CHANNELS;
import static io.covington.graph.model.MetadataKeys.NEXT_ADD;
import static io.covington.graph.model.MetadataKeys.NEXT_REMOVE;
import static io.covington.graph.model.MetadataKeys.PREVIOUS_ADD;
import static io.covington.graph.model.MetadataKeys.PREVIOUS_REMOVE;
import static io.covington.graph.model.MetadataKeys.PREVIOUS_REMOVE_REGEX;
import static io.covington.graph.model.MetadataKeys.RELEASE_REMOVE;
import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.input.InvalidInputException;
import io.covington.graph.model.ChannelGraph;
import io.covington.graph.model.ConditionalUpdateGroup;
import io.covington.graph.model.MatchingRule;
import io.covington.graph.model.Release;
import io.covington.graph.model.Risk;
import io.covington.graph.model.VersionPair;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The graph builder's rules, one small hand-written input each. */
class SnapshotBuilderTest {

  @TempDir Path dir;

  private GraphFixture fixture;

  @BeforeEach
  void fixture() {
    fixture = new GraphFixture(dir);
  }

  /** 4.1.0 → 4.1.1 → 4.1.2 and 4.1.0 → 4.1.2 on one arch, all in stable-4.1. */
  private GraphFixture chain(String arch) {
    return fixture
        .release("4.1.0", arch, List.of())
        .release("4.1.1", arch, List.of("4.1.0"))
        .release("4.1.2", arch, List.of("4.1.0", "4.1.1"))
        .channel("stable-4.1", "4.1.0", "4.1.1", "4.1.2");
  }

  private static ServedGraph served(GraphSnapshot s, String channel, String arch) {
    return ServedGraph.of(s.channel(channel, arch).orElseThrow());
  }

  private static ServedGraph stable(GraphSnapshot s) {
    return served(s, "stable-4.1", "amd64");
  }

  private static VersionPair pair(String from, String to) {
    return new VersionPair(from, to);
  }

  private static Set<VersionPair> all(ServedGraph g) {
    Set<VersionPair> result = new HashSet<>(g.edges());
    result.addAll(g.conditional().keySet());
    return result;
  }

  @Test
  void withoutGraphDataEveryDeclaredUpdateIsServed() throws InvalidInputException {
    GraphSnapshot s = chain("amd64").build();

    assertThat(s.problems()).isEmpty();
    assertThat(stable(s).nodes()).containsOnlyKeys("4.1.0", "4.1.1", "4.1.2");
    assertThat(stable(s).edges()).containsExactlyInAnyOrder(pair("4.1.0", "4.1.1"), pair("4.1.0", "4.1.2"), pair("4.1.1", "4.1.2"));
    assertThat(stable(s).conditional()).isEmpty();
  }

  @Test
  void anUnconditionalBlockRemovesTheUpdateAndRecordsWhy() throws InvalidInputException {
    GraphSnapshot s = chain("amd64").block("4.1.2-bug.yaml", "4.1.2", "4\\.1\\.1").build();

    assertThat(stable(s).edges()).containsExactlyInAnyOrder(pair("4.1.0", "4.1.1"), pair("4.1.0", "4.1.2"));
    assertThat(stable(s).conditional()).isEmpty();
    assertThat(s.archGraph("amd64").orElseThrow().removals())
        .usingRecursiveFieldByFieldElementComparatorOnFields("fromId", "toId", "reason", "source")
        .containsExactly(new EdgeRemoval("4.1.1+amd64", "4.1.2+amd64", "blocked-edge", "blocked-edges/4.1.2-bug.yaml"));
  }

  @Test
  void aConditionalBlockMakesTheExistingUpdateConditionalWithItsRisk() throws InvalidInputException {
    GraphSnapshot s = chain("amd64").risk("4.1.2-risk.yaml", "4.1.2", "4\\.1\\.1", "SomeRisk").build();

    ChannelGraph g = s.channel("stable-4.1", "amd64").orElseThrow();
    assertThat(stable(s).edges()).containsExactlyInAnyOrder(pair("4.1.0", "4.1.1"), pair("4.1.0", "4.1.2"));
    assertThat(g.conditionalEdges()).containsExactly(new ConditionalUpdateGroup(
        List.of(pair("4.1.1", "4.1.2")),
        List.of(new Risk("SomeRisk", "https://issues.example.com/SomeRisk", "SomeRisk may break the update.", List.of(MatchingRule.always())))));
    assertThat(s.archGraph("amd64").orElseThrow().removals()).isEmpty();
  }

  @Test
  void aBlockNeverCreatesAnUpdate() throws InvalidInputException {
    GraphSnapshot s = fixture
        .release("4.1.0", List.of())
        .release("4.1.1", List.of())
        .channel("stable-4.1", "4.1.0", "4.1.1")
        .risk("4.1.1-risk.yaml", "4.1.1", ".*", "SomeRisk")
        .block("4.1.1-bug.yaml", "4.1.1", "4\\.1\\.0")
        .build();

    assertThat(all(stable(s))).isEmpty();
    assertThat(s.archGraph("amd64").orElseThrow().removals()).isEmpty();
  }

  @Test
  void twoRisksOnOnePairAreOneGroupWithBoth() throws InvalidInputException {
    GraphSnapshot s = chain("amd64")
        .risk("4.1.2-a.yaml", "4.1.2", "4\\.1\\.1", "RiskA")
        .risk("4.1.2-b.yaml", "4.1.2", "4\\.1\\..*", "RiskB")
        .build();

    ChannelGraph g = s.channel("stable-4.1", "amd64").orElseThrow();
    Map<Set<String>, List<VersionPair>> groups = g.conditionalEdges().stream().collect(Collectors.toMap(
        c -> c.risks().stream().map(Risk::name).collect(Collectors.toSet()), ConditionalUpdateGroup::edges));
    assertThat(groups).containsOnly(
        Map.entry(Set.of("RiskA", "RiskB"), List.of(pair("4.1.1", "4.1.2"))),
        Map.entry(Set.of("RiskB"), List.of(pair("4.1.0", "4.1.2"))));
    assertThat(stable(s).edges()).containsExactly(pair("4.1.0", "4.1.1"));
  }

  /** Our documented choice: a block without rules wins over conditional ones on the same update. */
  @Test
  void anUnconditionalAndAConditionalBlockOnOnePairRemoveIt() throws InvalidInputException {
    GraphSnapshot s = chain("amd64")
        .risk("4.1.2-a-risk.yaml", "4.1.2", "4\\.1\\.1", "RiskA")
        .block("4.1.2-b-bug.yaml", "4.1.2", "4\\.1\\.1")
        .build();

    assertThat(all(stable(s))).containsExactlyInAnyOrder(pair("4.1.0", "4.1.1"), pair("4.1.0", "4.1.2"));
    assertThat(stable(s).conditional()).isEmpty();
    assertThat(s.archGraph("amd64").orElseThrow().removals())
        .usingRecursiveFieldByFieldElementComparatorOnFields("fromId", "toId", "reason", "source")
        .containsExactly(new EdgeRemoval("4.1.1+amd64", "4.1.2+amd64", "blocked-edge", "blocked-edges/4.1.2-b-bug.yaml"));
  }

  @Test
  void fromIsAnUnanchoredSearchInTheSourceVersionWithItsArch() throws InvalidInputException {
    chain("amd64");
    chain("arm64");
    // "1\.1" is found inside "4.1.1+amd64" (not a full match); "arm64$" only in arm64 sources.
    GraphSnapshot s = fixture
        .block("4.1.2-a.yaml", "4.1.2", "1\\.1")
        .block("4.1.1-b.yaml", "4.1.1", "\\+arm64$")
        .build();

    assertThat(all(stable(s))).containsExactlyInAnyOrder(pair("4.1.0", "4.1.1"), pair("4.1.0", "4.1.2"));
    assertThat(all(served(s, "stable-4.1", "arm64"))).containsExactly(pair("4.1.0", "4.1.2"));
  }

  @Test
  void aToWithoutArchAppliesOnEveryArchAndOneWithArchOnlyThere() throws InvalidInputException {
    chain("amd64");
    chain("arm64");
    GraphSnapshot s = fixture
        .block("4.1.2-all.yaml", "4.1.2", "4\\.1\\.1")
        .block("4.1.1-arm.yaml", "4.1.1+arm64", "4\\.1\\.0")
        .build();

    assertThat(all(stable(s))).containsExactlyInAnyOrder(pair("4.1.0", "4.1.1"), pair("4.1.0", "4.1.2"));
    assertThat(all(served(s, "stable-4.1", "arm64"))).containsExactly(pair("4.1.0", "4.1.2"));
  }

  @Test
  void previousAddAndNextAddCreateUpdates() throws InvalidInputException {
    GraphSnapshot s = fixture
        .release("4.1.0", List.of(), NEXT_ADD, "4.1.2")
        .release("4.1.1", List.of())
        .release("4.1.2", List.of())
        .release("4.1.3", List.of(), PREVIOUS_ADD, "4.1.1, 4.1.2")
        .channel("stable-4.1", "4.1.0", "4.1.1", "4.1.2", "4.1.3")
        .build();

    assertThat(s.problems()).isEmpty();
    assertThat(stable(s).edges()).containsExactlyInAnyOrder(pair("4.1.0", "4.1.2"), pair("4.1.1", "4.1.3"), pair("4.1.2", "4.1.3"));
  }

  @Test
  void previousRemoveStarRemovesEveryIncomingUpdate() throws InvalidInputException {
    GraphSnapshot s = fixture
        .release("4.1.0", List.of())
        .release("4.1.1", List.of("4.1.0"))
        .release("4.1.2", List.of("4.1.0", "4.1.1"), PREVIOUS_REMOVE, "*")
        .channel("stable-4.1", "4.1.0", "4.1.1", "4.1.2")
        .build();

    assertThat(all(stable(s))).containsExactly(pair("4.1.0", "4.1.1"));
    assertThat(s.archGraph("amd64").orElseThrow().removals()).extracting(EdgeRemoval::toId, EdgeRemoval::reason)
        .containsOnly(Tuple.tuple("4.1.2+amd64", "previous.remove")).hasSize(2);
  }

  @Test
  void previousRemoveAndNextRemoveRemoveTheNamedUpdates() throws InvalidInputException {
    GraphSnapshot s = fixture
        .release("4.1.0", List.of(), NEXT_REMOVE, "4.1.2")
        .release("4.1.1", List.of("4.1.0"))
        .release("4.1.2", List.of("4.1.0", "4.1.1"))
        .release("4.1.3", List.of("4.1.0", "4.1.1", "4.1.2"), PREVIOUS_REMOVE, "4.1.1")
        .channel("stable-4.1", "4.1.0", "4.1.1", "4.1.2", "4.1.3")
        .build();

    assertThat(all(stable(s))).containsExactlyInAnyOrder(pair("4.1.0", "4.1.1"), pair("4.1.1", "4.1.2"), pair("4.1.0", "4.1.3"), pair("4.1.2", "4.1.3"));
  }

  @Test
  void previousRemoveRegexInReleaseMetadataRemovesMatchingUpdates() throws InvalidInputException {
    GraphSnapshot s = fixture
        .release("4.0.9", List.of())
        .release("4.1.0", List.of())
        .release("4.1.1", List.of("4.0.9", "4.1.0"), PREVIOUS_REMOVE_REGEX, "4\\.0\\..*")
        .channel("stable-4.1", "4.0.9", "4.1.0", "4.1.1")
        .build();

    assertThat(all(stable(s))).containsExactly(pair("4.1.0", "4.1.1"));
    assertThat(s.archGraph("amd64").orElseThrow().removals())
        .usingRecursiveFieldByFieldElementComparatorOnFields("fromId", "toId", "reason", "source")
        .containsExactly(new EdgeRemoval("4.0.9+amd64", "4.1.1+amd64", "previous.remove_regex", "release 4.1.1+amd64 " + PREVIOUS_REMOVE_REGEX));
  }

  @Test
  void releaseRemoveDropsTheReleaseAndItsUpdates() throws InvalidInputException {
    GraphSnapshot s = chain("amd64").release("4.1.1", "amd64", List.of("4.1.0"), RELEASE_REMOVE, "true").build();

    assertThat(stable(s).nodes()).containsOnlyKeys("4.1.0", "4.1.2");
    assertThat(all(stable(s))).containsExactly(pair("4.1.0", "4.1.2"));
    assertThat(s.archGraph("amd64").orElseThrow().release("4.1.1")).isEmpty();
  }

  @Test
  void rawMetadataIsMergedIntoEveryArchAndAppendsToAnExistingKey() throws InvalidInputException {
    GraphSnapshot s = fixture
        .release("4.1.0", List.of())
        .release("4.1.1", List.of())
        .release("4.1.2", List.of(), PREVIOUS_ADD, "4.1.0")
        .release("4.1.0", "arm64", List.of())
        .release("4.1.2", "arm64", List.of())
        .channel("stable-4.1", "4.1.0", "4.1.1", "4.1.2")
        .rawMetadata(Map.of("4.1.2", Map.of(PREVIOUS_ADD, "4.1.1", "note", "x")))
        .build();

    Release amd64 = stable(s).nodes().get("4.1.2");
    assertThat(amd64.metadata()).containsEntry(PREVIOUS_ADD, "4.1.0,4.1.1").containsEntry("note", "x");
    assertThat(stable(s).edges()).containsExactlyInAnyOrder(pair("4.1.0", "4.1.2"), pair("4.1.1", "4.1.2"));
    assertThat(served(s, "stable-4.1", "arm64").nodes().get("4.1.2").metadata()).containsEntry("note", "x");
  }

  @Test
  void channelListsAreOrderedAsTheReferenceOrdersThem() throws InvalidInputException {
    // By the text after the first '-' as a string ("4.10" before "4.9"), then by name: the order
    // api.openshift.com serves, e.g. "candidate-4.10,eus-4.10,fast-4.10,stable-4.10,candidate-4.9".
    GraphSnapshot s = fixture
        .release("4.10.0", List.of())
        .channel("stable-4.10", "4.10.0")
        .channel("stable-4.9", "4.10.0")
        .channel("candidate-4.10", "4.10.0")
        .channel("fast-4.9", "4.10.0")
        .build();

    assertThat(served(s, "stable-4.10", "amd64").nodes().get("4.10.0").metadata())
        .containsEntry(CHANNELS, "candidate-4.10,stable-4.10,fast-4.9,stable-4.9");
  }

  @Test
  void aChannelVersionWithoutAReleaseIsSimplyAbsent() throws InvalidInputException {
    GraphSnapshot s = chain("amd64").channel("stable-4.2", "4.1.2", "4.2.0").build();

    assertThat(s.problems()).isEmpty();
    assertThat(served(s, "stable-4.2", "amd64").nodes()).containsOnlyKeys("4.1.2");
    assertThat(s.channels("amd64")).contains(new ChannelSummary("stable-4.2", 1));
  }

  @Test
  void servedMetadataHasNoBuilderArchKey() throws InvalidInputException {
    GraphSnapshot s = chain("amd64").build();

    assertThat(stable(s).nodes().values()).allSatisfy(r -> assertThat(r.metadata()).doesNotContainKey(ARCH).containsKey(CHANNELS));
  }
}
