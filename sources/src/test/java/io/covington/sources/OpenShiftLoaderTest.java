package io.covington.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.covington.graph.input.InvalidInputException;
import io.covington.graph.snapshot.GraphSnapshot;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way of giving {@code --releases}: a raw graph file or URL, or a release-metadata directory. */
class OpenShiftLoaderTest {

  @TempDir Path dir;

  @Test
  void readsARawGraphFile() throws Exception {
    TestInputs.Inputs inputs = TestInputs.write(dir);

    GraphSnapshot snapshot =
        OpenShiftLoader.loadOnce(Optional.of(inputs.releases().toString()), Optional.of(inputs.graphData()));

    assertThat(snapshot.architectures()).containsExactly("amd64", "arm64");
    assertThat(snapshot.channel("stable-4.16", "amd64").orElseThrow().nodes()).hasSize(4);
    assertThat(snapshot.problems()).isEmpty();
  }

  @Test
  void readsAReleaseMetadataDirectory() throws Exception {
    TestInputs.Inputs inputs = TestInputs.write(dir);
    Path releases = Files.createDirectories(dir.resolve("release-metadata"));
    Files.writeString(releases.resolve("4.16.0.json"), document("4.16.0", "[]"));
    Files.writeString(releases.resolve("4.16.1.json"), document("4.16.1", "[\"4.16.0\"]"));

    GraphSnapshot snapshot =
        OpenShiftLoader.loadOnce(Optional.of(releases.toString()), Optional.of(inputs.graphData()));

    assertThat(snapshot.channel("fast-4.16", "amd64").orElseThrow().nodes())
        .extracting(r -> r.version())
        .containsExactly("4.16.0", "4.16.1");
    assertThat(snapshot.channel("fast-4.16", "amd64").orElseThrow().conditionalEdgeCount()).isEqualTo(1);
  }

  @Test
  void fetchesARawGraphUrl() throws Exception {
    TestInputs.Inputs inputs = TestInputs.write(dir);
    byte[] body = Files.readAllBytes(inputs.releases());
    HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    upstream.createContext("/graph", exchange -> {
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    upstream.start();
    try {
      String base = "http://127.0.0.1:" + upstream.getAddress().getPort();

      GraphSnapshot snapshot =
          OpenShiftLoader.loadOnce(Optional.of(base + "/graph"), Optional.of(inputs.graphData()));

      assertThat(snapshot.channel("stable-4.16", "arm64").orElseThrow().nodes()).hasSize(2);
      assertThatThrownBy(() -> OpenShiftLoader.loadOnce(Optional.of(base + "/missing"), Optional.of(inputs.graphData())))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining(base + "/missing")
          .hasMessageContaining("HTTP status 404");
    } finally {
      upstream.stop(0);
    }
  }

  @Test
  void aMissingReleasesFileIsAnInputError() throws Exception {
    TestInputs.Inputs inputs = TestInputs.write(dir);
    Path missing = dir.resolve("nope.json");

    assertThatThrownBy(() -> OpenShiftLoader.loadOnce(Optional.of(missing.toString()), Optional.of(inputs.graphData())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("nope.json");
  }

  @Test
  void notJsonIsAnInputError() throws Exception {
    TestInputs.Inputs inputs = TestInputs.write(dir);
    Files.writeString(inputs.releases(), "<html>not a graph</html>", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> OpenShiftLoader.loadOnce(Optional.of(inputs.releases().toString()), Optional.of(inputs.graphData())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("releases.json");
  }

  private static String document(String version, String previous) {
    return """
        {"kind": "cincinnati-metadata-v0", "version": "%s", "previous": %s,
         "payload": "quay.io/openshift-release-dev/ocp-release@%s", "architecture": "amd64",
         "metadata": {"url": "https://access.redhat.com/errata/RHBA-2024:1"}}
        """.formatted(version, previous, TestInputs.digest("amd64"));
  }
}
