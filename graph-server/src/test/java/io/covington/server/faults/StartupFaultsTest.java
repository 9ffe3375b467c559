package io.covington.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.covington.graph.bundled.BundledData;
import io.covington.server.RunningServer;
import io.covington.sources.Await;
import io.covington.sources.HostileInputs;
import io.covington.sources.TestInputs;
import io.covington.sources.git.GitFixture;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that used to end the process, given to the server in a JVM of its own with the container
 * image's memory limit and flags: it must stay up, answer 503 with the reason on /status while it
 * has nothing to serve, and recover once the input is fixed.
 */
class StartupFaultsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WITHIN = Duration.ofSeconds(60);

  @TempDir Path dir;

  private static JsonNode status(ChildServer server) throws Exception {
    return JSON.readTree(RunningServer.get(server.status("/status")).body());
  }

  /** Alive, not ready, the graph API 503 not_ready, and /status naming {@code input}. */
  private static JsonNode assertWaitingFor(ChildServer server, String input) throws Exception {
    try {
      Await.until(WITHIN, "the failed first load reported", () -> status(server).get("failing").asBoolean());
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; /status: " + status(server) + "; log:\n" + server.log(), e);
    }
    assertThat(server.process.isAlive()).as("the process").isTrue();
    assertThat(RunningServer.get(server.status("/liveness")).statusCode()).isEqualTo(200);
    assertThat(RunningServer.get(server.status("/readiness")).statusCode()).isEqualTo(503);
    HttpResponse<String> graph = RunningServer.get(server.api("/v1/graph?channel=stable-4.16"));
    assertThat(graph.statusCode()).isEqualTo(503);
    assertThat(graph.body()).contains("\"kind\":\"not_ready\"");
    JsonNode status = status(server);
    assertThat(status.get("lastError").toString()).contains(input);
    assertThat(server.log()).contains(input);
    return status;
  }

  @Test
  void aReleasesFileOf210MegabytesLeavesTheServerUpAndItRecoversOnceFixed() throws Exception {
    TestInputs.Inputs inputs = TestInputs.write(dir);
    Path huge = dir.resolve("releases-huge.json");
    try (OutputStream out = Files.newOutputStream(huge)) {
      byte[] chunk = new byte[1 << 20];
      Arrays.fill(chunk, (byte) ' ');
      out.write('[');
      for (int i = 0; i < 210; i++) {
        out.write(chunk);
      }
    }
    try (ChildServer server = ChildServer.start(List.of(), ChildServer.testClasspath(), "--releases", huge.toString(),
        "--graph-data", inputs.graphData().toString(), "--reload-interval", "500ms")) {
      JsonNode status = assertWaitingFor(server, huge.toString());
      assertThat(status.get("lastError").get("problems").get(0).get("kind").asText()).isEqualTo("document_too_large");

      Files.copy(inputs.releases(), huge, StandardCopyOption.REPLACE_EXISTING);
      Await.until(WITHIN, "the fixed releases served", () -> RunningServer.get(server.status("/readiness")).statusCode() == 200);
      assertThat(RunningServer.get(server.api("/v1/graph?channel=stable-4.16")).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aSmallArchiveThatUnpacksTo400MegabytesLeavesTheServerUp() throws Exception {
    byte[] archive = HostileInputs.tarBomb("graph-data/", 400);
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/graph-data.tar.gz", exchange -> {
      exchange.sendResponseHeaders(200, archive.length);
      exchange.getResponseBody().write(archive);
      exchange.close();
    });
    http.start();
    String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/graph-data.tar.gz";
    try (ChildServer server = ChildServer.start(List.of(), ChildServer.testClasspath(), "--graph-data-url", url,
        "--cache-dir", dir.resolve("cache").toString())) {
      JsonNode status = assertWaitingFor(server, url);
      assertThat(status.get("lastError").get("problems").get(0).get("message").asText()).contains("more than " + (256L << 20));
    } finally {
      http.stop(0);
    }
  }

  @Test
  void aFullDiskForTheCacheLeavesTheServerUpAndItRecoversOnceThereIsRoom() throws Exception {
    try (GitFixture repo = GitFixture.create(dir.resolve("git"))) {
      // The real graph-data: its pack is some hundred KB, more than the 16 KB the process may write.
      WatchedGraphData.copy(BundledData.directory("openshift/graph-data"), repo.work);
      repo.commitAll("The real graph-data");
      List<String> fullDisk = List.of("bash", "-c", "ulimit -S -f 16 && exec \"$@\"", "--");
      // Over git's own protocol: a file:// remote is served by an upload-pack thread inside the
      // server, which then stays blocked on its pipe for tens of seconds after the refused write.
      String remote = repo.daemonUrl();
      try (ChildServer server = ChildServer.start(fullDisk, ChildServer.testClasspath(), "--graph-data-git", remote,
          "--cache-dir", dir.resolve("cache").toString(), "--reload-interval", "500ms")) {
        JsonNode status = assertWaitingFor(server, remote);
        // The operating system's own words for the write it refused (EFBIG).
        assertThat(status.get("lastError").toString()).contains("File too large");

        // Room again: the next attempt clones and serves.
        Process raise = new ProcessBuilder("prlimit", "--pid", Long.toString(server.process.pid()), "--fsize=unlimited").start();
        assertThat(raise.waitFor()).isZero();
        Await.until(WITHIN, "served once there is room", () -> RunningServer.get(server.status("/readiness")).statusCode() == 200);
      }
    }
  }

  @Test
  void aGraphDataFileThatCannotBeReadIsRefusedOnReloadNamingIt() throws Exception {
    TestInputs.Inputs inputs = TestInputs.write(dir);
    List<String> prefix = List.of();
    String classpath = ChildServer.testClasspath();
    if ("root".equals(System.getProperty("user.name"))) {
      // Root reads any file: run the server as nobody, on a copy of the classpath nobody can read.
      prefix = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
      classpath = readableCopy(classpath, dir.resolve("classpath"));
      worldReadable(dir);
    }
    try (ChildServer server = ChildServer.start(prefix, classpath, "--releases", inputs.releases().toString(),
        "--graph-data", inputs.graphData().toString(), "--reload-interval", "500ms", "--graph-data-quiet-period", "0s")) {
      Await.until(WITHIN, "served", () -> RunningServer.get(server.status("/readiness")).statusCode() == 200);
      String before = RunningServer.get(server.api("/v1/graph?channel=stable-4.16")).body();
      Path block = inputs.graphData().resolve("blocked-edges/4.16.1-TestRisk.yaml");

      Files.setPosixFilePermissions(block, PosixFilePermissions.fromString("---------"));
      Await.until(WITHIN, "the unreadable file reported", () -> status(server).get("failing").asBoolean());

      JsonNode problem = status(server).get("lastError").get("problems").get(0);
      assertThat(problem.get("file").asText()).isEqualTo(block.toString());
      assertThat(problem.get("message").asText()).contains("permission denied");
      assertThat(RunningServer.get(server.api("/v1/graph?channel=stable-4.16")).body()).isEqualTo(before);
      assertThat(server.process.isAlive()).isTrue();
    }
  }

  /** Copies every classpath entry under {@code to}, readable by anyone, and returns the new classpath. */
  private static String readableCopy(String classpath, Path to) throws IOException {
    List<String> copied = new ArrayList<>();
    int n = 0;
    for (String entry : classpath.split(File.pathSeparator)) {
      Path from = Path.of(entry);
      if (!Files.exists(from)) {
        continue;
      }
      Path target = to.resolve(n++ + "-" + from.getFileName());
      if (Files.isDirectory(from)) {
        WatchedGraphData.copy(from, target);
      } else {
        Files.createDirectories(to);
        Files.copy(from, target);
      }
      copied.add(target.toString());
    }
    return String.join(File.pathSeparator, copied);
  }

  private static void worldReadable(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.toList()) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
  }
}
