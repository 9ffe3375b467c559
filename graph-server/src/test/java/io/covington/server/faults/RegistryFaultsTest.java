package io.covington.server.faults;

import static io.covington.sources.registry.TestImages.Format.OCI;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.server.Covington;
import io.covington.server.RunningServer;
import io.covington.server.cli.CovingtonCommand;
import io.covington.sources.Await;
import io.covington.sources.registry.ImagePusher;
import io.covington.sources.registry.RegistryUnderTest;
import io.covington.sources.registry.TestImages;
import io.covington.sources.registry.TestImages.Entry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Faults of a real distribution registry serving the release images and the graph-data image of
 * a disconnected site, injected by a stand-in in front of it: every request answered 500, and
 * blobs cut off halfway. The served graph stays byte for byte, /status names the registry
 * repository, the registry metrics count the errors, and the site recovers when the registry does.
 */
class RegistryFaultsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WITHIN = Duration.ofSeconds(45);
  private static final String DATA = "var/lib/cincinnati-graph-data/";
  private static final String RELEASES = "openshift/release-images";
  private static final String GRAPH_IMAGE = "openshift/graph-image";

  @TempDir Path dir;

  private RegistryUnderTest registry;
  private TestImages images;
  private Covington running;
  private LogCapture log;

  private static TestImages.Layer graphData(boolean withBlock) throws Exception {
    List<Entry> entries = new ArrayList<>(List.of(
        Entry.file(DATA + "version", "1.1.0\n"),
        Entry.file(DATA + "channels/stable-4.5.yaml", "name: stable-4.5\nversions:\n- 4.5.0\n- 4.5.1\n- 4.5.2\n"),
        Entry.file(DATA + "blocked-edges/4.5.1-none.yaml", "to: 4.5.1\nfrom: 4\\.4\\.0\n")));
    if (withBlock) {
      entries.add(Entry.file(DATA + "blocked-edges/4.5.2-skip.yaml", "to: 4.5.2\nfrom: 4\\.5\\.0\n"));
    }
    return TestImages.layer(entries);
  }

  @BeforeEach
  void start() throws Exception {
    log = new LogCapture();
    registry = RegistryUnderTest.start(dir.resolve("registry"));
    images = new TestImages(new ImagePusher(registry.registry().url()));
    images.image(RELEASES, "4.5.0-x86_64", OCI, "amd64", List.of(TestImages.releaseLayer(TestImages.releaseMetadata("4.5.0"))));
    images.image(RELEASES, "4.5.1-x86_64", OCI, "amd64",
        List.of(TestImages.releaseLayer(TestImages.releaseMetadata("4.5.1", "4.5.0"))));
    images.image(RELEASES, "4.5.2-x86_64", OCI, "amd64",
        List.of(TestImages.releaseLayer(TestImages.releaseMetadata("4.5.2", "4.5.0", "4.5.1"))));
    images.image(GRAPH_IMAGE, "latest", OCI, "amd64", List.of(graphData(false)));
    String host = registry.standIn().host();
    CovingtonCommand command = new CovingtonCommand();
    new CommandLine(command).parseArgs("--port", "0", "--status-port", "0", "--bind", "127.0.0.1",
        "--releases-registry", "http://" + host + "/" + RELEASES,
        "--graph-data-image", "http://" + host + "/" + GRAPH_IMAGE + ":latest",
        "--registry-interval", "1s", "--cache-dir", dir.resolve("cache").toString());
    running = command.start();
    RunningServer.await(running.loaded());
  }

  @AfterEach
  void stop() {
    registry.standIn().failEverything(false);
    registry.standIn().truncateBlobs(false);
    if (running != null) {
      running.stop();
    }
    registry.close();
    log.close();
  }

  private JsonNode status() throws Exception {
    return JSON.readTree(RunningServer.get(URI.create("http://127.0.0.1:" + running.server().statusPort() + "/status")).body());
  }

  private String metrics() throws Exception {
    return RunningServer.get(URI.create("http://127.0.0.1:" + running.server().statusPort() + "/metrics")).body();
  }

  private String graph() throws Exception {
    return RunningServer.get(URI.create("http://127.0.0.1:" + running.server().apiPort()
        + "/api/upgrades_info/v1/graph?channel=stable-4.5"), "Accept", "application/json").body();
  }

  @Test
  void aRegistryAnswering500KeepsTheGraphAndNamesTheRepository() throws Exception {
    String before = graph();
    assertThat(before).contains("4.5.2");

    registry.standIn().failEverything(true);
    Await.until(WITHIN, "the 500s reported", () -> status().get("failing").asBoolean());
    JsonNode error = status().get("lastError");
    assertThat(error.get("problems").toString()).contains(registry.standIn().host() + "/");
    assertThat(error.toString()).contains("500");
    assertThat(graph()).isEqualTo(before);
    assertThat(metrics()).contains("covington_graph_reload_failing 1.0").contains("covington_registry_errors_total{kind=\"http_status\",}");
    assertThat(log.text()).contains(registry.standIn().host());

    registry.standIn().failEverything(false);
    Await.until(WITHIN, "the registry recovered", () -> !status().get("failing").asBoolean());
    assertThat(graph()).isEqualTo(before);
  }

  @Test
  void aGraphDataImageWhoseBlobsAreCutOffIsNotPublishedUntilItDownloadsWhole() throws Exception {
    String before = graph();
    registry.standIn().truncateBlobs(true);
    // graph-data moves on: a new block, in a layer that now only arrives half.
    images.image(GRAPH_IMAGE, "latest", OCI, "amd64", List.of(graphData(true)));

    Await.until(WITHIN, "the cut-off download reported", () -> status().get("failing").asBoolean());
    assertThat(status().get("lastError").get("problems").toString()).contains(GRAPH_IMAGE);
    assertThat(graph()).isEqualTo(before);
    assertThat(running.server() != null).isTrue();

    registry.standIn().truncateBlobs(false);
    Await.until(WITHIN, "the whole image published", () -> !graph().equals(before));
    assertThat(status().get("failing").asBoolean()).isFalse();
    JsonNode served = JSON.readTree(graph());
    assertThat(served.get("edges").size()).isLessThan(JSON.readTree(before).get("edges").size());
  }
}
