package io.covington.sources.coreos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.covington.graph.coreos.CoreOsSnapshot;
import io.covington.graph.coreos.Scheme;
import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.LoadProblem;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Streams read from URL templates, served by a real HTTP server on a free loopback port: a stream
 * that fails keeps its last good graph, and the failure is reported.
 */
class CoreOsStreamsSourceTest {

  private HttpServer http;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final List<LoadProblem> failures = new CopyOnWriteArrayList<>();
  private final List<Integer> statuses = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    for (String stream : List.of("stable", "testing")) {
      files.put("/streams/" + stream + "/releases.json", bundled(stream + "/releases.json"));
      files.put("/updates/" + stream + ".json", bundled(stream + "/updates.json"));
    }
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", exchange -> {
      byte[] body = files.get(exchange.getRequestURI().getPath());
      if (body == null) {
        statuses.add(404);
        exchange.sendResponseHeaders(404, -1);
      } else {
        String etag = "\"" + Arrays.hashCode(body) + "\"";
        exchange.getResponseHeaders().add("ETag", etag);
        if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
          statuses.add(304);
          exchange.sendResponseHeaders(304, -1);
        } else {
          statuses.add(200);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
        }
      }
      exchange.close();
    });
    http.start();
  }

  @AfterEach
  void stop() {
    http.stop(0);
  }

  private static byte[] bundled(String path) throws IOException {
    try (InputStream in = CoreOsStreamsSourceTest.class.getResourceAsStream("/io/covington/graph/bundled/coreos/" + path)) {
      return in.readAllBytes();
    }
  }

  private CoreOsStreamsSource sources() {
    String base = "http://127.0.0.1:" + http.getAddress().getPort();
    return new CoreOsStreamsSource(
        Optional.empty(),
        Optional.of(new CoreOsStreamsSource.UrlTemplates(
            base + "/streams/{stream}/releases.json", base + "/updates/{stream}.json", List.of("stable", "testing"))),
        failures::add);
  }

  /** One update and the streams it left. */
  private static CoreOsSnapshot load(CoreOsStreamsSource source) throws Exception {
    source.update();
    return source.read();
  }

  @Test
  void everyStreamIsReadFromItsTwoUrls() throws Exception {
    CoreOsSnapshot snapshot = load(sources());
    assertThat(snapshot.streams()).containsExactly("stable", "testing");
    assertThat(snapshot.graph("stable", "x86_64", Scheme.CHECKSUM)).isPresent();
    assertThat(failures).isEmpty();
  }

  @Test
  void aStreamThatBreaksKeepsItsLastGoodGraphAndTheFailureIsReported() throws Exception {
    CoreOsStreamsSource sources = sources();
    CoreOsSnapshot good = load(sources);
    files.put("/updates/testing.json", "{\"stream\": \"testing\", \"releases\": [".getBytes(StandardCharsets.UTF_8));
    files.remove("/streams/stable/releases.json");

    CoreOsSnapshot next = load(sources);

    assertThat(next.streams()).containsExactly("stable", "testing");
    assertThat(next.graph("testing", "x86_64", Scheme.CHECKSUM)).isEqualTo(good.graph("testing", "x86_64", Scheme.CHECKSUM));
    assertThat(next.graph("stable", "x86_64", Scheme.CHECKSUM)).isEqualTo(good.graph("stable", "x86_64", Scheme.CHECKSUM));
    assertThat(failures).extracting(LoadProblem::source).anySatisfy(s -> assertThat(s).endsWith("/updates/testing.json"))
        .anySatisfy(s -> assertThat(s).endsWith("/streams/stable/releases.json"));
    assertThat(failures).extracting(LoadProblem::kind).contains("fetch_failed");
    assertThat(next.problems()).hasSameSizeAs(failures);
  }

  @Test
  void anUnchangedStreamIsAskedForWithItsETagAndNotDownloadedAgain() throws Exception {
    CoreOsStreamsSource sources = sources();
    CoreOsSnapshot first = load(sources);
    statuses.clear();

    CoreOsSnapshot second = load(sources);

    assertThat(statuses).containsOnly(304).hasSize(4);
    assertThat(second.graph("stable", "x86_64", Scheme.CHECKSUM)).isEqualTo(first.graph("stable", "x86_64", Scheme.CHECKSUM));
    files.put("/updates/stable.json", bundled("testing/updates.json"));
    statuses.clear();
    load(sources);
    assertThat(failures).extracting(LoadProblem::source).anySatisfy(s -> assertThat(s).endsWith("/updates/stable.json"));
  }

  @Test
  void withoutAnyGoodReadTheLoadFailsNamingTheUrls() {
    files.clear();
    assertThatThrownBy(() -> load(sources()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("/streams/stable/releases.json")
        .hasMessageContaining("HTTP status 404");
  }
}
