package io.covington.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.covington.graph.MemoryTempDir;
import io.covington.server.RunningServer;
import io.covington.sources.Await;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults in a watched copy of the real graph-data, injected while a real server serves it. Each
 * ends with what a client sees (the old graph served byte for byte, or the complete new one, never
 * a half-read one) and what an operator sees ({@code /status}, the metrics, a log line naming the
 * input).
 */
class GraphDataFaultsTest {

  @TempDir(factory = MemoryTempDir.class) Path root;

  private LogCapture log;
  private WatchedGraphData watched;
  private String before;

  @BeforeEach
  void serve() throws Exception {
    log = new LogCapture();
    watched = WatchedGraphData.start(root);
    before = watched.stable416();
    // The real data: stable-4.16 has 161 releases, and many of its updates are conditional.
    assertThat(WatchedGraphData.nodes(before)).isEqualTo(161);
  }

  @AfterEach
  void stop() {
    watched.close();
    log.close();
  }

  @Test
  void blockedEdgesMovedOutOfTheTreeAreRefusedNotPublishedAsNoBlocks() throws Exception {
    Files.move(watched.dir.resolve("blocked-edges"), root.resolve("blocked-edges-away"));

    JsonNode status = watched.awaitFailing();

    assertThat(watched.stable416()).as("the graph served").isEqualTo(before);
    assertThat(watched.metrics()).containsPattern("covington_graph_reloads_total\\{outcome=\"rejected\",} [1-9]");
    JsonNode problem = status.get("lastError").get("problems").get(0);
    assertThat(problem.get("kind").asText()).isEqualTo("incomplete_tree");
    assertThat(problem.get("file").asText()).isEqualTo(watched.dir.resolve("blocked-edges").toString());
    assertThat(watched.metrics()).contains("covington_graph_reload_failing 1.0");
    assertThat(log.text()).contains("incomplete_tree").contains(watched.dir.resolve("blocked-edges").toString());
  }

  @Test
  void blockedEdgesReplacedByAFileAreRefused() throws Exception {
    Path blocked = watched.dir.resolve("blocked-edges");
    try (Stream<Path> files = Files.walk(blocked)) {
      files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    }
    Files.writeString(blocked, "oops\n");

    watched.awaitFailing();
    // A reload that read the tree while the 1,717 files were going away is refused too (a file
    // under blocked-edges "Not a directory"); the one of the settled tree names the final state.
    Await.until(WatchedGraphData.WITHIN, "the settled tree refused", () -> watched.status().get("lastError").get("problems").get(0)
        .get("message").asText().contains("blocked-edges is a file, not a directory"));

    assertThat(watched.stable416()).isEqualTo(before);
    assertThat(watched.status().get("failing").asBoolean()).isTrue();
  }

  @Test
  void aChannelFileRewrittenInPlaceIsNeverServedHalfWritten() throws Exception {
    Path channel = watched.dir.resolve("channels/stable-4.16.yaml");
    String full = Files.readString(channel);
    // The new content drops the last release; half of it would drop about 80.
    String changed = full.substring(0, full.stripTrailing().lastIndexOf('\n') + 1);
    Set<Integer> seen = ConcurrentHashMap.newKeySet();
    AtomicBoolean watching = new AtomicBoolean(true);
    Thread poller = new Thread(() -> {
      while (watching.get()) {
        try {
          seen.add(WatchedGraphData.nodes(watched.stable416()));
        } catch (Exception e) {
          seen.add(-1);
        }
      }
    });
    poller.start();
    try (OutputStream out = Files.newOutputStream(channel, StandardOpenOption.TRUNCATE_EXISTING)) {
      byte[] bytes = changed.getBytes(StandardCharsets.UTF_8);
      out.write(bytes, 0, bytes.length / 2);
      out.flush();
      // A writer that pauses mid-file, longer than the watch's debounce.
      Thread.sleep(WatchedGraphData.QUIET.toMillis() / 2);
      out.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
    }
    Await.until(WatchedGraphData.WITHIN, "the rewritten channel served",
        () -> WatchedGraphData.nodes(watched.stable416()) == 160);
    watching.set(false);
    poller.join();

    assertThat(seen).as("stable-4.16 release counts seen by clients").isSubsetOf(161, 160);
    assertThat(log.text()).contains("graph not read yet").contains("was modified");
  }

  @Test
  void aTreeCopiedInFileByFileIsNeverServedHalfCopied() throws Exception {
    Path channels = watched.dir.resolve("channels");
    Path saved = root.resolve("channels-saved");
    WatchedGraphData.copy(channels, saved);
    Set<Integer> seen = ConcurrentHashMap.newKeySet();
    AtomicBoolean watching = new AtomicBoolean(true);
    Thread poller = new Thread(() -> {
      while (watching.get()) {
        try {
          seen.add(WatchedGraphData.nodes(watched.stable416()));
        } catch (Exception e) {
          seen.add(-1);
        }
      }
    });
    poller.start();
    List<Path> files;
    try (Stream<Path> list = Files.list(saved)) {
      files = list.sorted().toList();
    }
    try (Stream<Path> list = Files.list(channels)) {
      for (Path p : list.toList()) {
        Files.delete(p);
      }
    }
    for (Path file : files) {
      Files.copy(file, channels.resolve(file.getFileName().toString()));
      Thread.sleep(20);
    }
    Thread.sleep(WatchedGraphData.QUIET.toMillis() * 3);
    watching.set(false);
    poller.join();

    assertThat(seen).containsOnly(161);
    assertThat(watched.stable416()).isEqualTo(before);
    assertThat(watched.status().get("failing").asBoolean()).as("the complete tree is the served one again").isFalse();
  }

  @Test
  void aFiftyMegabyteStringIsRefusedAtOnceAndLaterChangesAreStillRead() throws Exception {
    Path huge = watched.dir.resolve("blocked-edges/4.16.53-Huge.yaml");
    Files.writeString(huge, "to: 4.16.53\nfrom: 4\\.15\\..*\nmessage: " + "x".repeat(50 << 20) + "\n");

    JsonNode status = watched.awaitFailing();

    assertThat(watched.stable416()).isEqualTo(before);
    JsonNode problem = status.get("lastError").get("problems").get(0);
    assertThat(problem.get("kind").asText()).isEqualTo("file_too_large");
    assertThat(problem.get("file").asText()).isEqualTo(huge.toString());
    assertThat(log.text()).contains("file_too_large").contains(huge.toString());

    // The worker is not wedged: fixing the file and changing a channel are both picked up.
    Files.delete(huge);
    Path channel = watched.dir.resolve("channels/stable-4.16.yaml");
    String full = Files.readString(channel);
    Files.writeString(channel, full.substring(0, full.stripTrailing().lastIndexOf('\n') + 1));
    Await.until(WatchedGraphData.WITHIN, "the fixed tree served", () -> WatchedGraphData.nodes(watched.stable416()) == 160);
    assertThat(watched.status().get("failing").asBoolean()).isFalse();
  }

  @Test
  void aRiskNameDefinedTwoWaysIsPublishedAsTheReferenceServesIt() throws Exception {
    // An existing risk name with a slightly different message, as real graph-data often had.
    Path risk = watched.dir.resolve("blocked-edges/4.16.52-RuncShareProcessNamespace.yaml");
    Files.writeString(risk, """
        to: 4.16.52
        from: 4\\.16\\.51
        url: https://issues.redhat.com/browse/OCPBUGS-99999
        name: RuncShareProcessNamespace
        message: A slightly different text for the same risk.
        matchingRules:
        - type: Always
        """);
    String revision = watched.served();

    watched.awaitPublishedOtherThan(revision);

    assertThat(watched.status().get("failing").asBoolean()).isFalse();
    assertThat(watched.stable416()).as("the new risk reaches clusters").contains("{\"from\":\"4.16.51\",\"to\":\"4.16.52\"}");
  }

  @Test
  void aLinkOutOfTheTreeAndAPipeInItAreRefusedWithoutBeingRead() throws Exception {
    Path outside = Files.writeString(root.resolve("outside.yaml"), "to: 4.16.53\nfrom: .*\n");
    Path link = Files.createSymbolicLink(watched.dir.resolve("blocked-edges/4.16.53-link.yaml"), outside);
    Path pipe = watched.dir.resolve("blocked-edges/4.16.53-pipe.yaml");
    assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();

    JsonNode status = watched.awaitFailing();

    assertThat(watched.stable416()).isEqualTo(before);
    assertThat(status.get("lastError").get("problems").toString())
        .contains("symlink_outside").contains(link.toString())
        .contains("not_a_regular_file").contains(pipe.toString());
  }

  @Test
  void aReloadThatWouldReopenMostConditionalUpdatesIsHeldUntilAnOperatorAcceptsIt() throws Exception {
    // Every conditional block gone at once, the directory kept: valid data, but it would offer
    // thousands of conditional updates unconditionally.
    try (Stream<Path> files = Files.list(watched.dir.resolve("blocked-edges"))) {
      for (Path p : files.toList()) {
        if (Files.readString(p).contains("matchingRules")) {
          Files.delete(p);
        }
      }
    }

    JsonNode status = watched.awaitFailing();

    assertThat(watched.stable416()).as("the graph served while held").isEqualTo(before);
    assertThat(status.get("lastAttempt").get("outcome").asText()).isIn("held", "unchanged");
    JsonNode held = status.get("held");
    assertThat(held.get("reasons").get(0).asText()).contains("would offer unconditionally").contains("conditional updates");
    assertThat(watched.metrics()).contains("covington_graph_reload_held 1.0")
        .containsPattern("covington_graph_reloads_total\\{outcome=\"held\",} [1-9]");
    assertThat(log.text()).contains("is held back").contains("POST /accept?revision=");

    HttpResponse<String> accepted = RunningServer.send("POST", watched.server.status("/accept?revision="
        + URLEncoder.encode(held.get("revision").asText(), StandardCharsets.UTF_8)));
    assertThat(accepted.statusCode()).isEqualTo(202);
    Await.until(WatchedGraphData.WITHIN, "the accepted revision served",
        () -> watched.served().equals(held.get("revision").asText()));
    assertThat(watched.stable416()).doesNotContain("\"conditionalEdges\":[{");
    assertThat(watched.metrics()).contains("covington_graph_reload_held 0.0");
    assertThat(watched.status().get("held").isNull()).isTrue();
    assertThat(RunningServer.send("POST", watched.server.status("/accept?revision=nothing-held")).statusCode()).isEqualTo(404);
  }
}
