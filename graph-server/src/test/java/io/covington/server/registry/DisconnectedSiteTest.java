package io.covington.server.registry;

import static io.covington.sources.registry.TestImages.Format.DOCKER;
import static io.covington.sources.registry.TestImages.Format.OCI;
import static io.covington.sources.registry.TestImages.releaseLayer;
import static io.covington.sources.registry.TestImages.releaseMetadata;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.server.Covington;
import io.covington.server.RunningServer;
import io.covington.server.cli.CovingtonCommand;
import io.covington.sources.registry.DistributionRegistry;
import io.covington.sources.registry.ImagePusher;
import io.covington.sources.registry.TestImages;
import io.covington.sources.registry.TestImages.Entry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A disconnected site as oc-mirror lays it out: release images in {@code openshift/release-images}
 * and the graph-data image in {@code openshift/graph-image}, in a local registry. The real server,
 * started from its command line, serves the channel's graph with its blocked and conditional
 * edges, and follows the graph-data image when its tag moves.
 */
class DisconnectedSiteTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DATA = "var/lib/cincinnati-graph-data/";
  private static final String RISK = """
      to: 4.5.1
      from: 4\\.5\\.0
      url: https://issues.example.com/browse/OCPBUGS-7
      name: EtcdSlowOnSpinningDisks
      message: Clusters on spinning disks may lose etcd quorum.
      matchingRules:
      - type: PromQL
        promql:
          promql: topk(1, etcd_disk_wal_fsync_duration_seconds_bucket) > 0
      """;

  @TempDir Path dir;

  private static TestImages.Layer graphData(boolean withBlock) throws Exception {
    List<Entry> entries = new ArrayList<>(List.of(
        Entry.file(DATA + "version", "1.1.0\n"),
        Entry.file(DATA + "channels/stable-4.5.yaml", "name: stable-4.5\nversions:\n- 4.5.0\n- 4.5.1\n- 4.5.2\n"),
        Entry.file(DATA + "blocked-edges/4.5.1-EtcdSlowOnSpinningDisks.yaml", RISK),
        // Links are never followed out of the unpack folder: this one is left out.
        Entry.symlink(DATA + "channels/escape.yaml", "/etc/passwd")));
    if (withBlock) {
      entries.add(Entry.file(DATA + "blocked-edges/4.5.2-skip.yaml", "to: 4.5.2\nfrom: 4\\.5\\.0\n"));
    }
    return TestImages.layer(entries);
  }

  @Test
  void servesTheMirroredChannelWithItsBlockedEdgesAndFollowsTheGraphImage() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.start(dir.resolve("registry"))) {
      TestImages images = new TestImages(new ImagePusher(registry.url()));
      String releases = "openshift/release-images";
      images.image(releases, "4.5.0-x86_64", OCI, "amd64", List.of(TestImages.filler("rhel"), releaseLayer(releaseMetadata("4.5.0"))));
      images.image(releases, "4.5.1-x86_64", DOCKER, "amd64", List.of(releaseLayer(releaseMetadata("4.5.1", "4.5.0"))));
      String latest = images.image(releases, "4.5.2-x86_64", OCI, "amd64",
          List.of(releaseLayer(releaseMetadata("4.5.2", "4.5.0", "4.5.1")))).digest();
      images.image("openshift/graph-image", "latest", OCI, "amd64", List.of(TestImages.filler("ubi-micro"), graphData(true)));

      CovingtonCommand main = new CovingtonCommand();
      new CommandLine(main).parseArgs("--port", "0", "--status-port", "0", "--bind", "127.0.0.1",
          "--releases-registry", "http://" + registry.host() + "/" + releases,
          "--graph-data-image", "http://" + registry.host() + "/openshift/graph-image:latest",
          "--registry-cache-dir", dir.resolve("cache").toString(),
          "--registry-interval", "1s");
      Covington running = main.start();
      try {
        RunningServer.await(running.loaded());
        String api = "http://127.0.0.1:" + running.server().apiPort() + "/api/upgrades_info/v1/graph?channel=stable-4.5";

        JsonNode graph = JSON.readTree(RunningServer.get(URI.create(api), "Accept", "application/json").body());

        assertThat(versions(graph)).containsExactly("4.5.0", "4.5.1", "4.5.2");
        assertThat(edges(graph)).containsExactly("4.5.1->4.5.2");
        assertThat(graph.get("conditionalEdges")).hasSize(1);
        JsonNode conditional = graph.get("conditionalEdges").get(0);
        assertThat(conditional.get("edges").toString()).isEqualTo("[{\"from\":\"4.5.0\",\"to\":\"4.5.1\"}]");
        assertThat(conditional.get("risks").get(0).get("name").asText()).isEqualTo("EtcdSlowOnSpinningDisks");
        assertThat(payloadOf(graph, "4.5.2")).isEqualTo(registry.host() + "/" + releases + "@" + latest);
        String metrics = RunningServer.get(URI.create("http://127.0.0.1:" + running.server().statusPort() + "/metrics")).body();
        assertThat(metrics).doesNotContain("covington_graph_load_problems{");
        assertThat(metrics).contains("covington_registry_releases{repository=\"" + registry.host() + "/" + releases + "\",} 3.0");
        assertThat(dir.resolve("cache/release-images")).isDirectoryContaining(p -> p.toString().endsWith(".json"));
        JsonNode status = JSON.readTree(RunningServer.get(URI.create("http://127.0.0.1:" + running.server().statusPort() + "/status")).body());
        assertThat(status.get("sources").toString())
            .contains("registry " + registry.host() + "/" + releases + ", last scrape")
            .contains("3 releases")
            .contains("graph-data: image " + registry.host() + "/openshift/graph-image");

        // The mirror gets new graph-data: the tag moves to an image without the block.
        images.image("openshift/graph-image", "latest", OCI, "amd64", List.of(TestImages.filler("ubi-micro"), graphData(false)));

        long deadline = System.nanoTime() + 15_000_000_000L;
        Set<String> now = edges(graph);
        while (!now.contains("4.5.0->4.5.2") && System.nanoTime() < deadline) {
          Thread.sleep(200);
          now = edges(JSON.readTree(RunningServer.get(URI.create(api), "Accept", "application/json").body()));
        }
        assertThat(now).containsExactlyInAnyOrder("4.5.1->4.5.2", "4.5.0->4.5.2");
        try (var unpacked = Files.list(dir.resolve("cache/graph-data-image"))) {
          assertThat(unpacked.toList()).as("the old unpacked graph-data is removed").hasSize(1);
        }
      } finally {
        running.stop();
      }
    }
  }

  @Test
  void aGraphDataImageThatFailsValidationIsRefusedAsTheSameCommitFromGitIs() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.start(dir.resolve("registry"))) {
      TestImages images = new TestImages(new ImagePusher(registry.url()));
      String releases = "openshift/release-images";
      images.image(releases, "4.5.0-x86_64", OCI, "amd64", List.of(releaseLayer(releaseMetadata("4.5.0"))));
      images.image(releases, "4.5.1-x86_64", DOCKER, "amd64", List.of(releaseLayer(releaseMetadata("4.5.1", "4.5.0"))));
      images.image(releases, "4.5.2-x86_64", OCI, "amd64", List.of(releaseLayer(releaseMetadata("4.5.2", "4.5.0", "4.5.1"))));
      images.image("openshift/graph-image", "latest", OCI, "amd64", List.of(graphData(true)));

      CovingtonCommand main = new CovingtonCommand();
      new CommandLine(main).parseArgs("--port", "0", "--status-port", "0", "--bind", "127.0.0.1",
          "--releases-registry", "http://" + registry.host() + "/" + releases,
          "--graph-data-image", "http://" + registry.host() + "/openshift/graph-image:latest",
          "--registry-interval", "1s");
      Covington running = main.start();
      try {
        RunningServer.await(running.loaded());
        URI api = URI.create("http://127.0.0.1:" + running.server().apiPort() + "/api/upgrades_info/v1/graph?channel=stable-4.5");
        URI statusUri = URI.create("http://127.0.0.1:" + running.server().statusPort() + "/status");
        String before = RunningServer.get(api, "Accept", "application/json").body();

        // The tag moves to graph-data whose new blocked edge does not compile: the reference and
        // graph-data's CI refuse it, and so does a reload from git.
        List<Entry> broken = new ArrayList<>(List.of(
            Entry.file(DATA + "version", "1.1.0\n"),
            Entry.file(DATA + "channels/stable-4.5.yaml", "name: stable-4.5\nversions:\n- 4.5.0\n- 4.5.1\n- 4.5.2\n"),
            Entry.file(DATA + "blocked-edges/4.5.2-broken.yaml", "to: 4.5.2\nfrom: 4\\.5\\.(\n")));
        images.image("openshift/graph-image", "latest", OCI, "amd64", List.of(TestImages.layer(broken)));

        long deadline = System.nanoTime() + 15_000_000_000L;
        JsonNode status = JSON.readTree(RunningServer.get(statusUri).body());
        while (!status.get("failing").asBoolean() && System.nanoTime() < deadline) {
          Thread.sleep(200);
          status = JSON.readTree(RunningServer.get(statusUri).body());
        }
        assertThat(status.get("failing").asBoolean()).isTrue();
        assertThat(status.get("lastAttempt").get("outcome").asText()).isEqualTo("rejected");
        assertThat(status.get("lastError").get("problems").toString()).contains("blocked-edges/4.5.2-broken.yaml");
        assertThat(RunningServer.get(api, "Accept", "application/json").body()).as("the served graph").isEqualTo(before);
      } finally {
        running.stop();
      }
    }
  }

  private static Set<String> versions(JsonNode graph) {
    Set<String> versions = new TreeSet<>();
    graph.get("nodes").forEach(n -> versions.add(n.get("version").asText()));
    return versions;
  }

  private static Set<String> edges(JsonNode graph) {
    Set<String> edges = new TreeSet<>();
    graph.get("edges").forEach(e -> edges.add(graph.get("nodes").get(e.get(0).asInt()).get("version").asText() + "->"
        + graph.get("nodes").get(e.get(1).asInt()).get("version").asText()));
    return edges;
  }

  private static String payloadOf(JsonNode graph, String version) {
    for (JsonNode n : graph.get("nodes")) {
      if (n.get("version").asText().equals(version)) {
        return n.get("payload").asText();
      }
    }
    throw new AssertionError("no node " + version);
  }
}
