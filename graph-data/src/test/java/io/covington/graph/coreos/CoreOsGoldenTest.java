package io.covington.graph.coreos;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.input.Problems;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The real {@code updates/<stream>.json} of Fedora CoreOS (test resources, copied from
 * coreos/fedora-coreos-streams) with the bundled synthesized release indexes. Every expected edge
 * below was written by hand from the data: the index holds the versions of updates.json sorted
 * by build date, so consecutive barriers chain, the last barrier leads to both rollouts, the
 * completed rollout leads to the one in progress, and nothing leaves a dead-end.
 */
class CoreOsGoldenTest {

  private static CoreOsStream realStream(String name) throws IOException {
    Problems problems = new Problems();
    String updates = "/corpus/fcos/updates/" + name + ".json";
    String releases = "/" + CoreOsStreams.BUNDLED_ROOT + name + "/releases.json";
    CoreOsStream stream =
        CoreOsStreams.read(name, releases, resource(releases), updates, resource(updates), problems)
            .orElseThrow(() -> new AssertionError(problems.list()));
    assertThat(problems.list()).isEmpty();
    return stream;
  }

  private static InputStream resource(String path) {
    InputStream in = CoreOsGoldenTest.class.getResourceAsStream(path);
    assertThat(in).as(path).isNotNull();
    return in;
  }

  private static CoreOsGraph graph(String stream, String arch, Scheme scheme) throws IOException {
    CoreOsStream s = realStream(stream);
    return CoreOsGraphBuilder.build(s.index(), s.updates(), arch, scheme);
  }

  private static Set<String> versionEdges(CoreOsGraph graph) {
    return graph.edges().stream()
        .map(e -> graph.nodes().get(e.from()).version() + " -> " + graph.nodes().get(e.to()).version())
        .collect(Collectors.toSet());
  }

  private static CoreOsNode node(CoreOsGraph graph, String version) {
    return graph.nodes().stream().filter(n -> n.version().equals(version)).findFirst().orElseThrow();
  }

  private static final List<String> STABLE_EDGES =
      List.of(
          "31.20200517.3.0 -> 32.20200615.3.0",
          "32.20200615.3.0 -> 32.20201104.3.0",
          "32.20201104.3.0 -> 33.20201201.3.0",
          "33.20201201.3.0 -> 34.20210611.3.0",
          "34.20210611.3.0 -> 35.20211029.3.0",
          "35.20211029.3.0 -> 36.20220505.3.2",
          "36.20220505.3.2 -> 36.20221030.3.0",
          "36.20221030.3.0 -> 37.20230322.3.0",
          "37.20230322.3.0 -> 38.20231027.3.2",
          "38.20231027.3.2 -> 39.20240104.3.0",
          "39.20240104.3.0 -> 39.20240407.3.0",
          "39.20240407.3.0 -> 40.20240701.3.0",
          "40.20240701.3.0 -> 40.20241019.3.0",
          "40.20241019.3.0 -> 41.20250331.3.0",
          "41.20250331.3.0 -> 42.20250818.3.0",
          "42.20250818.3.0 -> 42.20250929.3.0",
          "42.20250929.3.0 -> 43.20260217.3.1",
          "43.20260217.3.1 -> 43.20260413.3.2",
          // the last barrier leads to both rollouts; the completed one to the one in progress
          "43.20260413.3.2 -> 44.20260621.3.1",
          "43.20260413.3.2 -> 44.20260707.3.1",
          "44.20260621.3.1 -> 44.20260707.3.1");

  @Test
  void stableChainsItsBarriersIntoTwoRollouts() throws IOException {
    CoreOsGraph graph = graph("stable", "x86_64", Scheme.CHECKSUM);

    assertThat(graph.nodes()).hasSize(21);
    assertThat(versionEdges(graph)).containsExactlyInAnyOrderElementsOf(STABLE_EDGES);
    assertThat(node(graph, "44.20260621.3.1").metadata())
        .containsEntry(CoreOsMetadata.ROLLOUT, "true")
        .containsEntry(CoreOsMetadata.START_VALUE, "1")
        .doesNotContainKeys(CoreOsMetadata.START_EPOCH, CoreOsMetadata.DURATION);
    assertThat(node(graph, "44.20260707.3.1").metadata())
        .containsEntry(CoreOsMetadata.AGE_INDEX, "20")
        .containsEntry(CoreOsMetadata.START_EPOCH, "1784728800")
        .containsEntry(CoreOsMetadata.START_VALUE, "0")
        .containsEntry(CoreOsMetadata.DURATION, "2880");
    assertThat(node(graph, "41.20250331.3.0").metadata())
        .containsEntry(CoreOsMetadata.BARRIER, "true")
        .containsEntry(
            CoreOsMetadata.BARRIER_REASON,
            "https://docs.fedoraproject.org/en-US/fedora-coreos/update-barrier-signing-keys/");
  }

  @Test
  void stableOnAarch64StartsAtItsFirstAarch64Release() throws IOException {
    CoreOsGraph graph = graph("stable", "aarch64", Scheme.CHECKSUM);

    // aarch64 (synthetic availability) from Fedora 34: 34.20210611.3.0 is the first node and
    // keeps age_index 4; the four older x86_64-only barriers and their edges are absent.
    assertThat(graph.nodes().get(0).version()).isEqualTo("34.20210611.3.0");
    assertThat(graph.nodes().get(0).ageIndex()).isEqualTo(4);
    assertThat(versionEdges(graph))
        .containsExactlyInAnyOrderElementsOf(STABLE_EDGES.subList(4, STABLE_EDGES.size()));
  }

  @Test
  void stableOciStartsAtFedora39WithImagePayloads() throws IOException {
    CoreOsGraph graph = graph("stable", "x86_64", Scheme.OCI);

    assertThat(graph.nodes().get(0).version()).isEqualTo("39.20240104.3.0");
    assertThat(graph.nodes().get(0).ageIndex()).isEqualTo(10);
    assertThat(graph.nodes())
        .allSatisfy(n -> assertThat(n.payload()).matches("quay\\.io/fedora/fedora-coreos@sha256:[0-9a-f]{64}"));
    assertThat(versionEdges(graph))
        .containsExactlyInAnyOrder(
            "39.20240104.3.0 -> 39.20240407.3.0",
            "39.20240407.3.0 -> 40.20240701.3.0",
            "40.20240701.3.0 -> 40.20241019.3.0",
            "40.20241019.3.0 -> 41.20250331.3.0",
            "41.20250331.3.0 -> 42.20250818.3.0",
            "42.20250818.3.0 -> 42.20250929.3.0",
            "42.20250929.3.0 -> 43.20260217.3.1",
            "43.20260217.3.1 -> 43.20260413.3.2",
            "43.20260413.3.2 -> 44.20260621.3.1",
            "43.20260413.3.2 -> 44.20260707.3.1",
            "44.20260621.3.1 -> 44.20260707.3.1");
  }

  @Test
  void testingHasNoWayOutOfItsDeadEnd() throws IOException {
    CoreOsGraph graph = graph("testing", "x86_64", Scheme.CHECKSUM);

    assertThat(graph.nodes()).hasSize(23);
    // 30.20190716.1 -> 30.20191014.1 would be the first barrier's edge: dropped, dead-end source.
    assertThat(versionEdges(graph))
        .containsExactlyInAnyOrder(
            "30.20191014.1 -> 31.20200517.2.0",
            "31.20200517.2.0 -> 32.20200615.2.2",
            "32.20200615.2.2 -> 32.20201104.2.0",
            "32.20201104.2.0 -> 33.20201116.2.0",
            "33.20201116.2.0 -> 34.20210611.2.0",
            "34.20210611.2.0 -> 35.20211029.2.0",
            "35.20211029.2.0 -> 36.20220505.2.0",
            "36.20220505.2.0 -> 36.20221030.2.3",
            "36.20221030.2.3 -> 37.20230322.2.0",
            "37.20230322.2.0 -> 38.20231014.2.0",
            "38.20231014.2.0 -> 39.20240104.2.0",
            "39.20240104.2.0 -> 39.20240407.2.0",
            "39.20240407.2.0 -> 40.20240701.2.0",
            "40.20240701.2.0 -> 40.20241019.2.0",
            "40.20241019.2.0 -> 41.20250331.2.0",
            "41.20250331.2.0 -> 42.20250901.2.0",
            "42.20250901.2.0 -> 42.20250929.2.0",
            "42.20250929.2.0 -> 43.20260217.2.2",
            "43.20260217.2.2 -> 43.20260413.2.1",
            "43.20260413.2.1 -> 44.20260707.2.1",
            "43.20260413.2.1 -> 44.20260720.2.1",
            "44.20260707.2.1 -> 44.20260720.2.1");
    assertThat(node(graph, "30.20190716.1").metadata())
        .containsEntry(CoreOsMetadata.AGE_INDEX, "0")
        .containsEntry(CoreOsMetadata.DEADEND, "true")
        .containsEntry(
            CoreOsMetadata.DEADEND_REASON, "https://github.com/coreos/fedora-coreos-tracker/issues/215");
  }

  @Test
  void nextSkipsItsDeadEndBetweenTwoBarriers() throws IOException {
    CoreOsGraph graph = graph("next", "x86_64", Scheme.CHECKSUM);

    assertThat(graph.nodes()).hasSize(21);
    // 38.20230310.1.0 is a dead-end between barriers 37.20230303.1.1 and 38.20230902.1.1:
    // the barrier edge from the dead-end is dropped, nothing leads into it.
    assertThat(versionEdges(graph))
        .containsExactlyInAnyOrder(
            "32.20200615.1.3 -> 32.20200923.1.0",
            "32.20200923.1.0 -> 33.20201020.1.0",
            "33.20201020.1.0 -> 34.20210611.1.0",
            "34.20210611.1.0 -> 35.20210924.1.0",
            "35.20210924.1.0 -> 36.20220418.1.0",
            "36.20220418.1.0 -> 36.20220906.1.0",
            "36.20220906.1.0 -> 37.20221111.1.0",
            "37.20221111.1.0 -> 37.20230303.1.1",
            "37.20230303.1.1 -> 38.20230902.1.1",
            "38.20230902.1.1 -> 39.20240104.1.0",
            "39.20240104.1.0 -> 39.20240309.1.0",
            "39.20240309.1.0 -> 40.20240701.1.0",
            "40.20240701.1.0 -> 40.20240906.1.0",
            "40.20240906.1.0 -> 41.20250302.1.0",
            "41.20250302.1.0 -> 42.20250526.1.0",
            "42.20250526.1.0 -> 42.20250914.1.0",
            "42.20250914.1.0 -> 43.20260218.1.2",
            "43.20260218.1.2 -> 44.20260707.1.1",
            "43.20260218.1.2 -> 44.20260720.1.1",
            "44.20260707.1.1 -> 44.20260720.1.1");
    assertThat(node(graph, "38.20230310.1.0").ageIndex()).isEqualTo(9);
  }

  @Test
  void everyMetadataValueOfEveryRealGraphIsAString() throws IOException {
    for (String stream : CoreOsStreams.BUNDLED_STREAMS) {
      for (Scheme scheme : Scheme.values()) {
        for (CoreOsNode node : graph(stream, "x86_64", scheme).nodes()) {
          Map<String, String> metadata = node.metadata();
          assertThat(metadata).containsEntry(CoreOsMetadata.SCHEME, scheme.wireName());
          assertThat(metadata.get(CoreOsMetadata.AGE_INDEX)).isEqualTo(Integer.toString(node.ageIndex()));
          assertThat(metadata.keySet()).allMatch(key -> key.startsWith(CoreOsMetadata.PREFIX));
        }
      }
    }
  }

  @Test
  void theBundledUpdatesAreTheRealOnes() throws IOException {
    for (String stream : CoreOsStreams.BUNDLED_STREAMS) {
      try (InputStream bundled = resource("/" + CoreOsStreams.BUNDLED_ROOT + stream + "/updates.json");
          InputStream real = resource("/corpus/fcos/updates/" + stream + ".json")) {
        assertThat(bundled.readAllBytes()).as(stream).isEqualTo(real.readAllBytes());
      }
    }
  }
}
