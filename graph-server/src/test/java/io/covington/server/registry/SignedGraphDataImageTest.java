package io.covington.server.registry;

import static io.covington.sources.registry.TestImages.Format.OCI;
import static io.covington.sources.registry.TestImages.releaseLayer;
import static io.covington.sources.registry.TestImages.releaseMetadata;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.covington.graph.signature.Gpg;
import io.covington.server.Covington;
import io.covington.server.RunningServer;
import io.covington.server.cli.CovingtonCommand;
import io.covington.server.faults.LogCapture;
import io.covington.sources.registry.DistributionRegistry;
import io.covington.sources.registry.ImagePusher;
import io.covington.sources.registry.TestImages;
import io.covington.sources.registry.TestImages.Entry;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A graph-data image that must be signed ({@code --graph-data-keyring}), in the real registry the
 * tests start, its signatures in a signature store (a plain HTTP file server, as a site's mirror of
 * them is): signed by the site's key it is used; unsigned, or re-signed by another key, it is refused
 * before any layer is pulled, the old graph keeps serving, and {@code /status}, the metrics and the
 * log say why.
 */
class SignedGraphDataImageTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DATA = "var/lib/cincinnati-graph-data/";
  private static final String IMAGE = "openshift/graph-image";
  private static Gpg gpg;
  private static String siteKey;
  private static String otherKey;

  @TempDir Path dir;

  @BeforeAll
  static void keys() {
    gpg = Gpg.start();
    siteKey = gpg.newKey("Mirror Site <mirror@example.com>", "0", null);
    otherKey = gpg.newKey("Whoever Pushes <intruder@example.com>", "0", null);
    // Entries are text: an armored signature, which the store serves as it is and verifies as binary ones.
    releaseSignature = new String(gpg.signArmored(siteKey, Gpg.claim(RELEASE_DIGEST, "r")), StandardCharsets.US_ASCII);
  }

  @AfterAll
  static void stop() {
    gpg.close();
  }

  /** A release digest whose signature the graph-data image carries in its signatures/ folder. */
  private static final String RELEASE_DIGEST = "sha256:" + "c4".repeat(32);
  private static String releaseSignature;

  private static TestImages.Layer graphData(boolean blockUpdate) throws Exception {
    return TestImages.layer(List.of(
        Entry.file(DATA + "version", "1.1.0\n"),
        Entry.file(DATA + "signatures/sha256/" + RELEASE_DIGEST.substring(7) + "/signature-1", releaseSignature),
        Entry.file(DATA + "channels/stable-4.5.yaml", "name: stable-4.5\nversions:\n- 4.5.0\n- 4.5.1\n"),
        blockUpdate ? Entry.file(DATA + "blocked-edges/4.5.1-skip.yaml", "to: 4.5.1\nfrom: 4\\.5\\.0\n")
            : Entry.file(DATA + "blocked-edges/README.md", "none\n")));
  }

  /** Puts a signature of {@code digest} by {@code key} into the store as signature-{@code n}. */
  private void sign(Path store, String digest, int n, String key) throws Exception {
    Path file = store.resolve(digest.replace(':', '=')).resolve("signature-" + n);
    Files.createDirectories(file.getParent());
    Files.write(file, gpg.signDigest(key, digest, "mirror.example/" + IMAGE + ":latest", null));
  }

  @Test
  void anImageSignedByTheSiteKeyIsUsedAndAnUnsignedOrReSignedOneIsRefused() throws Exception {
    Path store = Files.createDirectories(dir.resolve("store"));
    HttpServer files = fileServer(store);
    Files.write(dir.resolve("site.asc"), gpg.exportArmored(siteKey));
    try (DistributionRegistry registry = DistributionRegistry.start(dir.resolve("registry"));
        LogCapture log = new LogCapture()) {
      TestImages images = new TestImages(new ImagePusher(registry.url()));
      String releases = "openshift/release-images";
      images.image(releases, "4.5.0-x86_64", OCI, "amd64", List.of(releaseLayer(releaseMetadata("4.5.0"))));
      images.image(releases, "4.5.1-x86_64", OCI, "amd64", List.of(releaseLayer(releaseMetadata("4.5.1", "4.5.0"))));
      String signed = images.image(IMAGE, "latest", OCI, "amd64", List.of(graphData(true))).digest();
      sign(store, signed, 1, siteKey);

      CovingtonCommand main = new CovingtonCommand();
      new CommandLine(main).parseArgs("--port", "0", "--status-port", "0", "--bind", "127.0.0.1",
          "--releases-registry", "http://" + registry.host() + "/" + releases,
          "--graph-data-image", "http://" + registry.host() + "/" + IMAGE + ":latest",
          "--graph-data-keyring", dir.resolve("site.asc").toString(),
          "--graph-data-signature-store", "http://127.0.0.1:" + files.getAddress().getPort() + "/signatures",
          "--registry-interval", "1s");
      Covington running = main.start();
      try {
        RunningServer.await(running.loaded());
        URI api = URI.create("http://127.0.0.1:" + running.server().apiPort() + "/api/upgrades_info/v1/graph?channel=stable-4.5");
        URI statusUri = URI.create("http://127.0.0.1:" + running.server().statusPort() + "/status");
        String served = RunningServer.get(api, "Accept", "application/json").body();
        assertThat(JSON.readTree(served).get("edges")).as("the signed image's block is applied").isEmpty();
        assertThat(JSON.readTree(served).get("nodes")).hasSize(2);
        HttpResponse<String> carried = RunningServer.get(URI.create("http://127.0.0.1:" + running.server().apiPort()
            + "/api/upgrades_info/signatures/sha256=" + RELEASE_DIGEST.substring(7) + "/signature-1"));
        assertThat(carried.statusCode()).as("the image's own signatures/ are served").isEqualTo(200);
        assertThat(carried.body()).isEqualTo(releaseSignature);
        assertThat(JSON.readTree(RunningServer.get(statusUri).body()).get("sources").toString())
            .contains("image signature: required from http://127.0.0.1:" + files.getAddress().getPort() + "/signatures/")
            .contains("Mirror Site <mirror@example.com>");

        // Someone who can push to the mirror moves the tag to graph-data without the block, unsigned.
        String unsigned = images.image(IMAGE, "latest", OCI, "amd64", List.of(graphData(false))).digest();
        JsonNode status = awaitFailingWith(statusUri, unsigned);
        JsonNode problem = status.get("lastError").get("problems").get(0);
        assertThat(problem.get("kind").asText()).isEqualTo("unsigned_image");
        assertThat(problem.get("message").asText()).contains(unsigned)
            .contains("/signatures/sha256=" + unsigned.substring(7) + "/signature-1: 404");
        assertThat(RunningServer.get(api, "Accept", "application/json").body()).as("the graph served").isEqualTo(served);

        // ... and signs it with a key of their own.
        sign(store, unsigned, 1, otherKey);
        status = awaitFailingWith(statusUri, "which is not in the keyring");
        assertThat(status.get("lastError").get("problems").get(0).get("message").asText())
            .contains("signature-1: signed by key " + otherKey.substring(24) + ", which is not in the keyring");
        assertThat(RunningServer.get(api, "Accept", "application/json").body()).isEqualTo(served);
        String metrics = RunningServer.get(URI.create("http://127.0.0.1:" + running.server().statusPort() + "/metrics")).body();
        assertThat(metrics).contains("covington_graph_reload_failing 1.0")
            .containsPattern("covington_graph_reloads_total\\{outcome=\"rejected\",} [1-9]");
        assertThat(log.text()).contains("which has no signature that verifies").contains(unsigned);

        // The site signs it as signature-2: the store is searched on, and the image is used.
        sign(store, unsigned, 2, siteKey);
        long deadline = System.nanoTime() + 20_000_000_000L;
        String now = served;
        while (now.equals(served) && System.nanoTime() < deadline) {
          Thread.sleep(200);
          now = RunningServer.get(api, "Accept", "application/json").body();
        }
        assertThat(JSON.readTree(now).get("edges")).as("the newly signed graph-data").hasSize(1);
      } finally {
        running.stop();
      }
    } finally {
      files.stop(0);
    }
  }

  private static JsonNode awaitFailingWith(URI statusUri, String text) throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    JsonNode status = JSON.readTree(RunningServer.get(statusUri).body());
    while (!(status.get("failing").asBoolean() && status.path("lastError").toString().contains(text))
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
      status = JSON.readTree(RunningServer.get(statusUri).body());
    }
    assertThat(status.get("failing").asBoolean()).as(status.toString()).isTrue();
    assertThat(status.get("lastError").toString()).contains(text);
    return status;
  }

  /** A static file server of {@code root} under {@code /signatures/}: 404 for what is not there. */
  private static HttpServer fileServer(Path root) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/signatures/", exchange -> {
      Path file = root.resolve(exchange.getRequestURI().getPath().substring("/signatures/".length())).normalize();
      byte[] body = file.startsWith(root) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
      exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
      if (body != null) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
      exchange.close();
    });
    server.start();
    return server;
  }
}
