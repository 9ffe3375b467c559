package io.covington.sources.registry;

import static io.covington.sources.registry.TestImages.Format.DOCKER;
import static io.covington.sources.registry.TestImages.Format.OCI;
import static io.covington.sources.registry.TestImages.releaseLayer;
import static io.covington.sources.registry.TestImages.releaseMetadata;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.covington.graph.input.GraphDataReader;
import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.LoadProblem;
import io.covington.graph.input.ReleaseEdge;
import io.covington.graph.input.ReleaseSet;
import io.covington.graph.model.Release;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.sources.TestInputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry release source against a real distribution registry holding images built and
 * pushed by the test, read through a stand-in that counts blob downloads and corrupts one.
 */
class RegistryReleaseSourceTest {

  private static final String REPO = "ocp/release";
  private static final String CLEAN = "clean/release";

  @TempDir static Path dir;
  private static RegistryUnderTest fixture;
  private static RegistryStandIn standIn;
  private static final Map<String, String> digests = new TreeMap<>();

  @BeforeAll
  static void pushImages() throws Exception {
    fixture = RegistryUnderTest.start(dir.resolve("registry"));
    standIn = fixture.standIn();
    TestImages images = new TestImages(new ImagePusher(fixture.registry().url()));

    // Single-architecture releases, both formats; 4.1.0+amd64's document is in its lower layer.
    TestImages.Layer a0 = releaseLayer(releaseMetadata("4.1.0"));
    digests.put("4.1.0+amd64", images.image(REPO, "4.1.0-x86_64", OCI, "amd64", List.of(a0, TestImages.filler("top"))).digest());
    TestImages.Layer a1 = releaseLayer(releaseMetadata("4.1.1", "4.1.0"));
    List<TestImages.Layer> a1Layers = List.of(TestImages.filler("base"), a1);
    digests.put("4.1.1+amd64", images.image(REPO, "4.1.1-x86_64", DOCKER, "amd64", a1Layers).digest());
    images.image(REPO, "4.1.1-again", DOCKER, "amd64", a1Layers);
    digests.put("4.1.0+arm64", images.image(REPO, "4.1.0-aarch64", DOCKER, "arm64", List.of(releaseLayer(releaseMetadata("4.1.0")))).digest());
    digests.put("4.1.1+arm64", images.image(REPO, "4.1.1-aarch64", OCI, "arm64",
        List.of(releaseLayer(releaseMetadata("4.1.1", "4.1.0")))).digest());

    // Multi-architecture releases: a Docker manifest list and an OCI index of two platforms each.
    TestImages.Layer m0 = releaseLayer(releaseMetadata("4.1.0", List.of(), TestImages.multiMetadata()));
    digests.put("4.1.0+multi", images.index(REPO, "4.1.0-multi", DOCKER, List.of(
        images.image(REPO, null, DOCKER, "amd64", List.of(m0)), images.image(REPO, null, DOCKER, "arm64", List.of(m0)))).digest());
    TestImages.Layer m1 = releaseLayer(releaseMetadata("4.1.1", List.of("4.1.0"), TestImages.multiMetadata()));
    TestImages.Pushed m1amd = images.image(REPO, null, OCI, "amd64", List.of(m1));
    digests.put("4.1.1+multi", images.index(REPO, "4.1.1-multi", OCI, List.of(m1amd, images.image(REPO, null, OCI, "arm64", List.of(m1))))
        .digest());
    // A platform piece of the multi release, tagged too: not a release of its own.
    images.image(REPO, "4.1.1-multi-x86_64-piece", OCI, "amd64", List.of(m1));
    // A platform piece whose manifest list is not in the repository: its document says multi, its
    // image one platform; the reference scraper leaves it out, not filing it under amd64.
    TestImages.Layer m2 = releaseLayer(releaseMetadata("4.1.2", List.of("4.1.1"), TestImages.multiMetadata()));
    images.image(REPO, "4.1.2-multi-x86_64-orphan-piece", DOCKER, "amd64", List.of(m2));

    // What must be skipped or reported.
    String signed = digests.get("4.1.1+amd64");
    images.image(REPO, "sha256-" + Digests.hex(signed) + ".sig", OCI, "amd64", List.of(releaseLayer(releaseMetadata("9.9.9"))));
    images.image(REPO, "not-a-release", OCI, "amd64", List.of(TestImages.filler("nothing")));
    byte[] brokenGzip = new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 'n', 'o', 't', ' ', 'd', 'e', 'f', 'l', 'a', 't', 'e'};
    TestImages.Layer broken = new TestImages.Layer(brokenGzip, Digests.of("x".getBytes(StandardCharsets.UTF_8)));
    images.image(REPO, "corrupt-gzip", DOCKER, "amd64", List.of(broken));
    TestImages.Pushed download = images.image(REPO, "bad-download", OCI, "amd64", List.of(releaseLayer(releaseMetadata("4.1.2", "4.1.1"))));
    standIn.corrupt(download.layerDigests().get(0));

    fixture.pushTwoReleases(CLEAN);
  }

  @AfterAll
  static void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  static RegistryClient client(SSLContext tls, RegistryCredentials credentials) {
    return new RegistryClient(tls, credentials, new RegistryClient.Settings(Duration.ofSeconds(20), 3, Duration.ofMillis(20)),
        kind -> {}, Clock.systemUTC());
  }

  private static RegistryReleaseSource source(String repo, Optional<Path> cacheDir, int pageSize) throws Exception {
    return source(repo, cacheDir, pageSize, RegistryConfig.DEFAULT_FULL_READ_LIMIT);
  }

  private static RegistryReleaseSource source(String repo, Optional<Path> cacheDir, int pageSize, long fullReadLimit)
      throws Exception {
    return new RegistryReleaseSource(List.of(RegistryRepository.parse("http://" + standIn.host() + "/" + repo)),
        client(SSLContext.getDefault(), RegistryCredentials.none()), new ReleaseImageCache(100, cacheDir),
        fullReadLimit, 4, pageSize, RegistryEvents.NONE);
  }

  @Test
  void findsExactlyThePushedReleasesAndReportsEveryBadTag() throws Exception {
    RegistryReleaseSource.Scrape scrape = source(REPO, Optional.empty(), 5).scrape();
    ReleaseSet set = scrape.releases();

    Map<String, String> payloads = set.releases().stream().collect(Collectors.toMap(Release::id, Release::payload, (a, b) -> a, TreeMap::new));
    Map<String, String> expected = new TreeMap<>();
    digests.forEach((id, digest) -> expected.put(id, standIn.host() + "/" + REPO + "@" + digest));
    assertThat(payloads).isEqualTo(expected);
    assertThat(set.edges()).containsExactlyInAnyOrder(
        new ReleaseEdge("4.1.0+amd64", "4.1.1+amd64"),
        new ReleaseEdge("4.1.0+arm64", "4.1.1+arm64"),
        new ReleaseEdge("4.1.0+multi", "4.1.1+multi"));
    Map<String, String> problems = set.problems().stream().collect(Collectors.toMap(LoadProblem::source, LoadProblem::kind));
    String at = standIn.host() + "/" + REPO + ":";
    assertThat(problems).isEqualTo(Map.of(
        at + "not-a-release", "no_release_metadata",
        at + "corrupt-gzip", "registry_invalid_layer",
        at + "bad-download", "registry_digest_mismatch"));
    // 13 tags over pages of 5: the signature, the second tag of 4.1.1, the two multi pieces and
    // the image without metadata are skipped.
    assertThat(scrape.stats()).singleElement().satisfies(stats -> {
      assertThat(stats.repository()).isEqualTo(standIn.host() + "/" + REPO);
      assertThat(List.of(stats.tagsSeen(), stats.tagsSkipped(), stats.tagsFailed(), stats.releases())).containsExactly(13, 5, 2, 6);
      // 4.1.1-again may be read after 4.1.1-x86_64 has filled the cache: the same digest.
      assertThat(stats.cacheHits()).isBetween(0, 1);
    });
    assertThat(set.releases()).filteredOn(r -> r.arch().equals("multi")).allSatisfy(r ->
        assertThat(r.metadata()).containsEntry("release.openshift.io/architecture", "multi"));
    // As the reference scraper: the digest of the tag's manifest (the list's, for multi) is the manifestref.
    assertThat(set.releases()).allSatisfy(r ->
        assertThat(r.metadata()).containsEntry("io.openshift.upgrades.graph.release.manifestref", digests.get(r.id())));
    assertThat(set.releases()).filteredOn(r -> !r.arch().equals("multi")).allSatisfy(r ->
        assertThat(r.metadata()).doesNotContainKey("release.openshift.io/architecture"));
  }

  @Test
  void aLayerAboveTheFullReadLimitIsReadOnlyUpToTheDocumentAndSoNotVerified() throws Exception {
    // bad-download's layer is served with its last byte (in the gzip trailer) changed. Read to the
    // end, its digest fails; read only up to the document, the change is never seen. This is the
    // documented trade-off for layers above the limit.
    ReleaseSet partial = source(REPO, Optional.empty(), 100, 0).scrape().releases();

    assertThat(partial.releases()).extracting(Release::id).contains("4.1.2+amd64");
    assertThat(partial.problems()).extracting(LoadProblem::kind).doesNotContain("registry_digest_mismatch");
  }

  @Test
  void theReleasesBuildAGraphPerArchitecture(@TempDir Path data) throws Exception {
    GraphSnapshot snapshot = GraphSnapshot.build(source(REPO, Optional.empty(), 100).scrape().releases(),
        GraphDataReader.read(TestInputs.write(data).graphData()));

    assertThat(snapshot.architectures()).containsExactlyInAnyOrder("amd64", "arm64", "multi");
    snapshot.stats().values().forEach(stats -> assertThat(stats.releases()).isEqualTo(2));
  }

  @Test
  void aRestartWithThePersistedCacheDownloadsNoBlob(@TempDir Path cache) throws Exception {
    int before = standIn.blobGets();
    RegistryReleaseSource.Scrape first = source(CLEAN, Optional.of(cache), 100).scrape();
    int firstDownloads = standIn.blobGets() - before;

    RegistryReleaseSource.Scrape afterRestart = source(CLEAN, Optional.of(cache), 100).scrape();

    assertThat(firstDownloads).as("configs and layers read the first time").isEqualTo(5);
    assertThat(standIn.blobGets() - before - firstDownloads).as("blobs downloaded after the restart").isZero();
    assertThat(afterRestart.releases().releases()).isEqualTo(first.releases().releases());
    assertThat(afterRestart.releases().edges()).containsExactly(new ReleaseEdge("4.2.0+amd64", "4.2.1+amd64"));
    assertThat(afterRestart.stats().get(0).cacheHits()).isEqualTo(2);
  }

  @Test
  void anUnknownRepositoryIsAFailedListing() throws Exception {
    assertThatThrownBy(() -> source("no/such-repo", Optional.empty(), 100).scrape())
        .isInstanceOfSatisfying(InvalidInputException.class, e ->
            assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.kind()).isEqualTo("registry_not_found")));
  }
}
