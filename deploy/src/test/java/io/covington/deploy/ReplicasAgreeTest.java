package io.covington.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two replicas on the same data answer every request with the same bytes and the same
 * validators, so a client behind a load balancer, and every cache between, sees one service.
 */
class ReplicasAgreeTest {

  private static final List<String> COMPARED_HEADERS = List.of("etag", "content-type", "content-length", "last-modified");

  @Test
  void twoInstancesAnswerEveryBundledChannelIdentically() throws Exception {
    Containerfile image = Containerfile.read();
    try (ServerProcess one = ServerProcess.start(image, ImageEntrypointTest.podEnvironment(image));
        ServerProcess two = ServerProcess.start(image, ImageEntrypointTest.podEnvironment(image))) {
      one.awaitReady(Duration.ofSeconds(90));
      two.awaitReady(Duration.ofSeconds(90));

      List<String> paths = new ArrayList<>(List.of("/v1/channels", "/v1/openapi"));
      JsonNode channels = new ObjectMapper().readTree(ServerProcess.get(one.api("/v1/channels")).body()).path("channels");
      assertThat(channels).as("the bundled channels").hasSizeGreaterThan(10);
      channels.forEach(c -> paths.add("/v1/graph?channel=" + URLEncoder.encode(c.path("name").asText(), StandardCharsets.UTF_8)));

      int withNodes = 0;
      for (String path : paths) {
        for (String accept : List.of("application/json", "*/*")) {
          HttpResponse<byte[]> a = ServerProcess.get(one.api(path), "Accept", accept);
          HttpResponse<byte[]> b = ServerProcess.get(two.api(path), "Accept", accept);
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
}
