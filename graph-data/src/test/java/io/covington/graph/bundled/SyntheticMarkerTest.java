package io.covington.graph.bundled;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.coreos.CoreOsSnapshot;
import io.covington.graph.coreos.CoreOsStream;
import io.covington.graph.coreos.CoreOsStreams;
import io.covington.graph.model.Release;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The markers of synthesized bundled data (see the SOURCES.md files): every OKD release, whose
 * payload digest is generated, carries {@code covington.io/synthetic}; no OpenShift release, whose
 * payloads are real, does; every bundled CoreOS stream says what is generated, and the same
 * documents without the marker (as Fedora publishes them) say nothing.
 */
class SyntheticMarkerTest {

  private static final String KEY = "covington.io/synthetic";

  @Test
  void exactlyTheOkdReleasesAreMarkedAsHavingASyntheticPayload() throws Exception {
    List<Release> releases = BundledData.releases().releases();

    List<Release> okd = releases.stream().filter(r -> r.version().contains("okd")).toList();
    assertThat(okd).hasSize(7).allSatisfy(r -> assertThat(r.metadata()).containsEntry(KEY, "payload"));
    assertThat(releases).filteredOn(r -> !r.version().contains("okd")).hasSizeGreaterThan(400)
        .allSatisfy(r -> assertThat(r.metadata()).doesNotContainKey(KEY));
  }

  @Test
  void everyBundledStreamSaysWhatIsSynthesized() {
    CoreOsSnapshot bundled = CoreOsStreams.loadBundled();

    assertThat(bundled.streams()).containsExactly("next", "stable", "testing");
    for (String name : bundled.streams()) {
      assertThat(bundled.stream(name).flatMap(CoreOsStream::synthetic))
          .as(name).hasValue("OSTree checksums, OCI image digests and architecture availability");
    }
  }

  @Test
  void aStreamWithoutTheMarkerIsReal(@TempDir Path dir) throws Exception {
    Path stable = Files.createDirectories(dir.resolve("stable"));
    for (String file : List.of("releases.json", "updates.json")) {
      try (InputStream in = getClass().getResourceAsStream("/" + CoreOsStreams.BUNDLED_ROOT + "stable/" + file)) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        Files.writeString(stable.resolve(file), text.replaceAll("(?m)^\\s*\"" + KEY.replace(".", "\\.") + "\": \"[^\"]*\",\\n", ""));
      }
    }
    assertThat(Files.readString(stable.resolve("releases.json"))).doesNotContain(KEY);

    CoreOsSnapshot read = CoreOsStreams.loadDirectory(dir);

    assertThat(read.stream("stable")).isPresent();
    assertThat(read.stream("stable").flatMap(CoreOsStream::synthetic)).isEmpty();
  }
}
