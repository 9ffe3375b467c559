package io.covington.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Two replicas on the same data answer every request with the same bytes and the same
 * validators, so a client behind a load balancer, and every cache between, sees one service.
 */
class ReplicasAgreeTest {

  private static final List<String> COMPARED_HEADERS = List.of("etag", "content-type", "content-length", "last-modified");

  @Test
  void twoInstancesAnswerEveryBundledChannelAndStreamIdentically() throws Exception {
    Containerfile image = Containerfile.read();
    try (ServerProcess one = ServerProcess.start(image, ImageEntrypointTest.podEnvironment(image));
        ServerProcess two = ServerProcess.start(image, ImageEntrypointTest.podEnvironment(image))) {
      one.awaitReady(Duration.ofSeconds(90));
      two.awaitReady(Duration.ofSeconds(90));

      List<String> paths = new ArrayList<>(List.of("/v1/channels", "/v1/openapi"));
      JsonNode channels = new ObjectMapper().readTree(ServerProcess.get(one.api("/v1/channels")).body()).path("channels");
      assertThat(channels).as("the bundled channels").hasSizeGreaterThan(10);
      channels.forEach(c -> paths.add("/v1/graph?channel=" + URLEncoder.encode(c.path("name").asText(), StandardCharsets.UTF_8)));

      List<URI[]> pairs = new ArrayList<>();
      paths.forEach(path -> pairs.add(new URI[] {one.api(path), two.api(path)}));
      List<String> coreos = coreosGraphs();
      assertThat(coreos).as("bundled CoreOS streams and architectures").hasSizeGreaterThanOrEqualTo(6);
      coreos.forEach(path -> pairs.add(new URI[] {one.apiRoot(path), two.apiRoot(path)}));

      int withNodes = 0;
      for (URI[] pair : pairs) {
        String path = pair[0].getPath() + "?" + pair[0].getQuery();
        for (String accept : List.of("application/json", "*/*")) {
          HttpResponse<byte[]> a = ServerProcess.get(pair[0], "Accept", accept);
          HttpResponse<byte[]> b = ServerProcess.get(pair[1], "Accept", accept);
          assertThat(a.statusCode()).as(path).isEqualTo(200);
          assertThat(b.statusCode()).as(path).isEqualTo(200);
          assertThat(b.body()).as("%s (%s): body of the second replica", path, accept).isEqualTo(a.body());
          for (String header : COMPARED_HEADERS) {
            assertThat(b.headers().allValues(header)).as("%s: %s", path, header).isEqualTo(a.headers().allValues(header));
          }
          if (new String(a.body(), StandardCharsets.UTF_8).contains("\"payload\"")) {
            withNodes++;
          }
        }
      }
      assertThat(withNodes).as("graphs with releases among those compared").isGreaterThan(20);
    }
  }

  /**
   * The CoreOS graph of every bundled stream (a directory of graph-data's bundled/coreos) for
   * every architecture its releases name, at the CoreOS API's default prefix (none).
   */
  private static List<String> coreosGraphs() throws Exception {
    Path bundled = Paths.root().resolve("graph-data/src/main/resources/io/covington/graph/bundled/coreos");
    List<String> paths = new ArrayList<>();
    try (Stream<Path> streams = Files.list(bundled)) {
      for (Path stream : streams.filter(Files::isDirectory).sorted().toList()) {
        Set<String> architectures = new TreeSet<>();
        new ObjectMapper().readTree(stream.resolve("releases.json").toFile()).path("releases")
            .forEach(r -> r.path("commits").forEach(c -> architectures.add(c.path("architecture").asText())));
        architectures.forEach(arch -> paths.add("/v1/graph?basearch=" + arch + "&stream=" + stream.getFileName()));
      }
    }
    return paths;
  }
}
