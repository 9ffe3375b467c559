package io.covington.server.path;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.server.RunningServer;
import io.covington.server.openshift.OpenShiftApi;
import io.covington.sources.OpenShiftLoader;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The path and explain APIs through a real server on the bundled data. */
class PathApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUNC = "RuncShareProcessNamespace";
  private static RunningServer server;

  @BeforeAll
  static void start() throws Exception {
    server = RunningServer.start(OpenShiftApi.DEFAULT_PREFIX);
    RunningServer.await(server.load(OpenShiftLoader.bundled(), false));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode get(String pathAndQuery, int status) throws Exception {
    HttpResponse<String> response = RunningServer.get(server.api(pathAndQuery));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    return JSON.readTree(response.body());
  }

  private static List<String> hops(JsonNode plan) {
    List<String> versions = new ArrayList<>();
    versions.add(plan.get("from").asText());
    plan.get("hops").forEach(h -> versions.add(h.get("to").asText()));
    return versions;
  }

  @Test
  void anUpdateBlockedOnlyByARiskIsUnreachableByDefaultWithTheCutAndTheRiskThatOpensIt() throws Exception {
    JsonNode plan = get("/v1/path?channel=stable-4.16&from=4.15.20&to=4.16.53", 200);
    assertThat(plan.get("reachable").asBoolean()).isFalse();
    assertThat(plan.get("hops")).isEmpty();
    assertThat(plan.at("/cut/smallestRiskSet").findValuesAsText("name")).containsExactly(RUNC);
    assertThat(plan.at("/cut/risksCanOpen").asBoolean()).isTrue();
    assertThat(plan.at("/cut/edges").findValuesAsText("file"))
        .anySatisfy(f -> assertThat(f).endsWith("blocked-edges/4.16.53-RuncShareProcessNamespace.yaml"));
  }

  @Test
  void acceptingTheRiskOpensTheConditionalHop() throws Exception {
    JsonNode plan = get("/v1/path?channel=stable-4.16&from=4.15.20&to=4.16.53&acceptRisks=" + RUNC, 200);
    assertThat(plan.get("reachable").asBoolean()).isTrue();
    assertThat(plan.get("acceptedRisks").get(0).asText()).isEqualTo(RUNC);
    assertThat(plan.get("hopCount").asInt()).isEqualTo(1);
    JsonNode hop = plan.get("hops").get(0);
    assertThat(hop.get("kind").asText()).isEqualTo("conditional");
    assertThat(hop.get("risks").findValuesAsText("name")).containsExactly(RUNC);
    assertThat(hop.at("/risks/0/matchingRules/0/type").asText()).isIn("PromQL", "Always");
    assertThat(get("/v1/path?channel=stable-4.16&from=4.15.20&to=4.16.53&acceptRisks=all", 200).get("acceptedRisks").asText())
        .isEqualTo("all");
  }

  @Test
  void withoutToThePathLeadsToTheNewestReachableReleaseThroughTheNewestReleases() throws Exception {
    JsonNode plan = get("/v1/path?channel=candidate-4.14&from=4.12.0", 200);
    assertThat(plan.get("reachable").asBoolean()).isTrue();
    assertThat(hops(plan)).containsExactly("4.12.0", "4.12.96", "4.13.70", "4.14.72");
    assertThat(plan.get("hops").findValuesAsText("kind")).containsOnly("unconditional");
  }

  @Test
  void explainNamesTheBlockedEdgeFileAndRisk() throws Exception {
    JsonNode e = get("/v1/explain?channel=stable-4.16&from=4.15.20&to=4.16.53", 200);
    assertThat(e.get("offered").asText()).isEqualTo("conditional");
    assertThat(e.get("reasons")).anySatisfy(r -> {
      assertThat(r.get("kind").asText()).isEqualTo("conditional");
      assertThat(r.get("file").asText()).endsWith("blocked-edges/4.16.53-RuncShareProcessNamespace.yaml");
      assertThat(r.at("/risk/name").asText()).isEqualTo(RUNC);
    });
  }

  @Test
  void explainTellsOlderOkdBuildsToGoThroughTheLastFcosBuild() throws Exception {
    JsonNode e = get("/v1/explain?channel=stable-scos-4&from=4.15.0-0.okd-2024-02-23-163410&to=4.16.0-okd-scos.1", 200);
    assertThat(e.get("offered").asText()).isEqualTo("not_offered");
    assertThat(e.get("reasons")).anySatisfy(r -> {
      assertThat(r.get("kind").asText()).isEqualTo("blocked_edge");
      assertThat(r.get("file").asText()).endsWith("okd-fcos-to-scos-from-older-4.15.yaml");
      assertThat(r.get("message").asText()).contains("4.15.0-0.okd-2024-03-10-010116");
    });
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/v1/path?channel=stable-4.16                           | 400 | missing_params",
      "/v1/explain?channel=stable-4.16&from=4.15.20           | 400 | missing_params",
      "/v1/path?channel=Stable&from=4.15.20                   | 400 | invalid_params",
      "/v1/path?channel=stable-4.16&from=4.15.20&arch=x86_64  | 400 | invalid_params",
      "/v1/path?channel=stable-4.16&from=9.9.9                | 404 | unknown_version",
      "/v1/path?channel=stable-4.16&from=4.2.0                | 400 | version_not_in_channel",
      "/v1/path?channel=stable-4.16&from=4.16.20&to=4.16.10   | 400 | downgrade",
      "/v1/path?channel=no-such-channel&from=4.15.20          | 404 | unknown_channel",
  })
  void badQueriesGetTheJsonErrorBody(String pathAndQuery, int status, String kind) throws Exception {
    JsonNode error = get(pathAndQuery, status);
    assertThat(error.get("kind").asText()).isEqualTo(kind);
    assertThat(error.get("value").asText()).isNotBlank();
  }

  @Test
  void anUnacceptableAcceptIs406() throws Exception {
    HttpResponse<String> response = RunningServer.get(server.api("/v1/path?channel=stable-4.16&from=4.15.20"), "Accept", "text/html");
    assertThat(response.statusCode()).isEqualTo(406);
  }
}
