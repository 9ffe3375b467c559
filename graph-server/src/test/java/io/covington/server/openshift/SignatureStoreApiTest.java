package io.covington.server.openshift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.graph.TestFiles;
import io.covington.graph.signature.Gpg;
import io.covington.server.Covington;
import io.covington.server.RunningServer;
import io.covington.server.cli.CovingtonCommand;
import io.covington.server.faults.LogCapture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The signature store endpoint of a real server started from its command line, serving the
 * signatures of a watched graph-data directory (and a separate signatures directory), verified with
 * a keyring of keys made by gpg; fetched as the cluster-version-operator's signature-store client
 * fetches them: {@code sha256=<hex>/signature-1}, {@code signature-2}, … until a 404.
 */
class SignatureStoreApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final String HEX_0 = "a0".repeat(32);
  private static final String HEX_1 = "a1".repeat(32);
  private static final String HEX_2 = "a2".repeat(32);
  private static Gpg gpg;
  private static String releaseKey;
  private static String strangerKey;

  @TempDir Path dir;
  private Path graphData;
  private LogCapture log;
  private Covington running;
  private String api;
  private String status;

  @BeforeAll
  static void keys() {
    gpg = Gpg.start();
    releaseKey = gpg.newKey("OpenShift Release <release@example.com>", "0", null);
    strangerKey = gpg.newKey("Stranger <stranger@example.com>", "0", null);
  }

  @AfterAll
  static void stopGpg() {
    gpg.close();
  }

  @BeforeEach
  void serve() throws Exception {
    log = new LogCapture();
    TestFiles.write(dir, "releases.json", "{\"nodes\":["
        + node("4.5.0", HEX_0) + "," + node("4.5.1", HEX_1) + "," + node("4.5.2", HEX_2) + "],\"edges\":[[0,1],[1,2]]}");
    graphData = TestFiles.graphData(dir.resolve("graph-data"));
    TestFiles.write(graphData, "channels/stable-4.5.yaml", "name: stable-4.5\nversions:\n- 4.5.0\n- 4.5.1\n- 4.5.2\n");
    sign(graphData, HEX_0, 1, releaseKey, "sha256:" + HEX_0);
    sign(graphData, HEX_0, 2, releaseKey, "sha256:" + HEX_0);
    // 4.5.2's only signature is by a key the site does not trust.
    sign(graphData, HEX_2, 1, strangerKey, "sha256:" + HEX_2);
    Files.write(dir.resolve("release.asc"), gpg.exportArmored(releaseKey));
  }

  private void start(String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("--port", "0", "--status-port", "0", "--bind", "127.0.0.1",
        "--releases", dir.resolve("releases.json").toString(), "--graph-data", graphData.toString(),
        "--graph-data-quiet-period", "100ms", "--reload-interval", "1s"));
    args.addAll(List.of(more));
    CovingtonCommand main = new CovingtonCommand();
    new CommandLine(main).parseArgs(args.toArray(String[]::new));
    running = main.start();
    RunningServer.await(running.loaded());
    api = "http://127.0.0.1:" + running.server().apiPort() + "/api/upgrades_info";
    status = "http://127.0.0.1:" + running.server().statusPort();
  }

  @AfterEach
  void stop() {
    if (running != null) {
      running.stop();
    }
    log.close();
  }

  @Test
  void theClusterVersionOperatorGetsEveryVerifiedSignatureAsOnDiskAndNothingElse() throws Exception {
    start("--release-keyring", dir.resolve("release.asc").toString());

    List<byte[]> fetched = fetchLikeTheCvo("sha256:" + HEX_0);

    assertThat(fetched).hasSize(2);
    assertThat(fetched.get(0)).isEqualTo(Files.readAllBytes(file(graphData, HEX_0, 1)));
    assertThat(fetched.get(1)).isEqualTo(Files.readAllBytes(file(graphData, HEX_0, 2)));
    assertThat(fetchLikeTheCvo("sha256:" + HEX_2)).as("the untrusted signature is not served").isEmpty();
    HttpResponse<byte[]> missing = get(api + "/signatures/sha256=" + HEX_1 + "/signature-1");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(missing.body()).get("kind").asText()).isEqualTo("does_not_exist");

    JsonNode state = JSON.readTree(get(status + "/status").body()).get("signatures");
    assertThat(state.get("verifying").asBoolean()).isTrue();
    assertThat(state.get("served").asInt()).isEqualTo(2);
    assertThat(state.get("refused").get(0).get("file").asText()).isEqualTo("signatures/sha256/" + HEX_2 + "/signature-1");
    assertThat(state.get("refused").get(0).get("message").asText()).contains("which is not in the keyring");
    String metrics = new String(get(status + "/metrics").body());
    assertThat(metrics).contains("covington_graph_signatures{state=\"served\",} 2.0")
        .contains("covington_graph_signatures{state=\"refused\",} 1.0")
        .contains("covington_graph_load_problems{kind=\"signature_refused\",} 1.0");
    assertThat(log.text()).contains("signature refused: signatures/sha256/" + HEX_2 + "/signature-1");

    JsonNode releases = JSON.readTree(get(api + "/v1/signatures?channel=stable-4.5").body()).get("releases");
    assertThat(releases).hasSize(3);
    assertThat(releases.get(0).get("version").asText()).isEqualTo("4.5.0");
    assertThat(releases.get(0).get("signature").asText()).isEqualTo("verified");
    assertThat(releases.get(0).get("signers").get(0).asText()).endsWith("OpenShift Release <release@example.com>");
    assertThat(releases.get(1).get("signature").asText()).isEqualTo("none");
    assertThat(releases.get(2).get("signature").asText()).isEqualTo("refused");
  }

  @Test
  void badDigestsAre400AndABodyIsCachedAsAGraphIs() throws Exception {
    start("--release-keyring", dir.resolve("release.asc").toString());

    for (String bad : List.of("sha512=" + HEX_0, "sha256=" + HEX_0.toUpperCase(), "sha256=abc", HEX_0, "md5=x=y")) {
      HttpResponse<byte[]> response = get(api + "/signatures/" + bad + "/signature-1");
      assertThat(response.statusCode()).as(bad).isEqualTo(400);
      assertThat(JSON.readTree(response.body()).get("kind").asText()).isEqualTo("invalid_params");
    }
    assertThat(new String(get(api + "/signatures/sha512=" + HEX_0 + "/signature-1").body())).contains("algo not supported: \\\"sha512\\\"");
    assertThat(get(api + "/signatures/sha256=" + HEX_0 + "/signature-0").statusCode()).isEqualTo(404);
    assertThat(get(api + "/signatures/sha256=" + HEX_0 + "/manifest.json").statusCode()).isEqualTo(404);

    HttpResponse<byte[]> first = get(api + "/signatures/sha256=" + HEX_0 + "/signature-1");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(first.headers().firstValue("Content-Type")).contains("application/octet-stream");
    HttpResponse<byte[]> again = CLIENT.send(HttpRequest.newBuilder(URI.create(api + "/signatures/sha256=" + HEX_0 + "/signature-1"))
        .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(again.statusCode()).isEqualTo(304);
    HttpResponse<byte[]> head = CLIENT.send(HttpRequest.newBuilder(URI.create(api + "/signatures/sha256=" + HEX_0 + "/signature-1"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Length")).contains(String.valueOf(first.body().length));
  }

  @Test
  void aTamperedSignatureAddedOnReloadIsNotServedAndTheGraphIsUnchanged() throws Exception {
    start("--release-keyring", dir.resolve("release.asc").toString());
    String graph = new String(get(api + "/v1/graph?channel=stable-4.5").body());

    // A new good signature for 4.5.1 and a tampered one for 4.5.2 arrive with the next graph-data.
    sign(graphData, HEX_1, 1, releaseKey, "sha256:" + HEX_1);
    byte[] tampered = gpg.signDigest(releaseKey, "sha256:" + HEX_2, "r", null);
    tampered[tampered.length - 3] ^= 0x01;
    Files.write(file(graphData, HEX_2, 2), tampered);
    // A stray file in the tree is a warning naming it: it does not hold the new graph-data back.
    TestFiles.write(graphData, "signatures/README.md", "mirrored 2026-12-03\n");

    long deadline = System.nanoTime() + 15_000_000_000L;
    while (fetchLikeTheCvo("sha256:" + HEX_1).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }

    assertThat(fetchLikeTheCvo("sha256:" + HEX_1)).singleElement().isEqualTo(Files.readAllBytes(file(graphData, HEX_1, 1)));
    assertThat(fetchLikeTheCvo("sha256:" + HEX_2)).isEmpty();
    assertThat(new String(get(api + "/v1/graph?channel=stable-4.5").body())).as("the graph served").isEqualTo(graph);
    JsonNode state = JSON.readTree(get(status + "/status").body()).get("signatures");
    assertThat(state.get("refused").toString()).contains("signatures/sha256/" + HEX_2 + "/signature-2").contains("does not verify");
    assertThat(new String(get(status + "/metrics").body())).contains("covington_graph_signatures{state=\"refused\",} 2.0")
        .contains("covington_graph_load_problems{kind=\"signature_tree\",} 1.0");
    assertThat(log.text()).contains("signatures/sha256/" + HEX_2 + "/signature-2");
  }

  @Test
  void aSeparateSignaturesDirectoryIsServedUncheckedWithoutAKeyring() throws Exception {
    Path mirror = Files.createDirectories(dir.resolve("mirror"));
    sign(mirror, HEX_1, 1, strangerKey, "sha256:" + HEX_1);
    start("--signatures-dir", mirror.toString());

    assertThat(fetchLikeTheCvo("sha256:" + HEX_1)).singleElement().isEqualTo(Files.readAllBytes(file(mirror, HEX_1, 1)));
    assertThat(fetchLikeTheCvo("sha256:" + HEX_2)).as("from the graph-data, unchecked").hasSize(1);
    JsonNode releases = JSON.readTree(get(api + "/v1/signatures?channel=stable-4.5").body());
    assertThat(releases.get("verifying").asBoolean()).isFalse();
    assertThat(releases.get("releases").get(1).get("signature").asText()).isEqualTo("unverified");

    sign(mirror, HEX_1, 2, strangerKey, "sha256:" + HEX_1);
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (fetchLikeTheCvo("sha256:" + HEX_1).size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(fetchLikeTheCvo("sha256:" + HEX_1)).as("re-read on reload").hasSize(2);
  }

  @Test
  void aSignaturesDirectoryThatVanishesKeepsTheServedSignaturesAndSaysWhy() throws Exception {
    Path mirror = Files.createDirectories(dir.resolve("mirror"));
    sign(mirror, HEX_1, 1, releaseKey, "sha256:" + HEX_1);
    start("--signatures-dir", mirror.toString(), "--release-keyring", dir.resolve("release.asc").toString());
    byte[] served = fetchLikeTheCvo("sha256:" + HEX_1).get(0);
    String graph = new String(get(api + "/v1/graph?channel=stable-4.5").body());

    // The volume the signatures are synced to is unmounted (the directory is gone).
    Files.move(mirror, dir.resolve("mirror-away"));

    long deadline = System.nanoTime() + 15_000_000_000L;
    JsonNode state = JSON.readTree(get(status + "/status").body());
    while (!state.get("failing").asBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      state = JSON.readTree(get(status + "/status").body());
    }
    assertThat(state.get("failing").asBoolean()).isTrue();
    assertThat(state.get("lastError").toString()).contains("signatures directory " + mirror + " does not exist");
    assertThat(fetchLikeTheCvo("sha256:" + HEX_1)).singleElement().as("still served").isEqualTo(served);
    assertThat(new String(get(api + "/v1/graph?channel=stable-4.5").body())).isEqualTo(graph);
    assertThat(new String(get(status + "/metrics").body())).contains("covington_graph_reload_failing 1.0");
    assertThat(log.text()).contains("signatures directory " + mirror + " does not exist");
  }

  /** As the cluster-version-operator's HTTP signature store: signature-1, -2, … until one is not found. */
  private List<byte[]> fetchLikeTheCvo(String digest) throws Exception {
    List<byte[]> found = new ArrayList<>();
    for (int n = 1; n <= 10; n++) {
      HttpResponse<byte[]> response = get(api + "/signatures/" + digest.replace(':', '=') + "/signature-" + n);
      if (response.statusCode() == 404) {
        break;
      }
      assertThat(response.statusCode()).isEqualTo(200);
      found.add(response.body());
    }
    return found;
  }

  private static HttpResponse<byte[]> get(String url) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String node(String version, String hex) {
    return "{\"version\":\"" + version + "+amd64\",\"payload\":\"quay.io/openshift-release-dev/ocp-release@sha256:" + hex
        + "\",\"metadata\":{\"url\":\"https://access.redhat.com/errata/RHBA-1\"}}";
  }

  private static void sign(Path root, String hex, int n, String key, String digest) throws Exception {
    Path file = file(root, hex, n);
    Files.createDirectories(file.getParent());
    Files.write(file, gpg.signDigest(key, digest, "quay.io/openshift-release-dev/ocp-release@" + digest, null));
  }

  private static Path file(Path root, String hex, int n) {
    Path base = root.getFileName().toString().equals("graph-data") ? root.resolve("signatures") : root;
    return base.resolve("sha256").resolve(hex).resolve("signature-" + n);
  }
}
