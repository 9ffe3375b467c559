package io.covington.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.bundled.BundledData;
import io.covington.graph.input.ParsedFiles;
import io.covington.server.RunningServer;
import io.covington.sources.Await;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parse cache ({@code --parse-cache}) damaged while the server was down: the next start must
 * serve exactly the graphs it served before, say in its log which cache it ignored and why, and
 * leave a good cache behind.
 */
class ParseCacheFaultsTest {

  private static final Duration WITHIN = Duration.ofSeconds(60);
  private static final List<String> CHANNELS = List.of("stable-4.16", "candidate-4.18", "fast-4.14", "eus-4.12");

  @TempDir Path dir;

  private static Map<String, String> graphs(ChildServer server) throws Exception {
    Await.until(WITHIN, "the server ready", () -> RunningServer.get(server.status("/readiness")).statusCode() == 200);
    Map<String, String> bodies = new LinkedHashMap<>();
    for (String channel : CHANNELS) {
      HttpResponse<String> r = RunningServer.get(server.api("/v1/graph?channel=" + channel + "&arch=amd64"));
      assertThat(r.statusCode()).as(channel).isEqualTo(200);
      bodies.put(channel, r.body());
    }
    return bodies;
  }

  @Test
  void aCorruptAndATruncatedCacheAreIgnoredNamedInTheLogAndRewritten() throws Exception {
    Path cache = dir.resolve("parsed");
    Map<String, String> cold;
    try (ChildServer server = ChildServer.start(List.of(), ChildServer.testClasspath(), "--parse-cache", cache.toString())) {
      cold = graphs(server);
      assertThat(server.log()).contains("bundled graph-data: 1797 file(s) parsed, 0 reused");
    }
    Path graphData = cache.resolve("graph-data-bundled.bin");
    Path releases = cache.resolve("releases-bundled.bin");
    assertThat(graphData).isRegularFile();
    assertThat(releases).isRegularFile();

    // One flipped bit in the graph-data cache, and the releases cache cut short, as a full disk leaves it.
    byte[] bytes = Files.readAllBytes(graphData);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(graphData, bytes);
    byte[] releaseBytes = Files.readAllBytes(releases);
    Files.write(releases, Arrays.copyOf(releaseBytes, releaseBytes.length / 2));

    try (ChildServer server = ChildServer.start(List.of(), ChildServer.testClasspath(), "--parse-cache", cache.toString())) {
      assertThat(graphs(server)).as("the graphs served on the damaged cache").isEqualTo(cold);
      String log = server.log();
      assertThat(log).contains("WARN").contains("parse cache " + graphData + " ignored")
          .contains("parse cache " + releases + " ignored").contains("does not match its content").contains("rewritten");
    }

    // Rewritten whole: a read through it parses nothing.
    ParsedFiles rewritten = ParsedFiles.stored(graphData);
    BundledData.graphData(rewritten);
    assertThat(rewritten.storeTrouble()).isFalse();
    assertThat(rewritten.parsed()).isZero();

    try (ChildServer server = ChildServer.start(List.of(), ChildServer.testClasspath(), "--parse-cache", cache.toString())) {
      assertThat(graphs(server)).as("the graphs served on the rewritten cache").isEqualTo(cold);
      assertThat(server.log()).doesNotContain("file(s) parsed, 0 reused").doesNotContain("ignored");
    }
  }
}
