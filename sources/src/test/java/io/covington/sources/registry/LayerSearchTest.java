package io.covington.sources.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.covington.sources.registry.TestImages.Entry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Finding release-metadata in one layer, and verifying blob bytes. */
class LayerSearchTest {

  private static final String PATH = ReleaseImageReader.METADATA_PATH;

  @Test
  void findsTheDocumentInAGzipLayerWithPaxHeaders() throws IOException {
    byte[] layer = TestImages.releaseLayer("{\"kind\":\"cincinnati-metadata-v0\"}").gzipped();
    assertThat(new String(plain(layer), StandardCharsets.ISO_8859_1)).as("the layer has PAX headers").contains("PaxHeaders");

    LayerSearch.Result result = LayerSearch.find(new ByteArrayInputStream(layer), PATH, 1024);

    assertThat(LayerSearch.content(result)).hasValueSatisfying(bytes ->
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"kind\":\"cincinnati-metadata-v0\"}"));
  }

  @Test
  void readsAnUncompressedLayerAndDotSlashNames() throws IOException {
    byte[] layer = plain(TestImages.layer(List.of(Entry.file("./" + PATH, "{}"))).gzipped());

    assertThat(LayerSearch.content(LayerSearch.find(new ByteArrayInputStream(layer), PATH, 1024))).isPresent();
  }

  @Test
  void aWhiteoutHidesTheFileOfLowerLayers() throws IOException {
    byte[] layer = TestImages.layer(List.of(Entry.file("release-manifests/.wh.release-metadata", ""))).gzipped();

    assertThat(LayerSearch.find(new ByteArrayInputStream(layer), PATH, 1024)).isInstanceOf(LayerSearch.WhitedOut.class);
    assertThat(LayerSearch.find(new ByteArrayInputStream(TestImages.filler("x").gzipped()), PATH, 1024))
        .isInstanceOf(LayerSearch.Absent.class);
  }

  @Test
  void aSymbolicLinkNamedLikeTheDocumentIsNotTheDocument() throws IOException {
    byte[] layer = TestImages.layer(List.of(Entry.symlink(PATH, "/etc/passwd"))).gzipped();

    assertThat(LayerSearch.find(new ByteArrayInputStream(layer), PATH, 1024)).isInstanceOf(LayerSearch.Absent.class);
  }

  @Test
  void refusesAnOversizedDocument() throws IOException {
    byte[] layer = TestImages.releaseLayer("x".repeat(2000)).gzipped();

    assertThatThrownBy(() -> LayerSearch.find(new ByteArrayInputStream(layer), PATH, 1024)).hasMessageContaining("2000 bytes");
  }

  @Test
  void theVerifyingStreamChecksDigestAndSizeAtTheEnd() throws IOException {
    byte[] blob = "blob".getBytes(StandardCharsets.UTF_8);
    try (VerifyingInputStream good = new VerifyingInputStream(new ByteArrayInputStream(blob), Digests.of(blob), 4)) {
      good.drainAndVerify();
      assertThat(good.verified()).isTrue();
    }
    VerifyingInputStream wrong = new VerifyingInputStream(new ByteArrayInputStream(blob), Digests.of(new byte[0]), 4);
    assertThatThrownBy(wrong::drainAndVerify).isInstanceOf(VerifyingInputStream.Mismatch.class).hasMessageContaining("digest");
    VerifyingInputStream longer = new VerifyingInputStream(new ByteArrayInputStream(blob), Digests.of(blob), 3);
    assertThatThrownBy(longer::drainAndVerify).isInstanceOf(VerifyingInputStream.Mismatch.class).hasMessageContaining("longer");
  }

  private static byte[] plain(byte[] gzipped) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      in.transferTo(out);
    }
    return out.toByteArray();
  }
}
