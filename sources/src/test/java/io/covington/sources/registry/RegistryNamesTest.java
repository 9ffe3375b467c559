package io.covington.sources.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repository references, auth files, challenges and pagination links as registries write them. */
class RegistryNamesTest {

  private static final String DIGEST = "sha256:" + "a".repeat(64);

  @Test
  void parsesRepositoriesWithPortTagDigestAndScheme() {
    assertThat(RegistryRepository.parse("mirror.example:5000/openshift/release-images"))
        .isEqualTo(new RegistryRepository(false, "mirror.example:5000", "openshift/release-images", Optional.empty()));
    assertThat(RegistryRepository.parse("http://127.0.0.1:5000/openshift/graph-image:latest"))
        .isEqualTo(new RegistryRepository(true, "127.0.0.1:5000", "openshift/graph-image", Optional.of("latest")));
    RegistryRepository pinned = RegistryRepository.parse("https://quay.io/ocp/release@" + DIGEST);
    assertThat(pinned.reference()).contains(DIGEST);
    assertThat(pinned.plainHttp()).isFalse();
    assertThat(pinned.pullSpec(DIGEST)).as("the scheme is never in a pull spec").isEqualTo("quay.io/ocp/release@" + DIGEST);
    assertThat(RegistryRepository.parse("http://h:1/r").pullSpec(DIGEST)).isEqualTo("h:1/r@" + DIGEST);
  }

  @Test
  void refusesMalformedRepositoriesSayingTheExpectedForm() {
    assertThatThrownBy(() -> RegistryRepository.parse("mirror.example")).hasMessageContaining("HOST[:PORT]/REPO");
    assertThatThrownBy(() -> RegistryRepository.parse("mirror.example/Upper/Case")).hasMessageContaining("Upper/Case");
    assertThatThrownBy(() -> RegistryRepository.parse("m/r@sha256:abc")).hasMessageContaining("digest");
  }

  @Test
  void readsAuthJsonAndDockercfgLogins(@TempDir Path dir) throws Exception {
    Path authJson = Files.writeString(dir.resolve("auth.json"), """
        {"auths": {
          "mirror.example:5000": {"auth": "dXNlcjpwYTpzcw=="},
          "https://index.docker.io/v1/": {"username": "hub", "password": "pw"},
          "broken.example": {"auth": "!!!"}}}
        """);
    RegistryCredentials credentials = RegistryCredentials.read(authJson);
    assertThat(credentials.forHost("mirror.example:5000")).contains(new RegistryCredentials.Login("user", "pa:ss"));
    assertThat(credentials.forHost("index.docker.io")).contains(new RegistryCredentials.Login("hub", "pw"));
    assertThat(credentials.forHost("broken.example")).isEmpty();
    assertThat(credentials.forHost("mirror.example")).as("the port is part of the host").isEmpty();

    Path dockercfg = Files.writeString(dir.resolve(".dockercfg"), "{\"old.example\": {\"auth\": \"YTpi\"}}");
    assertThat(RegistryCredentials.read(dockercfg).forHost("old.example")).contains(new RegistryCredentials.Login("a", "b"));
    assertThat(new RegistryCredentials.Login("a", "secret").toString()).doesNotContain("secret");

    Path notJson = Files.writeString(dir.resolve("bad.json"), "[");
    assertThatThrownBy(() -> RegistryCredentials.read(notJson)).hasMessageContaining("bad.json");
  }

  @Test
  void parsesChallengesAndNextLinks() {
    BearerChallenge bearer = BearerChallenge.parse(
        "Bearer realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:a/b:pull\"").orElseThrow();
    assertThat(bearer.isBearer()).isTrue();
    assertThat(bearer.param("realm")).isEqualTo("https://auth.example/token");
    assertThat(bearer.param("scope")).isEqualTo("repository:a/b:pull");
    assertThat(BearerChallenge.parse("Basic realm=\"x\"").orElseThrow().isBearer()).isFalse();
    assertThat(BearerChallenge.parse("Negotiate")).isEmpty();

    assertThat(RegistryClient.nextLink("</v2/a/tags/list?last=x&n=2>; rel=\"next\"")).contains("/v2/a/tags/list?last=x&n=2");
    assertThat(RegistryClient.nextLink("<https://r.example/v2/a/tags/list?last=x>; rel=next")).contains("https://r.example/v2/a/tags/list?last=x");
    assertThat(RegistryClient.nextLink("</v2/a/tags/list?last=x>; rel=\"prev\"")).isEmpty();
  }

  @Test
  void signatureTagsAreRecognised() {
    assertThat(RegistryReleaseSource.isSignatureTag("sha256-" + "a".repeat(64) + ".sig")).isTrue();
    assertThat(RegistryReleaseSource.isSignatureTag("4.16.3-x86_64.sig")).isTrue();
    assertThat(RegistryReleaseSource.isSignatureTag("4.16.3-x86_64")).isFalse();
  }
}
