package io.covington.sources;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.covington.graph.model.Release;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Releases at a URL are fetched again on every update, and read again only when they changed. */
class ReleasesSourceTest {

  private static String raw(String... versions) {
    StringBuilder nodes = new StringBuilder();
    for (String v : versions) {
      nodes.append(nodes.length() == 0 ? "" : ",").append("{\"version\": \"").append(v)
          .append("+amd64\", \"payload\": \"quay.io/x/release@sha256:").append("ab".repeat(32)).append("\", \"metadata\": {}}");
    }
    return "{\"nodes\": [" + nodes + "], \"edges\": []}";
  }

  @Test
  void aUrlIsReadAgainWhenItsETagChanges() throws Exception {
    AtomicReference<String> body = new AtomicReference<>(raw("4.16.0"));
    AtomicReference<String> etag = new AtomicReference<>("\"a\"");
    AtomicInteger notModified = new AtomicInteger();
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/releases.json", exchange -> {
      if (etag.get().equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
        notModified.incrementAndGet();
        exchange.sendResponseHeaders(304, -1);
      } else {
        byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("ETag", etag.get());
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
      }
      exchange.close();
    });
    http.start();
    try {
      ReleasesSource source = new ReleasesSource(Optional.of("http://127.0.0.1:" + http.getAddress().getPort() + "/releases.json"));
      assertThat(source.isLive()).isTrue();

      String first = source.update();
      assertThat(source.read().releases()).extracting(Release::version).containsExactly("4.16.0");
      assertThat(source.update()).isEqualTo(first);
      assertThat(notModified.get()).isEqualTo(1);

      body.set(raw("4.16.0", "4.16.1"));
      etag.set("\"b\"");
      assertThat(source.update()).isNotEqualTo(first);
      assertThat(source.read().releases()).extracting(Release::version).containsExactlyInAnyOrder("4.16.0", "4.16.1");
    } finally {
      http.stop(0);
    }
  }

  @Test
  void theBundledReleasesAreReadOnce() throws Exception {
    ReleasesSource source = new ReleasesSource(Optional.empty());

    assertThat(source.isLive()).isFalse();
    String revision = source.update();
    assertThat(source.update()).isEqualTo(revision);
    assertThat(source.read().releases()).isNotEmpty();
  }
}
