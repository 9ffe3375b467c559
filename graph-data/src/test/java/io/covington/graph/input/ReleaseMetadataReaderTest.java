package io.covington.graph.input;

import static io.covington.graph.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.covington.graph.TestFiles;
import io.covington.graph.model.MetadataKeys;
import io.covington.graph.model.Release;
import io.covington.graph.snapshot.ArchGraph;
import io.covington.graph.snapshot.EdgeRemoval;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.graph.snapshot.UpdateEdge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jgrapht.alg.cycle.CycleDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release-metadata reader on the real documents of {@code corpus/release-metadata/}. Those
 * lack the two facts the reader expects next to the document ({@code payload}, {@code
 * architecture}, which upstream reads from the image), so the tests add them.
 */
class ReleaseMetadataReaderTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DIGEST = "sha256:" + "0".repeat(64);

  @TempDir Path dir;

  /** Copies a real document into the test directory, adding payload and architecture. */
  private Path image(String corpusFile, String arch, String fileName) throws IOException {
    ObjectNode doc = (ObjectNode) JSON.readTree(TestFiles.corpusBytes("release-metadata/" + corpusFile));
    doc.put("payload", "quay.io/openshift-release-dev/ocp-release@" + DIGEST);
    doc.put("architecture", arch);
    return write(dir, fileName, JSON.writeValueAsString(doc));
  }

  /** A real document with its version replaced, for a release the corpus has no document of. */
  private Path imageAs(String corpusFile, String version, String arch, String fileName) throws IOException {
    ObjectNode doc = (ObjectNode) JSON.readTree(TestFiles.corpusBytes("release-metadata/" + corpusFile));
    doc.put("version", version);
    doc.put("payload", "quay.io/openshift-release-dev/ocp-release@" + DIGEST);
    doc.put("architecture", arch);
    return write(dir, fileName, JSON.writeValueAsString(doc));
  }

  @Test
  void readsTheRealOcp4dot12dot0Document() throws Exception {
    image("ocp-4.12.0.release-metadata.json", "x86_64", "4.12.0.json");

    ReleaseSet set = ReleaseMetadataReader.read(dir);

    assertThat(set.problems()).isEmpty();
    Release r = set.releases().get(0);
    assertThat(set.releases()).hasSize(1);
    assertThat(r.id()).isEqualTo("4.12.0+amd64");
    assertThat(r.payload()).endsWith("@" + DIGEST);
    assertThat(r.metadata()).containsEntry("url", "https://access.redhat.com/errata/RHSA-2022:7399").containsEntry(MetadataKeys.ARCH, "amd64");
    assertThat(set.edges()).hasSize(21).allSatisfy(e -> assertThat(e.toId()).isEqualTo("4.12.0+amd64"));
    assertThat(set.edges()).contains(new ReleaseEdge("4.11.11+amd64", "4.12.0+amd64"), new ReleaseEdge("4.12.0-rc.8+amd64", "4.12.0+amd64"));
  }

  @Test
  void theUnmodifiedRealDocumentIsReportedAsMissingItsPayload() throws Exception {
    Path file = Files.copy(TestFiles.corpus("release-metadata/ocp-4.12.0.release-metadata.json"), dir.resolve("ocp-4.12.0.release-metadata.json"));

    ReleaseSet set = ReleaseMetadataReader.read(dir);

    assertThat(set.releases()).isEmpty();
    assertThat(set.problems()).extracting(LoadProblem::source).containsOnly(file.toString());
    assertThat(set.problems()).extracting(LoadProblem::kind).containsExactlyInAnyOrder("missing_payload", "missing_architecture");
  }

  @Test
  void anOversizedMetadataValueIsKeptIntact() throws Exception {
    image("cincinnati-test-private-0.0.0_0.release-metadata.json", "amd64", "private.json");
    String original = JSON.readTree(TestFiles.corpusBytes("release-metadata/cincinnati-test-private-0.0.0_0.release-metadata.json")).path("metadata").path("kind").asText();

    ReleaseSet set = ReleaseMetadataReader.read(dir);

    assertThat(original).hasSize(2579);
    assertThat(set.releases()).singleElement().satisfies(r -> assertThat(r.metadata()).containsEntry("kind", original));
  }

  /** The cyclic test image declares 0.0.1 as both previous and next: 0.0.1 → 0.0.2 → 0.0.1. */
  @Test
  void theCyclicTestImageDoesNotMakeACycle() throws Exception {
    Path cyclic = image("cincinnati-test-cyclic-0.0.2.release-metadata.json", "amd64", "cyclic-0.0.2.json");
    imageAs("cincinnati-test-labels-0.0.2_0.release-metadata.json", "0.0.1", "amd64", "labels-0.0.1.json");

    ReleaseSet set = ReleaseMetadataReader.read(dir);
    GraphSnapshot snapshot = GraphSnapshot.build(set, GraphData.empty());

    assertThat(set.problems()).isEmpty();
    assertThat(set.edges()).containsExactlyInAnyOrder(new ReleaseEdge("0.0.1+amd64", "0.0.2+amd64"), new ReleaseEdge("0.0.2+amd64", "0.0.1+amd64"));
    assertThat(snapshot.problems()).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo("update_cycle");
      assertThat(p.message()).contains("0.0.2 -> 0.0.1");
    });
    ArchGraph amd64 = snapshot.archGraph("amd64").orElseThrow();
    assertThat(new CycleDetector<>(amd64.graph()).detectCycles()).isFalse();
    assertThat(amd64.graph().edgeSet()).singleElement().satisfies(e -> {
      assertThat(e.from().version()).isEqualTo("0.0.1");
      assertThat(e.to().version()).isEqualTo("0.0.2");
    });
    assertThat(cyclic).exists();
  }

  @Test
  void theTwoArchitecturesOfOneVersionAreTwoReleasesWhoseUpdatesNeverCrossArchitectures() throws Exception {
    image("cincinnati-test-multiarch-0.0.3_amd64.release-metadata.json", "amd64", "multiarch-0.0.3-amd64.json");
    image("cincinnati-test-multiarch-0.0.3_arm64.release-metadata.json", "arm64", "multiarch-0.0.3-arm64.json");
    image("cincinnati-test-labels-0.0.2_0.release-metadata.json", "amd64", "labels-0.0.2-amd64.json");
    image("cincinnati-test-labels-0.0.2_0.release-metadata.json", "aarch64", "labels-0.0.2-arm64.json");

    ReleaseSet set = ReleaseMetadataReader.read(dir);

    assertThat(set.problems()).isEmpty();
    assertThat(set.releases()).extracting(Release::id).containsExactlyInAnyOrder("0.0.3+amd64", "0.0.3+arm64", "0.0.2+amd64", "0.0.2+arm64");
    assertThat(set.edges()).containsExactlyInAnyOrder(new ReleaseEdge("0.0.2+amd64", "0.0.3+amd64"), new ReleaseEdge("0.0.2+arm64", "0.0.3+arm64"));

    GraphSnapshot snapshot = GraphSnapshot.build(set, GraphData.empty());
    for (String arch : List.of("amd64", "arm64")) {
      ArchGraph g = snapshot.archGraph(arch).orElseThrow();
      assertThat(g.releases()).extracting(Release::arch).containsOnly(arch);
      for (UpdateEdge e : g.graph().edgeSet()) {
        assertThat(e.from().arch()).isEqualTo(arch);
        assertThat(e.to().arch()).isEqualTo(arch);
      }
    }
    // The amd64 image's own metadata removes 0.0.2 → 0.0.3 there; arm64 keeps it.
    ArchGraph amd64 = snapshot.archGraph("amd64").orElseThrow();
    assertThat(amd64.graph().edgeSet()).isEmpty();
    assertThat(amd64.removals()).usingRecursiveFieldByFieldElementComparatorOnFields("fromId", "toId", "reason", "source").containsExactly(new EdgeRemoval("0.0.2+amd64", "0.0.3+amd64", "previous.remove", "release 0.0.3+amd64 " + MetadataKeys.PREVIOUS_REMOVE));
    assertThat(snapshot.archGraph("arm64").orElseThrow().graph().edgeSet()).singleElement()
        .satisfies(e -> assertThat(e.from().id() + " -> " + e.to().id()).isEqualTo("0.0.2+arm64 -> 0.0.3+arm64"));
    // Its previous.add names 0.0.1, which has no amd64 release: reported, nothing added.
    assertThat(snapshot.problems()).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo("unknown_version");
      assertThat(p.source()).isEqualTo("release 0.0.3+amd64");
    });
  }

  @Test
  void aWrongKindIsReported() throws Exception {
    Path file = write(dir, "r.json", "{\"kind\":\"cincinnati-metadata-v1\",\"version\":\"4.1.0\",\"payload\":\"p\",\"architecture\":\"amd64\"}");

    ReleaseSet set = ReleaseMetadataReader.read(dir);

    assertThat(set.releases()).isEmpty();
    assertThat(set.problems()).singleElement().satisfies(p -> {
      assertThat(p.source()).isEqualTo(file.toString());
      assertThat(p.kind()).isEqualTo("invalid_release_metadata");
    });
  }

  @Test
  void aNonSemverVersionIsReported() throws Exception {
    Path file = imageAs("cincinnati-test-labels-0.0.2_0.release-metadata.json", "4.1", "amd64", "r.json");

    ReleaseSet set = ReleaseMetadataReader.read(dir);

    assertThat(set.releases()).isEmpty();
    assertThat(set.problems()).singleElement().satisfies(p -> {
      assertThat(p.source()).isEqualTo(file.toString());
      assertThat(p.kind()).isEqualTo("invalid_version");
    });
  }

  @Test
  void aNonSemverPreviousEntryIsReportedAndLeftOut() throws Exception {
    write(dir, "r.json", "{\"kind\":\"cincinnati-metadata-v0\",\"version\":\"4.1.1\",\"previous\":[\"4.1.0\",\"4.1\"],\"payload\":\"p\",\"architecture\":\"amd64\"}");

    ReleaseSet set = ReleaseMetadataReader.read(dir);

    assertThat(set.edges()).containsExactly(new ReleaseEdge("4.1.0+amd64", "4.1.1+amd64"));
    assertThat(set.problems()).singleElement().satisfies(p -> assertThat(p.kind()).isEqualTo("invalid_version"));
  }

  @Test
  void aDuplicateReleaseIsReportedAndTheFirstFileKept() throws Exception {
    image("cincinnati-test-multiarch-0.0.3_amd64.release-metadata.json", "amd64", "a.json");
    Path second = image("cincinnati-test-multiarch-0.0.3_arm64.release-metadata.json", "amd64", "b.json");

    ReleaseSet set = ReleaseMetadataReader.read(dir);

    assertThat(set.releases()).singleElement().satisfies(r -> assertThat(r.metadata()).containsKey(MetadataKeys.PREVIOUS_REMOVE));
    assertThat(set.problems()).singleElement().satisfies(p -> {
      assertThat(p.source()).isEqualTo(second.toString());
      assertThat(p.kind()).isEqualTo("duplicate_release");
    });
  }

  @Test
  void aNonStringMetadataValueIsReportedAndLeftOut() throws Exception {
    Path file = write(dir, "r.json", "{\"kind\":\"cincinnati-metadata-v0\",\"version\":\"4.1.1\",\"metadata\":{\"url\":\"u\",\"n\":true},\"payload\":\"p\",\"architecture\":\"amd64\"}");

    ReleaseSet set = ReleaseMetadataReader.read(dir);

    assertThat(set.releases()).singleElement().satisfies(r -> assertThat(r.metadata()).containsEntry("url", "u").doesNotContainKey("n"));
    assertThat(set.problems()).singleElement().satisfies(p -> {
      assertThat(p.source()).isEqualTo(file.toString());
      assertThat(p.kind()).isEqualTo("invalid_metadata");
    });
  }

  @Test
  void invalidJsonIsReportedWithItsLine() throws Exception {
    Path file = write(dir, "r.json", "{\n\"kind\": \"cincinnati-metadata-v0\",\n\"version\": \"4.1.1\"\n\"next\": []\n}");

    ReleaseSet set = ReleaseMetadataReader.read(dir);

    assertThat(set.problems()).singleElement().satisfies(p -> {
      assertThat(p.source()).isEqualTo(file.toString());
      assertThat(p.kind()).isEqualTo("invalid_json");
      assertThat(p.line()).hasValue(4);
    });
  }

  @Test
  void takesPayloadAndArchitectureFromTheImageForADocumentAsFoundInTheImage() throws Exception {
    byte[] raw = TestFiles.corpusBytes("release-metadata/ocp-4.12.0.release-metadata.json");
    Problems problems = new Problems();

    var doc = ReleaseMetadataReader.parseImageDocument(
        raw, "registry.example/ocp@" + DIGEST, "registry.example/ocp@" + DIGEST, "aarch64", problems);

    assertThat(problems.list()).isEmpty();
    assertThat(doc).isPresent();
    assertThat(doc.get().release().id()).isEqualTo("4.12.0+arm64");
    assertThat(doc.get().release().payload()).isEqualTo("registry.example/ocp@" + DIGEST);
    assertThat(doc.get().edges()).isNotEmpty().allSatisfy(e -> assertThat(e.toId()).isEqualTo("4.12.0+arm64"));
  }

  @Test
  void rejectsAnImageDocumentOfAnUnknownArchitectureNamingIt() {
    Problems problems = new Problems();
    byte[] raw = "{\"kind\":\"cincinnati-metadata-v0\",\"version\":\"4.1.0\"}".getBytes(StandardCharsets.UTF_8);

    var doc = ReleaseMetadataReader.parseImageDocument(raw, "img", "r/x@" + DIGEST, "riscv64", problems);

    assertThat(doc).isEmpty();
    assertThat(problems.list()).singleElement().satisfies(p -> assertThat(p.message()).contains("riscv64"));
  }

  @Test
  void aDocumentLabelledMultiIsAMultiReleaseUnlessItsImageIsOnePlatform() throws Exception {
    String multi = "{\"kind\":\"cincinnati-metadata-v0\",\"version\":\"4.12.0\",\"payload\":\"quay.io/ocp@" + DIGEST + "\","
        + "\"metadata\":{\"release.openshift.io/architecture\":\"multi\"}";
    write(dir, "list.json", multi + "}");
    Path piece = write(dir, "piece.json", multi + ",\"architecture\":\"x86_64\"}");

    ReleaseSet set = ReleaseMetadataReader.read(dir);

    assertThat(set.releases()).singleElement().satisfies(r -> {
      assertThat(r.id()).isEqualTo("4.12.0+multi");
      assertThat(r.metadata()).containsEntry(MetadataKeys.MANIFEST_REF, DIGEST).containsEntry(MetadataKeys.RELEASE_ARCHITECTURE, "multi");
    });
    assertThat(set.problems()).singleElement().satisfies(p -> {
      assertThat(p.source()).isEqualTo(piece.toString());
      assertThat(p.kind()).isEqualTo(ReleaseMetadataReader.MULTI_ARCH_PIECE);
    });
  }

  @Test
  void anImageDocumentLabelledMultiInAnImageOfOnePlatformIsLeftOut() {
    Problems problems = new Problems();
    byte[] raw = ("{\"kind\":\"cincinnati-metadata-v0\",\"version\":\"4.12.0\","
        + "\"metadata\":{\"release.openshift.io/architecture\":\"multi\"}}").getBytes(StandardCharsets.UTF_8);

    assertThat(ReleaseMetadataReader.parseImageDocument(raw, "img", "r/x@" + DIGEST, "amd64", problems)).isEmpty();
    assertThat(problems.list()).extracting(LoadProblem::kind).containsExactly(ReleaseMetadataReader.MULTI_ARCH_PIECE);
    assertThat(ReleaseMetadataReader.parseImageDocument(raw, "img", "r/x@" + DIGEST, "multi", new Problems()))
        .hasValueSatisfying(d -> assertThat(d.release().id()).isEqualTo("4.12.0+multi"));
  }
}
