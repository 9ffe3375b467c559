package io.covington.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.covington.graph.input.InvalidInputException;
import io.covington.graph.model.Release;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void aDirectoryWithoutReleaseMetadataIsOneClearError(@TempDir Path dir) throws Exception {
    // The usual mistake: the graph-data directory given as --releases.
    String graphData = Path.of("../graph-data/src/main/resources/io/covington/graph/bundled/openshift/graph-data")
        .toAbsolutePath().normalize().toString();

    assertThatThrownBy(() -> ReleasesSource.read(graphData)).isInstanceOfSatisfying(InvalidInputException.class, e ->
        assertThat(e.problems()).singleElement().satisfies(p -> {
          assertThat(p.source()).isEqualTo(graphData);
          assertThat(p.kind()).isEqualTo("no_releases");
          assertThat(p.message()).contains("no release could be read from " + graphData)
              .contains("*.json with kind cincinnati-metadata-v0").contains("that are not *.json").contains("--graph-data");
        }));
    Files.writeString(dir.resolve("4.16.0.json"), "{\"kind\": \"cincinnati-metadata-v0\", \"version\": \"4.16.0\"}");
    assertThatThrownBy(() -> ReleasesSource.read(dir.toString())).isInstanceOfSatisfying(InvalidInputException.class, e ->
        assertThat(e.problems()).singleElement().satisfies(p ->
            assertThat(p.message()).contains("1 *.json file(s) that are not release-metadata; the first: ").contains("4.16.0.json")));
    Files.delete(dir.resolve("4.16.0.json"));
    assertThatThrownBy(() -> ReleasesSource.read(dir.toString())).hasMessageContaining("found no file");
  }

  @Test
  void aUrlThatTurnsEmptyIsAnErrorAndTheLastReleasesStay() throws Exception {
    AtomicReference<String> body = new AtomicReference<>(raw("4.16.0"));
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/releases.json", exchange -> {
      byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("ETag", "\"" + body.get().hashCode() + "\"");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    http.start();
    try {
      String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/releases.json";
      ReleasesSource source = new ReleasesSource(Optional.of(url));
      String first = source.update();

      body.set(raw());

      assertThatThrownBy(source::update).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("no release could be read from " + url).hasMessageContaining("at least one node");
      assertThat(source.read().releases()).extracting(Release::version).containsExactly("4.16.0");
      body.set(raw("4.16.0"));
      assertThat(source.update()).isEqualTo(first);
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
