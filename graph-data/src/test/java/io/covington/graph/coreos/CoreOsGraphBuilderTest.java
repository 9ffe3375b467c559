package io.covington.graph.coreos;

import static io.covington.graph.coreos.CoreOsMetadata.AGE_INDEX;
import static io.covington.graph.coreos.CoreOsMetadata.BARRIER;
import static io.covington.graph.coreos.CoreOsMetadata.BARRIER_REASON;
import static io.covington.graph.coreos.CoreOsMetadata.DEADEND;
import static io.covington.graph.coreos.CoreOsMetadata.DEADEND_REASON;
import static io.covington.graph.coreos.CoreOsMetadata.DURATION;
import static io.covington.graph.coreos.CoreOsMetadata.ROLLOUT;
import static io.covington.graph.coreos.CoreOsMetadata.SCHEME;
import static io.covington.graph.coreos.CoreOsMetadata.START_EPOCH;
import static io.covington.graph.coreos.CoreOsMetadata.START_VALUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.covington.graph.input.Problems;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoreOsGraphBuilderTest {

  private static final String RELEASES =
      """
      {"stream": "s", "releases": [
        {"version": "a", "metadata": "u", "commits": [{"architecture": "x86_64", "checksum": "c-a"}]},
        {"version": "b", "metadata": "u", "commits": [{"architecture": "aarch64", "checksum": "c-b-arm"}]},
        {"version": "c", "metadata": "u", "commits": [{"architecture": "x86_64", "checksum": "c-c"}],
         "oci-images": [{"architecture": "x86_64", "image": "quay.io/fedora/fedora-coreos",
                         "digest-ref": "quay.io/fedora/fedora-coreos@sha256:%s"}]},
        {"version": "d", "metadata": "u", "commits": [{"architecture": "x86_64", "checksum": "c-d"}]},
        {"version": "e", "metadata": "u", "commits": [{"architecture": "x86_64", "checksum": "c-e"}],
         "oci-images": [{"architecture": "x86_64", "image": "quay.io/fedora/fedora-coreos",
                         "digest-ref": "sha256:%s"}]}
      ]}
      """
          .formatted("1".repeat(64), "2".repeat(64));

  private static final String UPDATES =
      """
      {"stream": "s", "releases": [
        {"version": "c", "metadata": {"barrier": {"reason": ""}, "deadend": {"reason": "why"}}},
        {"version": "e", "metadata": {"rollout": {"start_epoch": 1784728800, "start_percentage": 0.25,
                                                  "duration_minutes": 2880}}},
        {"version": "d", "metadata": {"rollout": {}}},
        {"version": "not-in-index", "metadata": {"barrier": {"reason": "x"}}}
      ]}
      """;

  private static CoreOsGraph build(String arch, Scheme scheme) {
    Problems problems = new Problems();
    ReleaseIndex index = ReleaseIndexReader.read("releases.json", RELEASES, problems).orElseThrow();
    UpdatesMetadata updates = UpdatesReader.read("updates.json", UPDATES, problems).orElseThrow();
    assertThat(problems.list()).isEmpty();
    return CoreOsGraphBuilder.build(index, updates, arch, scheme);
  }

  @Test
  void leavesOutReleasesWithoutPayloadButKeepsTheirAgeIndexGap() {
    CoreOsGraph graph = build("x86_64", Scheme.CHECKSUM);

    assertThat(graph.nodes()).extracting(CoreOsNode::version).containsExactly("a", "c", "d", "e");
    assertThat(graph.nodes()).extracting(CoreOsNode::ageIndex).containsExactly(0, 2, 3, 4);
    assertThat(graph.nodes()).extracting(n -> n.metadata().get(AGE_INDEX)).containsExactly("0", "2", "3", "4");
    assertThat(graph.nodes()).extracting(CoreOsNode::payload).containsExactly("c-a", "c-c", "c-d", "c-e");
  }

  @Test
  void ociGraphsUseTheImagePullSpecAndOnlyReleasesThatHaveOne() {
    CoreOsGraph graph = build("x86_64", Scheme.OCI);

    assertThat(graph.nodes()).extracting(CoreOsNode::version).containsExactly("c", "e");
    assertThat(graph.nodes())
        .extracting(CoreOsNode::payload)
        .containsExactly(
            "quay.io/fedora/fedora-coreos@sha256:" + "1".repeat(64),
            "quay.io/fedora/fedora-coreos@sha256:" + "2".repeat(64));
    assertThat(graph.nodes()).allSatisfy(n -> assertThat(n.metadata()).containsEntry(SCHEME, "oci"));
  }

  @Test
  void writesEveryDirectiveAsStringMetadataWithGenericForAnEmptyReason() {
    CoreOsGraph graph = build("x86_64", Scheme.CHECKSUM);

    assertThat(graph.nodes().get(0).metadata()).containsOnly(entry(SCHEME, "checksum"), entry(AGE_INDEX, "0"));
    assertThat(graph.nodes().get(1).metadata())
        .containsOnly(
            entry(SCHEME, "checksum"),
            entry(AGE_INDEX, "2"),
            entry(BARRIER, "true"),
            entry(BARRIER_REASON, "generic"),
            entry(DEADEND, "true"),
            entry(DEADEND_REASON, "why"));
    assertThat(graph.nodes().get(2).metadata())
        .containsOnly(entry(SCHEME, "checksum"), entry(AGE_INDEX, "3"), entry(ROLLOUT, "true"));
    assertThat(graph.nodes().get(3).metadata())
        .containsOnly(
            entry(SCHEME, "checksum"),
            entry(AGE_INDEX, "4"),
            entry(ROLLOUT, "true"),
            entry(START_EPOCH, "1784728800"),
            entry(START_VALUE, "0.25"),
            entry(DURATION, "2880"));
  }

  @Test
  void keepsTheRolloutParametersTyped() {
    CoreOsGraph graph = build("x86_64", Scheme.CHECKSUM);

    assertThat(graph.rolloutNodes()).containsExactly(2, 3);
    Rollout rollout = graph.nodes().get(3).directives().rollout().orElseThrow();
    assertThat(rollout.effectiveStartEpoch()).isEqualTo(1784728800L);
    assertThat(rollout.effectiveStartValue()).isEqualTo(0.25);
    assertThat(rollout.effectiveDurationMinutes()).hasValue(2880L);
    Rollout defaults = graph.nodes().get(2).directives().rollout().orElseThrow();
    assertThat(defaults.effectiveStartEpoch()).isZero();
    assertThat(defaults.effectiveStartValue()).isZero();
    assertThat(defaults.effectiveDurationMinutes()).isEmpty();
  }

  @Test
  void computesEdgesOverTheNodesOfThisArchAndScheme() {
    // Nodes a, c (barrier + dead-end), d (rollout), e (rollout).
    CoreOsGraph graph = build("x86_64", Scheme.CHECKSUM);

    assertThat(graph.edges())
        .containsExactlyInAnyOrder(new CoreOsEdge(0, 1), new CoreOsEdge(2, 3));
    // The other arch has one release and so no update at all.
    assertThat(build("aarch64", Scheme.CHECKSUM).edges()).isEmpty();
    assertThat(build("s390x", Scheme.CHECKSUM).nodes()).isEmpty();
  }

  @Test
  void removingEdgesIntoHiddenTargetsKeepsEveryNode() {
    CoreOsGraph graph = build("x86_64", Scheme.CHECKSUM);

    CoreOsGraph served = graph.withoutEdgesInto(Set.of(3));

    assertThat(served.nodes()).isEqualTo(graph.nodes());
    assertThat(served.edges()).containsExactly(new CoreOsEdge(0, 1));
    assertThat(graph.withoutEdgesInto(Set.of())).isSameAs(graph);
    assertThat(List.of(Scheme.fromWireName("oci"), Scheme.fromWireName("OCI")))
        .containsExactly(Optional.of(Scheme.OCI), Optional.empty());
  }
}
