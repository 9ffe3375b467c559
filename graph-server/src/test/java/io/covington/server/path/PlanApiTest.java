package io.covington.server.path;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.server.RunningServer;
import io.covington.server.openshift.OpenShiftApi;
import io.covington.sources.OpenShiftLoader;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code /v1/plan} through a real server on the bundled data; every step is checked against the
 * graph that {@code /v1/graph} serves for the channel the step names.
 */
class PlanApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUNC = "RuncShareProcessNamespace";
  private static RunningServer server;
  private static final Map<String, JsonNode> GRAPHS = new HashMap<>();

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

  /** Whether the channel's served graph, as /v1/graph answers it, offers from → to, and how. */
  private static String offered(String channel, String from, String to) throws Exception {
    JsonNode graph = GRAPHS.computeIfAbsent(channel, c -> {
      try {
        HttpResponse<String> response = RunningServer.get(server.api("/v1/graph?channel=" + c));
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    List<String> versions = new ArrayList<>();
    graph.get("nodes").forEach(n -> versions.add(n.get("version").asText()));
    int i = versions.indexOf(from);
    int j = versions.indexOf(to);
    if (i < 0 || j < 0) {
      return "not in channel";
    }
    for (JsonNode edge : graph.get("edges")) {
      if (edge.get(0).asInt() == i && edge.get(1).asInt() == j) {
        return "unconditional";
      }
    }
    for (JsonNode group : graph.get("conditionalEdges")) {
      for (JsonNode edge : group.get("edges")) {
        if (edge.get("from").asText().equals(from) && edge.get("to").asText().equals(to)) {
          return "conditional";
        }
      }
    }
    return "not offered";
  }

  private static void assertEveryStepIsServedByItsChannel(JsonNode plan) throws Exception {
    String at = plan.get("from").asText();
    for (JsonNode step : plan.get("steps")) {
      assertThat(step.get("from").asText()).isEqualTo(at);
      String channel = step.get("channel").asText();
      assertThat(offered(channel, step.get("from").asText(), step.get("to").asText())).as(step.toString())
          .isEqualTo(step.get("kind").asText());
      at = step.get("to").asText();
    }
    assertThat(at).isEqualTo(plan.get("to").asText());
  }

  @Test
  void fromTheFirst412ReleaseToTheNewest416TheClusterSwitchesChannelBeforeEachMinor() throws Exception {
    JsonNode plan = get("/v1/plan?from=4.12.0&to=4.16", 200);
    assertThat(plan.get("reachable").asBoolean()).isTrue();
    assertThat(plan.get("requested").asText()).isEqualTo("4.16");
    assertThat(plan.get("to").asText()).startsWith("4.16.");
    assertThat(plan.get("channels").get(0).asText()).isEqualTo("stable");
    assertEveryStepIsServedByItsChannel(plan);
    List<String> channels = plan.get("steps").findValuesAsText("channel");
    assertThat(channels).containsSubsequence("stable-4.13", "stable-4.14", "stable-4.15", "stable-4.16");
    assertThat(plan.get("updateCount").asInt()).isEqualTo(plan.get("steps").size());
    List<String> commands = plan.get("commands").findValuesAsText("command");
    assertThat(commands).contains("oc adm upgrade channel stable-4.16", "oc adm upgrade --to " + plan.get("to").asText())
        .noneMatch(c -> c.contains("--allow-not-recommended") || c.startsWith("oc patch mcp"));
    // Each channel switch comes before the update that needs it.
    assertThat(commands.indexOf("oc adm upgrade channel stable-4.16"))
        .isLessThan(commands.indexOf("oc adm upgrade --to " + plan.get("to").asText()));
  }

  @Test
  void theEusRouteKeepsTheWorkersOn414UntilTheControlPlaneReaches416() throws Exception {
    JsonNode plan = get("/v1/plan?from=4.14.30&to=4.16&route=eus", 200);
    assertThat(plan.get("route").asText()).isEqualTo("eus");
    assertThat(plan.get("channels").get(0).asText()).isEqualTo("eus");
    assertEveryStepIsServedByItsChannel(plan);
    assertThat(plan.get("steps").findValuesAsText("channel")).allSatisfy(c -> assertThat(c).startsWith("eus-"));
    assertThat(plan.get("steps").findValuesAsText("to")).anySatisfy(v -> assertThat(v).startsWith("4.15."));
    List<String> workers = new ArrayList<>();
    plan.get("workerVersions").forEach(v -> workers.add(v.asText()));
    assertThat(workers).containsExactly("4.14.30", plan.get("to").asText());
    List<String> commands = plan.get("commands").findValuesAsText("command");
    assertThat(commands.get(0)).startsWith("oc patch mcp/worker").contains("\"paused\":true");
    assertThat(commands.get(commands.size() - 1)).startsWith("oc patch mcp/worker").contains("\"paused\":false");
  }

  @Test
  void aTargetThatNeedsARiskNamesTheNewerReleaseThatDoesNot() throws Exception {
    JsonNode blocked = get("/v1/plan?from=4.15.20&to=4.16.53", 200);
    assertThat(blocked.get("reachable").asBoolean()).isFalse();
    assertThat(blocked.at("/cut/smallestRiskSet").findValuesAsText("name")).containsExactly(RUNC);
    assertThat(blocked.at("/newerWithoutRisk/version").asText()).isEqualTo("4.16.55");
    assertThat(blocked.get("commands")).isEmpty();

    JsonNode accepted = get("/v1/plan?from=4.15.20&to=4.16.53&acceptRisks=" + RUNC, 200);
    assertThat(accepted.get("conditionalCount").asInt()).isEqualTo(1);
    assertThat(accepted.get("commands").findValuesAsText("command")).contains("oc adm upgrade --to 4.16.53 --allow-not-recommended");
    assertThat(accepted.at("/newerWithoutRisk/version").asText()).isEqualTo("4.16.55");
    assertThat(get("/v1/plan?from=4.15.20&to=4.16.55", 200).has("newerWithoutRisk")).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/v1/plan?to=4.16                                   | 400 | missing_params         | from",
      "/v1/plan?from=4.15.20&acceptRisks=Nope,AlsoNope    | 400 | unknown_risk           | AlsoNope, Nope",
      "/v1/path?channel=stable-4.16&from=4.15.20&acceptRisks=Nope | 400 | unknown_risk | Nope",
      "/v1/plan?from=4.16.55&to=4.15.20                   | 400 | downgrade              | older than from 4.16.55",
      "/v1/plan?from=4.16.55&to=4.15                      | 400 | downgrade              | never downgraded",
      "/v1/plan?from=9.9.9                                | 404 | unknown_version        | 9.9.9",
      "/v1/plan?from=4.16.3&to=4.99                       | 404 | unknown_version        | no 4.99 release",
      "/v1/plan?from=4.16.0-rc.0                          | 400 | version_not_in_channel | candidate-4.16",
      "/v1/plan?from=4.15.20&channels=stable,beta         | 400 | invalid_plan           | \"beta\"",
      "/v1/plan?from=4.15.20&route=fast                   | 400 | invalid_plan           | route must be",
      "/v1/plan?from=4.15.20&to=4.16&route=eus            | 400 | invalid_plan           | even minor",
      "/v1/plan?from=4.15.20&arch=s390x                   | 404 | unknown_arch           | s390x",
  })
  void badQueriesAreRefusedWithTheReason(String pathAndQuery, int status, String kind, String reason) throws Exception {
    JsonNode error = get(pathAndQuery, status);
    assertThat(error.get("kind").asText()).isEqualTo(kind);
    assertThat(error.get("value").asText()).contains(reason);
  }
}
