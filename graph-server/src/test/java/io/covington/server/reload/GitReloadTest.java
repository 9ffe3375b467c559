package io.covington.server.reload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.graph.MemoryTempDir;
import io.covington.server.RunningServer;
import io.covington.server.openshift.OpenShiftApi;
import io.covington.sources.Await;
import io.covington.sources.OpenShiftLoader;
import io.covington.sources.ReleasesSource;
import io.covington.sources.TestInputs;
import io.covington.sources.git.GitCredentials;
import io.covington.sources.git.GitFixture;
import io.covington.sources.git.GitSource;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Graph-data from a real git repository, over {@code file://} and over {@code git daemon}: a new
 * commit is served within the interval, a broken one leaves the previous graph serving and names
 * the file, and fixing it recovers.
 */
class GitReloadTest {

  private static final Duration INTERVAL = Duration.ofMillis(300);
  private static final Duration WITHIN = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir(factory = MemoryTempDir.class) Path dir;

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"file", "git-daemon"})
  void followsTheBranchAndKeepsServingThroughABrokenCommit(String transport) throws Exception {
    TestInputs.Inputs inputs = TestInputs.write(dir);
    try (GitFixture repo = GitFixture.create(dir.resolve("git"));
        RunningServer server = RunningServer.start(OpenShiftApi.DEFAULT_PREFIX)) {
      TestInputs.copyTree(inputs.graphData(), repo.work);
      String first = repo.commitAll("Add the test graph-data");
      String url = transport.equals("file") ? repo.fileUrl() : repo.daemonUrl();
      OpenShiftLoader live = new OpenShiftLoader(
          new ReleasesSource(Optional.of(inputs.releases().toString())),
          new GitSource(url, "master", Optional.empty(), dir.resolve("cache"), GitCredentials.none()));
      server.reloader(live, false, Optional.of(INTERVAL)).start().get(30, TimeUnit.SECONDS);

      assertThat(revision(server)).endsWith("/" + first);
      assertThat(fastVersions(server)).containsExactlyInAnyOrder("4.16.0", "4.16.1");

      // A new commit is served within the interval.
      Files.writeString(repo.work.resolve("channels/fast-4.16.yaml"), "name: fast-4.16\nversions:\n- 4.15.2\n- 4.16.0\n- 4.16.1\n");
      String second = repo.commitAll("Promote 4.15.2 to fast-4.16");
      Await.until(WITHIN, "commit " + second + " served", () -> revision(server).endsWith("/" + second));
      assertThat(fastVersions(server)).containsExactlyInAnyOrder("4.15.2", "4.16.0", "4.16.1");

      // A broken commit: the previous graph keeps serving, and status and metrics name the file.
      Files.writeString(repo.work.resolve("channels/fast-4.16.yaml"), "name: fast-4.16\nversions: [4.16.0\n");
      String broken = repo.commitAll("Break fast-4.16");
      Await.until(WITHIN, "commit " + broken + " rejected", () -> status(server).path("failing").asBoolean());
      JsonNode status = status(server);
      assertThat(status.path("lastAttempt").path("outcome").asText()).isEqualTo("rejected");
      assertThat(status.path("lastError").path("problems").get(0).path("file").asText())
          .endsWith(broken + "/channels/fast-4.16.yaml");
      assertThat(status.path("lastError").path("problems").get(0).path("kind").asText()).isEqualTo("invalid_yaml");
      assertThat(status.path("graph").path("revision").asText()).endsWith("/" + second);
      assertThat(status.path("graph").path("ageSeconds").isNumber()).isTrue();
      assertThat(revision(server)).endsWith("/" + second);
      assertThat(fastVersions(server)).containsExactlyInAnyOrder("4.15.2", "4.16.0", "4.16.1");
      assertThat(RunningServer.get(server.status("/readiness")).statusCode()).isEqualTo(200);
      String metrics = RunningServer.get(server.status("/metrics")).body();
      assertThat(metrics).contains("covington_graph_reload_failing 1.0")
          .containsPattern("covington_graph_reloads_total\\{outcome=\"rejected\",} [1-9]")
          .contains("covington_graph_age_seconds");

      // Fixing it recovers.
      Files.writeString(repo.work.resolve("channels/fast-4.16.yaml"), "name: fast-4.16\nversions:\n- 4.16.0\n");
      String fixed = repo.commitAll("Fix fast-4.16");
      Await.until(WITHIN, "commit " + fixed + " served", () -> revision(server).endsWith("/" + fixed));
      assertThat(fastVersions(server)).containsExactly("4.16.0");
      assertThat(status(server).path("failing").asBoolean()).isFalse();
      assertThat(RunningServer.get(server.status("/metrics")).body()).contains("covington_graph_reload_failing 0.0");
    }
  }

  private static String revision(RunningServer server) throws Exception {
    HttpResponse<String> response = RunningServer.get(server.api("/v1/graph?channel=fast-4.16"));
    assertThat(response.statusCode()).isEqualTo(200);
    return response.headers().firstValue(OpenShiftApi.REVISION_HEADER).orElseThrow();
  }

  private static List<String> fastVersions(RunningServer server) throws Exception {
    JsonNode graph = JSON.readTree(RunningServer.get(server.api("/v1/graph?channel=fast-4.16")).body());
    List<String> versions = new ArrayList<>();
    graph.path("nodes").forEach(n -> versions.add(n.path("version").asText()));
    return versions;
  }

  private static JsonNode status(RunningServer server) throws Exception {
    HttpResponse<String> response = RunningServer.get(server.status("/status"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    return JSON.readTree(response.body());
  }
}
