package io.covington.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.covington.graph.input.InputLimits;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.server.RunningServer;
import io.covington.server.openshift.OpenShiftApi;
import io.covington.server.reload.Reloader;
import io.covington.sources.Await;
import io.covington.sources.DirectorySource;
import io.covington.sources.HostileInputs;
import io.covington.sources.OpenShiftLoader;
import io.covington.sources.Reading;
import io.covington.sources.ReleasesSource;
import io.covington.sources.TestInputs;
import io.covington.sources.git.GitCredentials;
import io.covington.sources.git.GitFixture;
import io.covington.sources.git.GitSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of remote inputs, injected while a real server serves them: a releases URL that trickles
 * or floods, a git remote that disappears. Each ends with the old graph served byte for byte, the
 * failure named on /status and in the log, and the next attempt still running.
 */
class DownloadFaultsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WITHIN = Duration.ofSeconds(30);

  @TempDir Path dir;

  private HttpServer http;
  private final AtomicReference<String> mode = new AtomicReference<>("good");
  private byte[] releases;
  private LogCapture log;

  @BeforeEach
  void serve() throws IOException {
    log = new LogCapture();
    releases = Files.readAllBytes(TestInputs.write(dir).releases());
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.setExecutor(Executors.newCachedThreadPool());
    http.createContext("/releases.json", exchange -> {
      try (OutputStream out = exchange.getResponseBody()) {
        switch (mode.get()) {
          case "trickle" -> HostileInputs.trickle(exchange);
          case "flood" -> HostileInputs.flood(exchange, 210);
          default -> {
            exchange.getResponseHeaders().add("ETag", "\"" + mode.get() + "\"");
            exchange.sendResponseHeaders(200, releases.length);
            out.write(releases);
          }
        }
      } catch (IOException e) {
        // the client hung up
      }
    });
    http.start();
  }

  @AfterEach
  void stop() {
    http.stop(0);
    log.close();
  }

  private String url() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/releases.json";
  }

  private static Reloader<GraphSnapshot> reload(RunningServer server, OpenShiftLoader loader) throws Exception {
    Reloader<GraphSnapshot> reloader = server.reloader(loader,
        new Reloader.Policy(false, Optional.of(Duration.ofMillis(300)), Reloader.FirstLoad.REQUIRED, Duration.ofMinutes(1),
            List.of()), Reloader.Gate.open());
    reloader.start().get(30, TimeUnit.SECONDS);
    return reloader;
  }

  private static JsonNode status(RunningServer server) throws Exception {
    return JSON.readTree(RunningServer.get(server.status("/status")).body());
  }

  private static String graph(RunningServer server) throws Exception {
    return RunningServer.get(server.api("/v1/graph?channel=stable-4.16")).body();
  }

  @Test
  void aReleasesUrlThatTricklesIsCutOffAndTheNextAttemptStillRuns() throws Exception {
    try (RunningServer server = RunningServer.start(OpenShiftApi.DEFAULT_PREFIX)) {
      Reading reading = new Reading(InputLimits.DEFAULT, Duration.ZERO, Duration.ofSeconds(1));
      reload(server, new OpenShiftLoader(new ReleasesSource(Optional.of(url()), reading),
          new DirectorySource(dir.resolve("graph-data"))));
      String before = graph(server);

      mode.set("trickle");
      Await.until(WITHIN, "the trickle reported", () -> status(server).get("failing").asBoolean());

      JsonNode error = status(server).get("lastError");
      assertThat(error.get("reason").asText()).contains(url()).contains("did not send its whole body within 1 s");
      assertThat(error.get("problems").get(0).get("file").asText()).isEqualTo(url());
      assertThat(graph(server)).isEqualTo(before);
      assertThat(log.text()).contains(url()).contains("did not send its whole body");

      // The next attempts still run: the URL recovers with new releases and they are served.
      mode.set("recovered");
      Await.until(WITHIN, "the recovered URL served", () -> !status(server).get("failing").asBoolean());
      assertThat(graph(server)).isEqualTo(before);
    }
  }

  @Test
  void aReleasesUrlOf210MegabytesIsRefusedWithoutExhaustingTheHeap() throws Exception {
    try (RunningServer server = RunningServer.start(OpenShiftApi.DEFAULT_PREFIX)) {
      reload(server, new OpenShiftLoader(new ReleasesSource(Optional.of(url()), Reading.DEFAULT),
          new DirectorySource(dir.resolve("graph-data"))));
      String before = graph(server);

      mode.set("flood");
      Await.until(WITHIN, "the flood refused", () -> status(server).get("failing").asBoolean());

      JsonNode problem = status(server).get("lastError").get("problems").get(0);
      assertThat(problem.get("kind").asText()).isEqualTo("document_too_large");
      assertThat(problem.get("file").asText()).isEqualTo(url());
      assertThat(graph(server)).isEqualTo(before);
    }
  }

  @Test
  void aGitRemoteThatIsGoneKeepsTheGraphAndNamesTheRemote() throws Exception {
    try (GitFixture repo = GitFixture.create(dir.resolve("git"));
        RunningServer server = RunningServer.start(OpenShiftApi.DEFAULT_PREFIX)) {
      TestInputs.copyTree(dir.resolve("graph-data"), repo.work);
      repo.commitAll("Add the test graph-data");
      reload(server, new OpenShiftLoader(new ReleasesSource(Optional.of(dir.resolve("releases.json").toString())),
          new GitSource(repo.fileUrl(), "master", Optional.empty(), dir.resolve("cache"), GitCredentials.none())));
      String before = graph(server);

      try (Stream<Path> files = Files.walk(repo.bare)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
      Await.until(WITHIN, "the gone remote reported", () -> status(server).get("failing").asBoolean());

      JsonNode error = status(server).get("lastError");
      assertThat(error.get("reason").asText()).contains(repo.fileUrl());
      assertThat(error.get("problems").get(0).get("kind").asText()).isEqualTo("unreachable");
      assertThat(graph(server)).isEqualTo(before);
      assertThat(RunningServer.get(server.status("/metrics")).body()).contains("covington_graph_reload_failing 1.0")
          .containsPattern("covington_graph_reloads_total\\{outcome=\"error\",} [1-9]");
    }
  }
}
