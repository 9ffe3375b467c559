package io.covington.policy.path;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.input.BlockedEdge;
import io.covington.graph.input.Channel;
import io.covington.graph.input.GraphData;
import io.covington.graph.input.ReleaseEdge;
import io.covington.graph.input.ReleaseSet;
import io.covington.graph.model.MetadataKeys;
import io.covington.graph.model.Release;
import io.covington.graph.snapshot.GraphSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Why a direct update is or is not offered, on the bundled data and on a small built graph. */
class UpdateExplainerTest {

  private static UpdateExplanation bundled(String channel, String from, String to) {
    return Bundled.EXPLAINER.explain(channel, "amd64", from, to);
  }

  @Test
  void anUnconditionalUpdateSaysSo() {
    UpdateExplanation x = bundled("stable-4.16", "4.15.20", "4.16.55");
    assertThat(x.offer()).isEqualTo(UpdateExplanation.Offer.UNCONDITIONAL);
    assertThat(x.reasons()).containsExactly(new UpdateReason.OfferedUnconditionally("4.15.20", "4.16.55"));
  }

  @Test
  void aConditionalUpdateNamesEveryFileAndRisk() {
    // 4.15.20 -> 4.16.1 matches two conditional files for 4.16.1 (see the stable-4.16 data):
    // OldBootImagesMissingOSReleaseRHELVersion (from 4[.]15[.].*) and ServiceAccountContentionSecretCreation.
    UpdateExplanation x = bundled("stable-4.16", "4.15.20", "4.16.1");
    assertThat(x.offer()).isEqualTo(UpdateExplanation.Offer.CONDITIONAL);
    assertThat(x.reasons()).allSatisfy(r -> assertThat(r).isInstanceOf(UpdateReason.ConditionalRisk.class));
    assertThat(x.reasons()).extracting(r -> ((UpdateReason.ConditionalRisk) r).risk().name())
        .containsExactlyInAnyOrder("OldBootImagesMissingOSReleaseRHELVersion", "ServiceAccountContentionSecretCreation");
    assertThat(x.reasons()).extracting(r -> ((UpdateReason.ConditionalRisk) r).file())
        .anySatisfy(f -> assertThat(f).endsWith("blocked-edges/4.16.1-OldBootImagesMissingOSReleaseRHELVersion.yaml"));
  }

  @Test
  void theRuncRiskIsNamedWithItsFile() {
    UpdateExplanation x = bundled("stable-4.16", "4.15.20", "4.16.53");
    assertThat(x.reasons()).singleElement().isInstanceOfSatisfying(UpdateReason.ConditionalRisk.class, r -> {
      assertThat(r.file()).endsWith("blocked-edges/4.16.53-RuncShareProcessNamespace.yaml");
      assertThat(r.risk().name()).isEqualTo("RuncShareProcessNamespace");
      assertThat(r.kind()).isEqualTo("conditional");
    });
  }

  @Test
  void anUpdateRemovedByABlockedEdgeFileNamesTheFilePatternAndMessage() {
    UpdateExplanation x = bundled("stable-scos-4", "4.15.0-0.okd-2024-02-23-163410", "4.16.0-okd-scos.1");
    assertThat(x.offer()).isEqualTo(UpdateExplanation.Offer.NOT_OFFERED);
    assertThat(x.reasons()).singleElement().isInstanceOfSatisfying(UpdateReason.BlockedByFile.class, r -> {
      assertThat(r.file()).endsWith("blocked-edges/okd-fcos-to-scos-from-older-4.15.yaml");
      assertThat(r.fromPattern()).isEqualTo("^4\\.1[0-5]\\.0-0\\.okd-(?!2024-03-10-010116\\+)");
      assertThat(r.message().orElseThrow()).startsWith("Update to 4.15.0-0.okd-2024-03-10-010116 (the last Fedora CoreOS build) first");
    });
  }

  @Test
  void anUndeclaredUpdateAndChannelMembershipAreReasons() {
    // No release metadata declares 4.14.30 -> 4.16.55 (4.14 releases only update to 4.14 and 4.15).
    assertThat(bundled("stable-4.16", "4.14.30", "4.16.55").reasons())
        .containsExactly(new UpdateReason.NotDeclared("4.14.30", "4.16.55"));
    // 4.17.0-okd-scos.3 exists on amd64 but is not in stable-4.16.
    UpdateExplanation x = bundled("stable-4.16", "4.16.55", "4.17.0-okd-scos.3");
    assertThat(x.offer()).isEqualTo(UpdateExplanation.Offer.NOT_OFFERED);
    assertThat(x.reasons()).startsWith(new UpdateReason.NotInChannel("to", "4.17.0-okd-scos.3", "stable-4.16"));
    UpdateExplanation missing = bundled("stable-4.16", "4.99.0", "4.16.55");
    assertThat(missing.reasons()).containsExactly(new UpdateReason.NoSuchRelease("from", "4.99.0", "amd64"));
    assertThat(Bundled.EXPLAINER.explain("stable-4.16", "riscv64", "4.15.20", "4.16.55").reasons()).containsExactly(
        new UpdateReason.NoSuchRelease("from", "4.15.20", "riscv64"), new UpdateReason.NoSuchRelease("to", "4.16.55", "riscv64"));
  }

  @Test
  void edgeEditingMetadataAndSeveralBlockingFilesAreAllNamed() throws Exception {
    Release a = release("1.0.0", Map.of());
    Release b = release("1.1.0", Map.of());
    Release c = release("1.2.0", Map.of(MetadataKeys.PREVIOUS_REMOVE, "1.0.0"));
    Release d = release("1.3.0", Map.of());
    ReleaseSet releases = new ReleaseSet(List.of(a, b, c, d), List.of(
        edge(a, b), edge(a, c), edge(b, c), edge(b, d), edge(c, d)), List.of(), "test");
    List<BlockedEdge> blocks = List.of(
        new BlockedEdge("1.3.0", Pattern.compile("1\\.1\\..*"), Optional.empty(), Optional.empty(), Optional.of("first"), "blocked-edges/a.yaml"),
        new BlockedEdge("1.3.0", Pattern.compile("^1\\.1\\.0"), Optional.empty(), Optional.empty(), Optional.of("second"), "blocked-edges/b.yaml"));
    GraphData data = new GraphData("1.1.0", List.of(new Channel("test-1", List.of("1.0.0", "1.1.0", "1.2.0", "1.3.0"), "channels/test-1.yaml")),
        blocks, Map.of(), List.of(), "test");
    GraphSnapshot snapshot = GraphSnapshot.build(releases, data);
    PathIndex index = PathIndex.of(snapshot);
    UpdateExplainer explainer = new UpdateExplainer(index);

    assertThat(explainer.explain("test-1", "amd64", "1.0.0", "1.2.0").reasons())
        .containsExactly(new UpdateReason.RemovedByMetadata(MetadataKeys.PREVIOUS_REMOVE, "1.2.0+amd64"));
    assertThat(explainer.explain("test-1", "amd64", "1.1.0", "1.3.0").reasons()).containsExactly(
        new UpdateReason.BlockedByFile("blocked-edges/a.yaml", "1\\.1\\..*", Optional.of("first")),
        new UpdateReason.BlockedByFile("blocked-edges/b.yaml", "^1\\.1\\.0", Optional.of("second")));

    // The planner routes around both removals: 1.0.0 -> 1.1.0 -> 1.2.0 -> 1.3.0.
    PathPlan p = new SafePathPlanner(index).plan(PathRequest.of("test-1", "amd64", "1.0.0", Optional.of("1.3.0")));
    assertThat(p.versions()).containsExactly("1.0.0", "1.1.0", "1.2.0", "1.3.0");
  }

  private static Release release(String version, Map<String, String> metadata) {
    return new Release(version, "amd64", "quay.io/test/release@sha256:" + "0".repeat(64), metadata);
  }

  private static ReleaseEdge edge(Release from, Release to) {
    return new ReleaseEdge(from.id(), to.id());
  }
}
