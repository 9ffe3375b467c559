package io.covington.graph.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.covington.graph.TestFiles;
import io.covington.graph.model.MetadataKeys;
import io.covington.graph.model.Release;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class RawGraphReaderTest {

  private static final String PAYLOAD = "quay.io/openshift-release-dev/ocp-release@sha256:";

  private static ReleaseSet read(String json) throws InvalidInputException {
    return RawGraphReader.read(json.getBytes(StandardCharsets.UTF_8), "test.json");
  }

  @Test
  void readsTheReferenceRawGraphOfFourArchitectures() throws InvalidInputException {
    ReleaseSet set = RawGraphReader.read(TestFiles.corpusBytes("graph-builder-fixture-20211124/graph-gb-raw.json"), "graph-gb-raw.json");

    assertThat(set.problems()).isEmpty();
    assertThat(set.releases()).hasSize(1085);
    assertThat(set.edges()).hasSize(19478);
    Map<String, Release> byId = set.releases().stream().collect(Collectors.toMap(Release::id, Function.identity()));
    assertThat(byId.get("4.7.4+amd64").metadata()).containsEntry(MetadataKeys.ARCH, "amd64").containsEntry("url", "https://access.redhat.com/errata/RHSA-2021:0957");
    // The "-s390x" is part of the version here (an old naming): the +suffix is the arch.
    assertThat(byId.get("4.2.12-s390x+amd64").version()).isEqualTo("4.2.12-s390x");
    // A node without a +suffix or arch key is amd64, as for the oldest images.
    assertThat(byId.get("0.0.0+amd64").payload()).startsWith(PAYLOAD);
    assertThat(byId.get("4.2.10+s390x").isAbstract()).isTrue();
    assertThat(set.edges()).allSatisfy(e -> assertThat(byId).containsKeys(e.fromId(), e.toId()));
  }

  @Test
  void anEdgeIndexOutOfRangeIsReportedAndSkipped() throws InvalidInputException {
    ReleaseSet set = read("{\"nodes\":[{\"version\":\"4.1.0+amd64\",\"payload\":\"p0\"},{\"version\":\"4.1.1+amd64\",\"payload\":\"p1\"}],"
        + "\"edges\":[[0,1],[0,2],[-1,1]]}");

    assertThat(set.edges()).containsExactly(new ReleaseEdge("4.1.0+amd64", "4.1.1+amd64"));
    assertThat(set.problems()).extracting(LoadProblem::source).containsExactly("test.json edges[1]", "test.json edges[2]");
    assertThat(set.problems()).extracting(LoadProblem::kind).containsOnly("invalid_edge");
  }

  @Test
  void aDuplicateReleaseIsReportedAndTheFirstKept() throws InvalidInputException {
    ReleaseSet set = read("{\"nodes\":[{\"version\":\"4.1.0+amd64\",\"payload\":\"first\"},{\"version\":\"4.1.0\",\"payload\":\"second\","
        + "\"metadata\":{\"io.openshift.upgrades.graph.release.arch\":\"amd64\"}},{\"version\":\"4.1.0+arm64\",\"payload\":\"third\"}],\"edges\":[]}");

    assertThat(set.releases()).extracting(Release::id, Release::payload)
        .containsExactly(Tuple.tuple("4.1.0+amd64", "first"), Tuple.tuple("4.1.0+arm64", "third"));
    assertThat(set.problems()).singleElement().satisfies(p -> {
      assertThat(p.source()).isEqualTo("test.json nodes[1]");
      assertThat(p.kind()).isEqualTo("duplicate_release");
    });
  }

  @Test
  void aNonStringMetadataValueIsReportedAndLeftOut() throws InvalidInputException {
    ReleaseSet set = read("{\"nodes\":[{\"version\":\"4.1.0+amd64\",\"payload\":\"p\",\"metadata\":{\"url\":\"u\",\"n\":3}}],\"edges\":[]}");

    assertThat(set.releases()).singleElement().satisfies(r -> assertThat(r.metadata()).isEqualTo(Map.of("url", "u")));
    assertThat(set.problems()).singleElement().satisfies(p -> assertThat(p.kind()).isEqualTo("invalid_metadata"));
  }

  @Test
  void anUnknownArchitectureIsReported() throws InvalidInputException {
    ReleaseSet set = read("{\"nodes\":[{\"version\":\"4.1.0+riscv64\",\"payload\":\"p\"}],\"edges\":[]}");

    assertThat(set.releases()).isEmpty();
    assertThat(set.problems()).singleElement().satisfies(p -> assertThat(p.kind()).isEqualTo("unknown_architecture"));
  }

  @Test
  void aDocumentThatIsNotARawGraphFailsTheRead() {
    assertThatThrownBy(() -> read("{\"nodes\":{}}"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).singleElement()
            .satisfies(p -> assertThat(p.kind()).isEqualTo("invalid_graph")));
    assertThatThrownBy(() -> read("{\"nodes\":[],\"edges\":[]"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).singleElement()
            .satisfies(p -> {
              assertThat(p.kind()).isEqualTo("invalid_json");
              assertThat(p.source()).isEqualTo("test.json");
            }));
  }

  @Test
  void aNodeLabelledMultiWithNoOtherArchitectureIsAMultiRelease() throws InvalidInputException {
    // The shape of a graph API response of arch=multi: no +suffix, no release.arch key.
    ReleaseSet set = read("{\"nodes\":[{\"version\":\"4.12.0\",\"payload\":\"" + PAYLOAD + "a".repeat(64) + "\","
        + "\"metadata\":{\"release.openshift.io/architecture\":\"multi\"}}],\"edges\":[]}");

    assertThat(set.problems()).isEmpty();
    assertThat(set.releases()).extracting(Release::id).containsExactly("4.12.0+multi");
  }

  @Test
  void aNodeLabelledMultiWhoseImageIsOnePlatformIsLeftOutAsAPieceOfTheMultiRelease() throws InvalidInputException {
    ReleaseSet set = read("{\"nodes\":[{\"version\":\"4.12.0+amd64\",\"payload\":\"p\","
        + "\"metadata\":{\"release.openshift.io/architecture\":\"multi\"}},{\"version\":\"4.12.0+multi\",\"payload\":\"q\","
        + "\"metadata\":{\"release.openshift.io/architecture\":\"multi\"}}],\"edges\":[[0,1]]}");

    assertThat(set.releases()).extracting(Release::id).containsExactly("4.12.0+multi");
    assertThat(set.edges()).isEmpty();
    assertThat(set.problems()).singleElement().satisfies(p -> {
      assertThat(p.source()).isEqualTo("test.json nodes[0]");
      assertThat(p.kind()).isEqualTo("multi_arch_piece");
      assertThat(p.message()).contains("4.12.0+amd64", "amd64", "manifest list");
    });
  }

  @Test
  void aMultiReleaseIsLabelledAndADigestPayloadGivesTheManifestref() throws InvalidInputException {
    String digest = "sha256:" + "b".repeat(64);
    ReleaseSet set = read("{\"nodes\":[{\"version\":\"4.12.0\",\"payload\":\"quay.io/x/y@" + digest + "\","
        + "\"metadata\":{\"io.openshift.upgrades.graph.release.arch\":\"multi\"}},"
        + "{\"version\":\"4.12.0+amd64\",\"payload\":\"quay.io/x/y:4.12.0\"},"
        + "{\"version\":\"4.12.1+amd64\",\"payload\":\"quay.io/x/y@" + digest + "\","
        + "\"metadata\":{\"io.openshift.upgrades.graph.release.manifestref\":\"sha256:kept\"}}],\"edges\":[]}");

    Map<String, Release> byId = set.releases().stream().collect(Collectors.toMap(Release::id, Function.identity()));
    assertThat(byId.get("4.12.0+multi").metadata())
        .containsEntry(MetadataKeys.MANIFEST_REF, digest)
        .containsEntry(MetadataKeys.RELEASE_ARCHITECTURE, "multi");
    // A payload by tag names no digest; a manifestref the input has is kept.
    assertThat(byId.get("4.12.0+amd64").metadata()).doesNotContainKeys(MetadataKeys.MANIFEST_REF, MetadataKeys.RELEASE_ARCHITECTURE);
    assertThat(byId.get("4.12.1+amd64").metadata()).containsEntry(MetadataKeys.MANIFEST_REF, "sha256:kept");
  }

  @Test
  void anArchitectureLabelOtherThanMultiIsReportedForTheClientsThatRefuseIt() throws InvalidInputException {
    ReleaseSet set = read("{\"nodes\":[{\"version\":\"4.12.0+s390x\",\"payload\":\"p\","
        + "\"metadata\":{\"release.openshift.io/architecture\":\"s390x\"}}],\"edges\":[]}");

    assertThat(set.releases()).extracting(Release::id).containsExactly("4.12.0+s390x");
    assertThat(set.problems()).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo("invalid_architecture_label");
      assertThat(p.message()).contains("'s390x'", "4.21");
    });
  }

  @Test
  void aSuffixThatContradictsTheArchKeyIsReported() throws InvalidInputException {
    ReleaseSet set = read("{\"nodes\":[{\"version\":\"4.12.0+amd64\",\"payload\":\"p\","
        + "\"metadata\":{\"io.openshift.upgrades.graph.release.arch\":\"arm64\"}},{\"version\":\"4.12.1+amd64\",\"payload\":\"p\","
        + "\"metadata\":{\"io.openshift.upgrades.graph.release.arch\":\"x86_64\"}}],\"edges\":[]}");

    assertThat(set.releases()).extracting(Release::id).containsExactly("4.12.0+amd64", "4.12.1+amd64");
    assertThat(set.problems()).singleElement().satisfies(p -> {
      assertThat(p.source()).isEqualTo("test.json nodes[0]");
      assertThat(p.kind()).isEqualTo("conflicting_architecture");
      assertThat(p.message()).contains("amd64", "'arm64'");
    });
  }
}
