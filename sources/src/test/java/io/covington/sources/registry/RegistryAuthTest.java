package io.covington.sources.registry;

import static io.covington.sources.registry.TestImages.Format.DOCKER;
import static io.covington.sources.registry.TestImages.Format.OCI;
import static io.covington.sources.registry.TestImages.releaseLayer;
import static io.covington.sources.registry.TestImages.releaseMetadata;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.ReleaseEdge;
import io.covington.graph.model.Release;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry source against secured registries: the real registry over TLS with a self-signed CA
 * and htpasswd Basic auth, and the real registry behind a Bearer token stand-in whose tokens
 * expire before they say they will.
 */
class RegistryAuthTest {

  private static final RegistryCredentials.Login LOGIN = new RegistryCredentials.Login("mirror", "s3cret pass:word");

  @TempDir Path dir;

  private Path authJson(String host, RegistryCredentials.Login login) throws Exception {
    String auth = Base64.getEncoder().encodeToString((login.user() + ":" + login.password()).getBytes(StandardCharsets.UTF_8));
    return Files.writeString(dir.resolve("auth.json"),
        "{\"auths\": {\"other.example\": {\"auth\": \"eDp5\"}, \"" + host + "\": {\"auth\": \"" + auth + "\"}}}");
  }

  private static RegistryReleaseSource source(RegistryRepository repo, SSLContext tls, RegistryCredentials credentials) {
    return new RegistryReleaseSource(List.of(repo), RegistryReleaseSourceTest.client(tls, credentials),
        new ReleaseImageCache(10, Optional.empty()), RegistryConfig.DEFAULT_FULL_READ_LIMIT, 2, 100, RegistryEvents.NONE);
  }

  @Test
  void readsOverTlsWithTheMirrorsCaAndBasicAuthFromAuthJson() throws Exception {
    TestCertificates.Issued tls = TestCertificates.issue(dir);
    Path htpasswd = Files.writeString(dir.resolve("htpasswd"), TestCertificates.htpasswd(LOGIN.user(), LOGIN.password()));
    try (DistributionRegistry registry = DistributionRegistry.start(dir.resolve("registry"),
        Optional.of(new DistributionRegistry.Security(tls.certificatePem(), tls.keyPem(), htpasswd, tls.trust())))) {
      TestImages images = new TestImages(new ImagePusher(registry.url(), Optional.of(tls.trust()), Optional.of(LOGIN)));
      String first = images.image("secure/release", "4.3.0", OCI, "amd64", List.of(releaseLayer(releaseMetadata("4.3.0")))).digest();
      String second = images.image("secure/release", "4.3.1", DOCKER, "amd64",
          List.of(releaseLayer(releaseMetadata("4.3.1", "4.3.0")))).digest();
      RegistryRepository repo = RegistryRepository.parse(registry.host() + "/secure/release");

      RegistryReleaseSource.Scrape scrape = source(repo, RegistryTls.context(List.of(tls.caPem())),
          RegistryCredentials.read(authJson(registry.host(), LOGIN))).scrape();

      assertThat(scrape.releases().problems()).isEmpty();
      assertThat(scrape.releases().releases()).extracting(Release::payload).containsExactlyInAnyOrder(
          registry.host() + "/secure/release@" + first, registry.host() + "/secure/release@" + second);
      assertThat(scrape.releases().edges()).containsExactly(new ReleaseEdge("4.3.0+amd64", "4.3.1+amd64"));

      assertThatThrownBy(() -> source(repo, RegistryTls.context(List.of(tls.caPem())), RegistryCredentials.none()).scrape())
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).singleElement()
              .satisfies(p -> assertThat(p.kind()).isEqualTo("registry_unauthorized")));
      assertThatThrownBy(() -> source(repo, SSLContext.getDefault(), RegistryCredentials.read(authJson(registry.host(), LOGIN))).scrape())
          .as("the mirror's CA is not trusted unless given")
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).singleElement()
              .satisfies(p -> assertThat(p.kind()).isEqualTo("registry_unreachable")));
    }
  }

  @Test
  void fetchesBearerTokensAndFetchesAgainWhenOneExpiresEarly() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.start(dir.resolve("registry"));
        RegistryStandIn tokenAuth = RegistryStandIn.start(registry.url())) {
      TestImages images = new TestImages(new ImagePusher(registry.url()));
      images.image("token/release", "4.4.0", OCI, "arm64", List.of(releaseLayer(releaseMetadata("4.4.0"))));
      images.image("token/release", "4.4.1", OCI, "arm64", List.of(releaseLayer(releaseMetadata("4.4.1", "4.4.0"))));
      tokenAuth.requireTokens(Duration.ofMillis(700), Duration.ofMinutes(5), Optional.of(LOGIN));
      RegistryRepository repo = RegistryRepository.parse("http://" + tokenAuth.host() + "/token/release");
      RegistryClient client = RegistryReleaseSourceTest.client(SSLContext.getDefault(),
          RegistryCredentials.read(authJson(tokenAuth.host(), LOGIN)));

      RegistryReleaseSource.Scrape first = scrape(repo, client);
      Thread.sleep(800);
      RegistryReleaseSource.Scrape second = scrape(repo, client);

      assertThat(first.releases().releases()).hasSize(2);
      assertThat(second.releases().releases()).isEqualTo(first.releases().releases());
      assertThat(second.releases().problems()).isEmpty();
      assertThat(tokenAuth.refusedTokens()).as("the expired token was sent once").isPositive();
      assertThat(tokenAuth.tokensIssued()).isGreaterThanOrEqualTo(2);

      RegistryClient stranger = RegistryReleaseSourceTest.client(SSLContext.getDefault(), RegistryCredentials.none());
      assertThatThrownBy(() -> scrape(repo, stranger)).isInstanceOfSatisfying(InvalidInputException.class,
          e -> assertThat(e.problems().get(0).kind()).isEqualTo("registry_unauthorized"));
    }
  }

  private static RegistryReleaseSource.Scrape scrape(RegistryRepository repo, RegistryClient client) throws Exception {
    return new RegistryReleaseSource(List.of(repo), client, new ReleaseImageCache(10, Optional.empty()),
        RegistryConfig.DEFAULT_FULL_READ_LIMIT, 2, 100, RegistryEvents.NONE).scrape();
  }
}
