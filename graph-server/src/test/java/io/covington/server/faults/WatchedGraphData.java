package io.covington.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.graph.bundled.BundledData;
import io.covington.graph.input.ReleaseSet;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.graph.validate.SafetyPolicy;
import io.covington.server.RunningServer;
import io.covington.server.openshift.OpenShiftApi;
import io.covington.server.reload.Reloader;
import io.covington.server.reload.SafetyGates;
import io.covington.sources.Await;
import io.covington.sources.DirectorySource;
import io.covington.sources.FixedSource;
import io.covington.sources.OpenShiftLoader;
import io.covington.sources.Reading;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real server following a watched copy of the real graph-data (1,800 files, 76 channels) with the
 * bundled releases, as production wires it: the reloader with its gates, a short interval and
 * quiet period so faults show within seconds.
 */
final class WatchedGraphData implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration QUIET = Duration.ofMillis(700);
  static final Duration WITHIN = Duration.ofSeconds(30);

  final Path dir;
  final RunningServer server;
  final Reloader<GraphSnapshot> reloader;

  private WatchedGraphData(Path dir, RunningServer server, Reloader<GraphSnapshot> reloader) {
    this.dir = dir;
    this.server = server;
    this.reloader = reloader;
  }

  /** Copies the real graph-data into {@code root}/graph-data and serves it once loaded. */
  static WatchedGraphData start(Path root) throws Exception {
    Path dir = root.resolve("graph-data");
    copy(BundledData.directory("openshift/graph-data"), dir);
    ReleaseSet releases = BundledData.releases();
    RunningServer server = RunningServer.start(OpenShiftApi.DEFAULT_PREFIX);
    OpenShiftLoader loader = new OpenShiftLoader(new FixedSource<>("bundled releases", releases.revision(), () -> releases),
        new DirectorySource(dir, QUIET, Reading.DEFAULT.limits()));
    Reloader<GraphSnapshot> reloader = server.reloader(loader,
        new Reloader.Policy(false, Optional.of(Duration.ofMillis(500)), Reloader.FirstLoad.REQUIRED, Duration.ofMinutes(2),
            List.of()),
        SafetyGates.graph(SafetyPolicy.DEFAULT));
    reloader.start().get(60, TimeUnit.SECONDS);
    return new WatchedGraphData(dir, server, reloader);
  }

  /** The stable-4.16 graph body as served now. */
  String stable416() throws Exception {
    HttpResponse<String> response = RunningServer.get(server.api("/v1/graph?channel=stable-4.16"), "Accept", "application/json");
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  static int nodes(String graph) throws IOException {
    return JSON.readTree(graph).get("nodes").size();
  }

  JsonNode status() throws Exception {
    return JSON.readTree(RunningServer.get(server.status("/status")).body());
  }

  String metrics() throws Exception {
    return RunningServer.get(server.status("/metrics")).body();
  }

  /** Waits until /status says the newest inputs are failing, and returns it. */
  JsonNode awaitFailing() throws Exception {
    Await.until(WITHIN, "the reload refused", () -> status().get("failing").asBoolean());
    return status();
  }

  /** Waits until the served graph-data revision differs from {@code revision}. */
  void awaitPublishedOtherThan(String revision) throws Exception {
    Await.until(WITHIN, "a new revision served", () -> !served().equals(revision));
  }

  String served() throws Exception {
    return status().get("graph").get("revision").asText();
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
