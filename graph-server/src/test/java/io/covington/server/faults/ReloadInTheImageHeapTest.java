package io.covington.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.graph.bundled.BundledData;
import io.covington.server.RunningServer;
import io.covington.sources.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real graph-data over every release of its 76 channels, reloaded in the container image's
 * heap (its JVM options under the Deployment's memory limit): a reload builds a second snapshot
 * beside the served one, and it must fit. With the path index holding every channel's routes
 * (about 200 MB on this data) the first reload ended the process with OutOfMemoryError.
 */
class ReloadInTheImageHeapTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WITHIN = Duration.ofSeconds(90);

  @TempDir Path dir;

  private static JsonNode graph(ChildServer server) throws Exception {
    return JSON.readTree(RunningServer.get(server.status("/status")).body()).get("graph");
  }

  /** Whether the process has ended (or is ending: its status port no longer answers). */
  private static boolean ended(ChildServer server) throws InterruptedException {
    try {
      RunningServer.get(server.status("/liveness"));
      return false;
    } catch (IOException e) {
      return !server.process.isAlive() || server.process.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void reloadsOfTheRealGraphDataFitTheImagesHeap() throws Exception {
    Path graphData = dir.resolve("graph-data");
    WatchedGraphData.copy(BundledData.directory("openshift/graph-data"), graphData);
    try (ChildServer server = ChildServer.start(List.of(), ChildServer.testClasspath(), "--graph-data", graphData.toString(),
        "--reload-interval", "500ms", "--graph-data-quiet-period", "500ms")) {
      Await.until(WITHIN, "served", () -> RunningServer.get(server.status("/readiness")).statusCode() == 200);
      // Path queries on the largest channels, so their routes are held while the reloads build.
      for (String channel : List.of("candidate-4.14", "stable-4.16", "candidate-4.16", "fast-4.14")) {
        assertThat(RunningServer.get(server.api("/v1/path?channel=" + channel + "&from=4.14.0")).statusCode()).isEqualTo(200);
      }
      for (int i = 1; i <= 3; i++) {
        String before = graph(server).get("revision").asText();
        Files.writeString(graphData.resolve("channels/stable-4.16.yaml"), "# reload " + i + "\n", StandardOpenOption.APPEND);
        Await.until(WITHIN, "reload " + i + " published", () -> ended(server) || !graph(server).get("revision").asText().equals(before));
        assertThat(server.process.isAlive()).as("alive after reload " + i + ":\n" + server.log()).isTrue();
      }
      assertThat(server.log()).doesNotContain("OutOfMemoryError");
      assertThat(RunningServer.get(server.api("/v1/path?channel=candidate-4.14&from=4.14.0")).statusCode()).isEqualTo(200);
    }
  }
}
