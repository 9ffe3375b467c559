package io.covington.graph.bundled;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.model.ChannelGraph;
import io.covington.graph.model.ConditionalUpdateGroup;
import io.covington.graph.model.MetadataKeys;
import io.covington.graph.model.Release;
import io.covington.graph.model.VersionPair;
import io.covington.graph.snapshot.EdgeRemoval;
import io.covington.graph.snapshot.GraphSnapshot;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled OKD data tells the FCOS → SCOS story of protocols §4 through the served graph. */
class OkdOsTransitionTest {

  private static final String LAST_FCOS = "4.15.0-0.okd-2024-03-10-010116";
  private static final String FIRST_SCOS = "4.16.0-okd-scos.1";

  private static GraphSnapshot snapshot;

  @BeforeAll
  static void load() throws Exception {
    snapshot = GraphSnapshot.build(BundledData.releases(), BundledData.graphData());
  }

  private static ChannelGraph channel(String name) {
    return snapshot.channel(name, "amd64").orElseThrow();
  }

  private static Set<VersionPair> plainPairs(ChannelGraph g) {
    return g.edges().stream()
        .map(e -> new VersionPair(g.nodes().get(e.from()).version(), g.nodes().get(e.to()).version()))
        .collect(Collectors.toSet());
  }

  private static String os(ChannelGraph g, String version) {
    return g.nodes().stream().filter(r -> r.version().equals(version)).findFirst().orElseThrow()
        .metadata().get(MetadataKeys.MACHINE_OS);
  }

  @Test
  void theMoveToScosIsOfferedOnlyFromTheLastFcosBuildAsAConditionalUpdateWithThePivotRisk() {
    ChannelGraph g = channel("stable-scos-4");
    List<ConditionalUpdateGroup> crossOs = g.conditionalEdges().stream()
        .filter(grp -> grp.edges().stream().anyMatch(p -> !os(g, p.from()).equals(os(g, p.to()))))
        .toList();
    assertThat(crossOs).hasSize(1);
    assertThat(crossOs.get(0).edges()).containsExactly(new VersionPair(LAST_FCOS, FIRST_SCOS));
    assertThat(crossOs.get(0).risks()).singleElement().satisfies(risk -> {
      assertThat(risk.name()).isEqualTo("OKDSCOSPivotExt4OrphanFile");
      assertThat(risk.url()).isEqualTo("https://github.com/okd-project/okd/issues/2041");
      assertThat(risk.message()).contains("orphan_file");
      assertThat(risk.matchingRules()).singleElement().satisfies(rule -> assertThat(rule.promql().orElseThrow())
          .contains("kube_node_labels{label_node_openshift_io_os_id=\"fedora\"}")
          .contains("node_filesystem_size_bytes{fstype=\"ext4\""));
    });
    // No FCOS release gets a plain update into SCOS.
    assertThat(plainPairs(g)).allSatisfy(p -> assertThat(os(g, p.from())).isEqualTo(os(g, p.to())));
  }

  @Test
  void olderFcosBuildsAreNotOfferedScosAndTheRemovalSaysToGoThroughTheLastFcosBuild() {
    List<EdgeRemoval> removals = snapshot.archGraph("amd64").orElseThrow().removals().stream()
        .filter(r -> r.toId().equals(FIRST_SCOS + "+amd64"))
        .toList();
    assertThat(removals).extracting(EdgeRemoval::fromId).containsExactlyInAnyOrder(
        "4.15.0-0.okd-2024-01-27-070424+amd64", "4.15.0-0.okd-2024-02-23-163410+amd64");
    assertThat(removals).allSatisfy(r -> {
      assertThat(r.source()).endsWith("okd-fcos-to-scos-from-older-4.15.yaml");
      assertThat(r.message().orElseThrow()).contains(LAST_FCOS);
      assertThat(r.reason()).isEqualTo(EdgeRemoval.BLOCKED_EDGE);
      assertThat(r.release()).isEmpty();
      assertThat(r.blocks()).singleElement().satisfies(b -> {
        assertThat(b.source()).isEqualTo(r.source());
        assertThat(b.isConditional()).isFalse();
        assertThat(b.from().matcher(r.fromId()).find()).isTrue();
      });
    });
    ChannelGraph g = channel("stable-scos-4");
    assertThat(g.conditionalEdges().stream().flatMap(grp -> grp.edges().stream()))
        .noneMatch(p -> p.from().startsWith("4.14.") || (p.from().startsWith("4.15.") && !p.from().equals(LAST_FCOS)));
  }

  @Test
  void eachOkdChannelServesOnlyItsOwnReleasesAndEveryNodeNamesItsMachineOs() {
    ChannelGraph fcos = channel("stable-4");
    ChannelGraph scos = channel("stable-scos-4");
    assertThat(fcos.nodes()).extracting(Release::version).allMatch(v -> v.contains("-0.okd-"));
    assertThat(fcos.nodes()).allSatisfy(r -> assertThat(r.metadata()).containsEntry(MetadataKeys.MACHINE_OS, "fcos"));
    assertThat(fcos.conditionalEdges()).isEmpty();
    assertThat(scos.nodes()).extracting(Release::version).contains(FIRST_SCOS, "4.17.0-okd-scos.3")
        .doesNotContain("4.14.0-0.okd-2024-01-26-175629");
    assertThat(scos.nodes()).allSatisfy(r -> assertThat(r.metadata())
        .containsKey(MetadataKeys.MACHINE_OS_VERSION)
        .containsEntry(MetadataKeys.MACHINE_OS, r.version().contains("okd-scos") ? "scos" : "fcos"));
    assertThat(fcos.nodes()).isNotEqualTo(scos.nodes());
  }

  @Test
  void okdFilesLoadWithoutProblems() {
    assertThat(snapshot.problems()).isEmpty();
  }
}
