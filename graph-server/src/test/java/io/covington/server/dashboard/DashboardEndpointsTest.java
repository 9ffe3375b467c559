package io.covington.server.dashboard;

import static io.covington.server.RunningServer.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.server.RunningServer;
import io.covington.sources.OpenShiftLoader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The dashboard's files and the two endpoints added for it, through a real server on the bundled data. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardEndpointsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private RunningServer server;

  @BeforeAll
  void start() throws Exception {
    server = RunningServer.start("/p");
    RunningServer.await(server.load(OpenShiftLoader.bundled(), true));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private URI root(String path) {
    return URI.create("http://127.0.0.1:" + server.server.apiPort() + path);
  }

  @Test
  void servesThePageAndEveryFileWithItsTypeAndTheContentSecurityPolicy() throws Exception {
    HttpResponse<String> page = get(root("/"));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
        assertThat(csp).startsWith("default-src 'self';").contains("connect-src 'self'", "script-src 'self'")
            .doesNotContain("unsafe", "http:", "https:", "*"));
    assertThat(page.body()).contains("/dashboard/app.js", "/dashboard/vendor/cytoscape.min.js");
    for (String file : DashboardApi.FILES) {
      HttpResponse<String> response = get(root("/dashboard/" + file));
      assertThat(response.statusCode()).as(file).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).as(file).hasValue(DashboardAsset.contentTypeOf(file));
      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(response.body()).as(file).isNotBlank();
    }
    assertThat(get(root("/dashboard/nothing.js")).statusCode()).isEqualTo(404);
  }

  @Test
  void tellsThePageTheConfiguredPrefixes() throws Exception {
    JsonNode config = JSON.readTree(get(root("/dashboard/config.json")).body());
    assertThat(config.get("openshiftPrefix").textValue()).isEqualTo("/p");
    assertThat(config.get("coreosPrefix").textValue()).isEmpty();
    assertThat(new String(DashboardApi.config("/a\"b", ""), StandardCharsets.UTF_8))
        .isEqualTo("{\"openshiftPrefix\":\"/a\\\"b\",\"coreosPrefix\":\"\"}");
  }

  @Test
  void listsTheUpdatesBlockedEdgesRemovedBetweenTheChannelsReleases() throws Exception {
    HttpResponse<String> response = get(server.api("/v1/blocked?channel=stable-scos-4"), "Accept", "application/json");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("channel").textValue()).isEqualTo("stable-scos-4");
    assertThat(body.get("removals")).hasSize(2);
    JsonNode first = body.get("removals").get(0);
    assertThat(first.get("to").textValue()).isEqualTo("4.16.0-okd-scos.1");
    assertThat(first.get("fromId").textValue()).endsWith("+amd64");
    assertThat(first.get("reason").textValue()).isEqualTo("blocked-edge");
    assertThat(first.get("source").textValue()).isEqualTo("blocked-edges/okd-fcos-to-scos-from-older-4.15.yaml");
    assertThat(first.get("message").textValue()).contains("4.15.0-0.okd-2024-03-10-010116");
    assertThat(first.get("blocks").get(0).get("fromPattern").textValue()).startsWith("^4\\.1[0-5]");

    assertThat(JSON.readTree(get(server.api("/v1/blocked?channel=no-such-channel")).body()).get("removals")).isEmpty();
    assertThat(get(server.api("/v1/blocked")).statusCode()).isEqualTo(400);
    assertThat(get(server.api("/v1/blocked?channel=stable-4.16"), "Accept", "text/html").statusCode()).isEqualTo(406);
  }

  @Test
  void listsTheCoreOsStreamsAndTheirArchitectures() throws Exception {
    HttpResponse<String> response = get(root("/v1/streams"), "Accept", "application/json");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode streams = JSON.readTree(response.body()).get("streams");
    assertThat(streams.findValuesAsText("name")).containsExactlyInAnyOrder("stable", "testing", "next");
    for (JsonNode stream : streams) {
      assertThat(stream.get("basearches").toString()).contains("\"x86_64\"", "\"aarch64\"");
    }
  }
}
