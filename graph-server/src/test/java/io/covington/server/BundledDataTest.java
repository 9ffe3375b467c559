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
    } finally {
      running.stop();
    }
  }
}
