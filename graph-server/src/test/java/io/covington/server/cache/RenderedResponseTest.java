package io.covington.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class RenderedResponseTest {

  private static byte[] body(int repeat) {
    return "{\"version\":1,\"nodes\":[%s]}".formatted("{\"version\":\"4.16.3\"},".repeat(repeat) + "{}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theEtagIsTheSha256OfTheIdentityBytes() throws Exception {
    byte[] body = body(100);
    String expected = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(MessageDigest.getInstance("SHA-256").digest(body));

    RenderedResponse response = RenderedResponse.of(body);

    assertThat(response.etag()).isEqualTo('"' + expected + '"');
    assertThat(response.gzipEtag()).isEqualTo('"' + expected + "-gzip\"");
  }

  @Test
  void sameBytesSameTagsDifferentBytesDifferentTags() {
    assertThat(RenderedResponse.of(body(50)).etag()).isEqualTo(RenderedResponse.of(body(50)).etag());
    assertThat(RenderedResponse.of(body(50)).etag()).isNotEqualTo(RenderedResponse.of(body(51)).etag());
  }

  @Test
  void theGzipBodyDecompressesToTheIdentityBody() throws IOException {
    byte[] body = body(1000);
    RenderedResponse response = RenderedResponse.of(body);

    assertThat(response.identity().getBytes()).isEqualTo(body);
    byte[] gzip = response.gzip().orElseThrow().getBytes();
    assertThat(gzip.length).isLessThan(body.length);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      assertThat(in.readAllBytes()).isEqualTo(body);
    }
  }

  @Test
  void smallBodiesAreNotCompressed() {
    assertThat(RenderedResponse.of("{}".getBytes(StandardCharsets.UTF_8)).gzip()).isEmpty();
  }
}
