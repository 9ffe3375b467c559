package io.covington.server;

import static io.covington.server.RunningServer.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.server.cli.CovingtonCommand;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** With no input flags the server serves the bundled real data, in the shape real clients decode. */
class BundledDataTest {

  private static final Pattern SEMVER =
      Pattern.compile("^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?$");

  @Test
  void servesTheBundledGraphWithoutFlags() throws Exception {
    CovingtonCommand command = new CovingtonCommand();
    new CommandLine(command).parseArgs("--port", "0", "--status-port", "0", "--bind", "127.0.0.1");
    Covington running = command.start();
    try {
      RunningServer.await(running.loaded());
      String base = "http://127.0.0.1:" + running.server().apiPort() + "/api/upgrades_info";

      HttpResponse<String> response =
          get(URI.create(base + "/v1/graph?channel=stable-4.16&arch=amd64&version=4.15.20"), "Accept", "application/json");

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode graph = new ObjectMapper().readTree(response.body());
      List<String> versions = graph.get("nodes").findValuesAsText("version");
      assertThat(versions).hasSizeGreaterThan(100).allMatch(v -> SEMVER.matcher(v).matches(), "strict SemVer");
      Set<String> edges = new HashSet<>();
      for (JsonNode edge : graph.get("edges")) {
        assertThat(edge.size()).isEqualTo(2);
        assertThat(edge.get(0).intValue()).isBetween(0, versions.size() - 1);
        assertThat(edge.get(1).intValue()).isBetween(0, versions.size() - 1);
        edges.add(versions.get(edge.get(0).intValue()) + "->" + versions.get(edge.get(1).intValue()));
      }
      assertThat(graph.get("conditionalEdges")).isNotEmpty();
      Set<String> conditional = new HashSet<>();
      for (JsonNode group : graph.get("conditionalEdges")) {
        for (JsonNode pair : group.get("edges")) {
          String key = pair.get("from").textValue() + "->" + pair.get("to").textValue();
          assertThat(edges).as("a pair is never both unconditional and conditional").doesNotContain(key);
          assertThat(conditional.add(key)).as("a pair is in at most one group: " + key).isTrue();
        }
      }
      JsonNode channels = new ObjectMapper().readTree(get(URI.create(base + "/v1/channels")).body());
      assertThat(channels.get("channels").findValuesAsText("name")).contains("stable-4.16", "candidate-4.14");
      everyChannelHasReleasesAndItsRealRemovals(base, channels.get("channels"));
    } finally {
      running.stop();
    }
  }

  /**
   * Every channel of the bundled data serves releases, and {@code /v1/blocked} lists, for the
   * OpenShift channels too, real updates graph-data removed: each between two releases of the
   * channel, absent from its graph, with the blocked-edges file that removed it.
   */
  private static void everyChannelHasReleasesAndItsRealRemovals(String base, JsonNode channels) throws Exception {
    ObjectMapper json = new ObjectMapper();
    assertThat(channels).hasSize(76 + 2);
    int withRemovals = 0;
    int removals = 0;
    for (JsonNode c : channels) {
      String name = c.get("name").textValue();
      assertThat(c.get("releases").intValue()).as(name + " has releases").isPositive();
      if (name.endsWith("-4") || name.contains("scos")) {
        continue; // the OKD channels have their own test (DashboardEndpointsTest)
      }
      JsonNode graph = json.readTree(get(URI.create(base + "/v1/graph?channel=" + name + "&arch=amd64"), "Accept", "application/json").body());
      List<String> versions = graph.get("nodes").findValuesAsText("version");
      Set<String> served = new HashSet<>();
      graph.get("edges").forEach(e -> served.add(versions.get(e.get(0).intValue()) + "->" + versions.get(e.get(1).intValue())));
      graph.get("conditionalEdges").forEach(g -> g.get("edges").forEach(e -> served.add(e.get("from").textValue() + "->" + e.get("to").textValue())));
      HttpResponse<String> blocked = get(URI.create(base + "/v1/blocked?channel=" + name + "&arch=amd64"), "Accept", "application/json");
      assertThat(blocked.statusCode()).isEqualTo(200);
      JsonNode list = json.readTree(blocked.body()).get("removals");
      for (JsonNode r : list) {
        String pair = r.get("from").textValue() + "->" + r.get("to").textValue();
        assertThat(versions).as(name + " " + pair).contains(r.get("from").textValue(), r.get("to").textValue());
        assertThat(served).as(name + ": a removed update is not served").doesNotContain(pair);
        assertThat(r.get("source").textValue()).as(pair).isNotBlank();
        if (r.get("reason").textValue().equals("blocked-edge")) {
          assertThat(r.get("source").textValue()).startsWith("blocked-edges/").endsWith(".yaml");
        }
      }
      if (!list.isEmpty()) {
        withRemovals++;
        removals += list.size();
      }
    }
    // The real 2021 previous lists of the bundled releases give graph-data's unconditional blocks
    // real work in the 4.2–4.9 channels.
    assertThat(withRemovals).as("OpenShift channels with removals").isGreaterThanOrEqualTo(10);
    assertThat(removals).isGreaterThan(100);
  }
}
