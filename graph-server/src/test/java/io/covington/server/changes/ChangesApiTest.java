package io.covington.server.changes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import io.covington.graph.MemoryTempDir;
import io.covington.server.RunningServer;
import io.covington.server.openshift.OpenShiftApi;
import io.covington.sources.Await;
import io.covington.sources.OpenShiftLoader;
import io.covington.sources.ReleasesSource;
import io.covington.sources.TestInputs;
import io.covington.sources.git.GitCredentials;
import io.covington.sources.git.GitFixture;
import io.covington.sources.git.GitSource;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real graph-data commits in a real git repository, followed by a real server: {@code /v1/changes}
 * and the Atom feed list exactly what each commit changed, with the file that caused it, and again
 * after a restart on the same history directory; a corrupt history line is skipped and reported.
 */
class ChangesApiTest {

  private static final Duration INTERVAL = Duration.ofMillis(300);
  private static final Duration WITHIN = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir(factory = MemoryTempDir.class) Path dir;

  /** One change, as compared: arch, channel, kind, releases or updates, risk, files. */
  private static String change(JsonNode c) {
    List<String> what = new ArrayList<>();
    c.path("releases").forEach(r -> what.add(r.asText()));
    c.path("updates").forEach(u -> what.add(u.path("from").asText() + "->" + u.path("to").asText()));
    List<String> files = new ArrayList<>();
    c.path("files").forEach(f -> files.add(f.asText()));
    return String.join(" ", c.path("arch").asText(), c.path("channel").asText(), c.path("kind").asText(), String.join(",", what),
        c.path("risk").asText("-"), String.join(",", files));
  }

  private static List<List<String>> publications(JsonNode body) {
    List<List<String>> result = new ArrayList<>();
    body.path("publications").forEach(p -> {
      List<String> changes = new ArrayList<>();
      p.path("changes").forEach(c -> changes.add(change(c)));
      result.add(changes);
    });
    return result;
  }

  private static JsonNode changes(RunningServer server, String query) throws Exception {
    HttpResponse<String> response = RunningServer.get(server.api("/v1/changes" + query));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    return JSON.readTree(response.body());
  }

  private static String revision(RunningServer server) throws Exception {
    return RunningServer.get(server.api("/v1/graph?channel=fast-4.16")).headers().firstValue(OpenShiftApi.REVISION_HEADER).orElseThrow();
  }

  private static void follow(RunningServer server, GitFixture repo, TestInputs.Inputs inputs, Path cache) throws Exception {
    OpenShiftLoader live = new OpenShiftLoader(new ReleasesSource(Optional.of(inputs.releases().toString())),
        new GitSource(repo.fileUrl(), "master", Optional.empty(), cache, GitCredentials.none()));
    // As Covington wires it: the first publication is diffed through the earlier commits.
    server.server.changes().backfillFrom(live::earlierInputs);
    server.reloader(live, false, Optional.of(INTERVAL)).start().get(30, TimeUnit.SECONDS);
  }

  private static void commitAndAwait(RunningServer server, GitFixture repo, String message, int publications) throws Exception {
    String commit = repo.commitAll(message);
    Await.until(WITHIN, "commit " + commit + " served", () -> revision(server).endsWith("/" + commit));
    Await.until(WITHIN, publications + " publications recorded",
        () -> changes(server, "").path("publications").size() == publications);
  }

  @Test
  void eachCommitsChangesAreListedWithTheirFilesAlsoAfterARestart() throws Exception {
    TestInputs.Inputs inputs = TestInputs.write(dir);
    Path history = dir.resolve("history");
    List<List<String>> expected = List.of(
        List.of("amd64 stable-4.16 updates_removed 4.15.1->4.16.0 - blocked-edges/4.16.0-from-4.15.1.yaml"),
        List.of("amd64 fast-4.16 risk_added 4.16.0->4.16.1 SecondRisk blocked-edges/4.16.1-SecondRisk.yaml",
            "amd64 stable-4.16 risk_added 4.16.0->4.16.1 SecondRisk blocked-edges/4.16.1-SecondRisk.yaml",
            "arm64 fast-4.16 risk_added 4.16.0->4.16.1 SecondRisk blocked-edges/4.16.1-SecondRisk.yaml",
            "arm64 stable-4.16 risk_added 4.16.0->4.16.1 SecondRisk blocked-edges/4.16.1-SecondRisk.yaml"),
        List.of("amd64 fast-4.16 releases_added 4.15.1 - channels/fast-4.16.yaml"));
    try (GitFixture repo = GitFixture.create(dir.resolve("git"))) {
      TestInputs.copyTree(inputs.graphData(), repo.work);
      repo.commitAll("Add the test graph-data");
      try (RunningServer server = RunningServer.start(OpenShiftApi.DEFAULT_PREFIX, Optional.of(history))) {
        follow(server, repo, inputs, dir.resolve("cache"));
        assertThat(changes(server, "").path("publications")).as("the first graph is the baseline").isEmpty();

        Files.writeString(repo.work.resolve("blocked-edges/4.16.0-from-4.15.1.yaml"), "to: 4.16.0\nfrom: 4[.]15[.]1\n");
        commitAndAwait(server, repo, "Block 4.15.1 -> 4.16.0", 1);
        Files.writeString(repo.work.resolve("blocked-edges/4.16.1-SecondRisk.yaml"), """
            to: 4.16.1
            from: 4[.]16[.]0
            url: https://issues.example.com/browse/OCPBUGS-2
            name: SecondRisk
            message: A second issue on the already conditional update.
            matchingRules:
            - type: Always
            """);
        commitAndAwait(server, repo, "Add SecondRisk to 4.16.0 -> 4.16.1", 2);
        Files.writeString(repo.work.resolve("channels/fast-4.16.yaml"), "name: fast-4.16\nversions:\n- 4.15.1\n- 4.16.0\n- 4.16.1\n");
        commitAndAwait(server, repo, "Promote 4.15.1 to fast-4.16", 3);

        JsonNode all = changes(server, "");
        assertThat(publications(all)).isEqualTo(expected);
        assertThat(all.path("problems")).isEmpty();
        assertThat(all.at("/publications/1/changes/0/description").asText())
            .isEqualTo("fast-4.16 amd64: risk SecondRisk added to 4.16.0 → 4.16.1 (blocked-edges/4.16.1-SecondRisk.yaml)");
        assertThat(publications(changes(server, "?channel=fast-4.16&since=1")))
            .isEqualTo(List.of(List.of(expected.get(1).get(0), expected.get(1).get(2)), expected.get(2)));
        assertThat(publications(changes(server, "?channel=stable-4.16&arch=amd64")))
            .isEqualTo(List.of(expected.get(0), expected.get(1).subList(1, 2)));
        assertFeed(server);
      }

      // A restart on the same directory serves the same history, and a new commit continues it.
      try (RunningServer server = RunningServer.start(OpenShiftApi.DEFAULT_PREFIX, Optional.of(history))) {
        follow(server, repo, inputs, dir.resolve("cache2"));
        assertThat(publications(changes(server, ""))).isEqualTo(expected);
        assertFeed(server);
        Files.delete(repo.work.resolve("blocked-edges/4.16.1-SecondRisk.yaml"));
        commitAndAwait(server, repo, "Drop SecondRisk", 4);
        JsonNode all = changes(server, "?since=3");
        assertThat(all.at("/publications/0/sequence").asInt()).isEqualTo(4);
        assertThat(all.at("/publications/0/changes/0/kind").asText()).isEqualTo("risk_removed");
      }
    }
  }

  @Test
  void atStartTheEarlierCommitsAreBackFilledAndARestartListsWhatChangedWhileDown() throws Exception {
    TestInputs.Inputs inputs = TestInputs.write(dir);
    Path history = dir.resolve("history");
    try (GitFixture repo = GitFixture.create(dir.resolve("git"))) {
      TestInputs.copyTree(inputs.graphData(), repo.work);
      repo.commitAll("Add the test graph-data");
      Files.writeString(repo.work.resolve("blocked-edges/4.16.0-from-4.15.1.yaml"), "to: 4.16.0\nfrom: 4[.]15[.]1\n");
      repo.commitAll("Block 4.15.1 -> 4.16.0");
      // A broken commit was never served: the history goes across it.
      Files.writeString(repo.work.resolve("channels/fast-4.16.yaml"), "name: fast-4.16\nversions: [4.16.0\n");
      repo.commitAll("Break fast-4.16");
      Files.writeString(repo.work.resolve("channels/fast-4.16.yaml"), "name: fast-4.16\nversions:\n- 4.15.1\n- 4.16.0\n- 4.16.1\n");
      String served = repo.commitAll("Fix fast-4.16 and promote 4.15.1");
      try (RunningServer server = RunningServer.start(OpenShiftApi.DEFAULT_PREFIX, Optional.of(history))) {
        follow(server, repo, inputs, dir.resolve("cache"));
        assertThat(revision(server)).endsWith("/" + served);
        Await.until(WITHIN, "two commits back-filled", () -> changes(server, "").path("publications").size() == 2);
        assertThat(publications(changes(server, ""))).containsExactly(
            List.of("amd64 stable-4.16 updates_removed 4.15.1->4.16.0 - blocked-edges/4.16.0-from-4.15.1.yaml"),
            List.of("amd64 fast-4.16 releases_added 4.15.1 - channels/fast-4.16.yaml"));
        assertThat(changes(server, "").at("/publications/1/revision").asText()).endsWith("/" + served);
      }
      // While the server is down, a risk is added; the restart lists it, and nothing twice.
      Files.writeString(repo.work.resolve("blocked-edges/4.16.1-SecondRisk.yaml"),
          "to: 4.16.1\nfrom: 4[.]16[.]0\nurl: https://issues.example.com/2\nname: SecondRisk\nmessage: Again.\nmatchingRules:\n- type: Always\n");
      String down = repo.commitAll("Add SecondRisk while the server is down");
      try (RunningServer server = RunningServer.start(OpenShiftApi.DEFAULT_PREFIX, Optional.of(history))) {
        follow(server, repo, inputs, dir.resolve("cache2"));
        Await.until(WITHIN, "the change made while down", () -> changes(server, "").path("publications").size() == 3);
        JsonNode all = changes(server, "");
        assertThat(all.at("/publications/2/revision").asText()).endsWith("/" + down);
        assertThat(all.at("/publications/2/sequence").asInt()).isEqualTo(3);
        assertThat(publications(all).get(2)).hasSize(4).allSatisfy(c -> assertThat(c).contains("risk_added", "SecondRisk"));
      }
    }
  }

  private static void assertFeed(RunningServer server) throws Exception {
    HttpResponse<String> response = RunningServer.get(server.api("/v1/changes.atom?channel=fast-4.16"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/atom+xml");
    SyndFeed feed = new SyndFeedInput().build(new StringReader(response.body()));
    assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
    assertThat(feed.getUri()).endsWith("/v1/changes.atom?channel=fast-4.16");
    assertThat(feed.getTitle()).isEqualTo("Covington: changes of fast-4.16");
    List<SyndEntry> entries = feed.getEntries();
    assertThat(entries).extracting(SyndEntry::getTitle).containsExactly(
        "fast-4.16 amd64: added 4.15.1 (channels/fast-4.16.yaml)",
        "fast-4.16 amd64: risk SecondRisk added to 4.16.0 → 4.16.1 (blocked-edges/4.16.1-SecondRisk.yaml) (+1 more)");
    assertThat(entries).allSatisfy(e -> {
      assertThat(e.getUri()).contains("sequence=");
      assertThat(e.getUpdatedDate()).isNotNull();
    });
    assertThat(entries.get(0).getContents().get(0).getValue()).contains("- fast-4.16 amd64: added 4.15.1");
    assertThat(entries.get(1).getContents().get(0).getValue()).contains("- fast-4.16 arm64: risk SecondRisk added to");
  }

  @Test
  void aCorruptHistoryLineIsSkippedAndReportedAndTheGraphIsServed() throws Exception {
    Path history = dir.resolve("history");
    Files.createDirectories(history);
    String good = "{\"sequence\":7,\"at\":\"2026-01-02T03:04:05Z\",\"baseRevision\":\"a/b\",\"revision\":\"a/c\",\"changes\":"
        + "[{\"arch\":\"amd64\",\"channel\":\"stable-4.16\",\"kind\":\"releases_added\",\"releases\":[\"4.16.9\"],"
        + "\"files\":[\"channels/stable-4.16.yaml\"]}]}\n";
    Files.writeString(history.resolve(ChangeLog.FILE), "not json at all\n" + good + "{\"sequence\":8}\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE);
    TestInputs.Inputs inputs = TestInputs.write(dir);
    try (RunningServer server = RunningServer.start(OpenShiftApi.DEFAULT_PREFIX, Optional.of(history))) {
      RunningServer.await(server.load(OpenShiftLoader.of(Optional.of(inputs.releases().toString()),
          Optional.of(inputs.graphData())), false));
      JsonNode body = changes(server, "");
      assertThat(publications(body)).containsExactly(List.of("amd64 stable-4.16 releases_added 4.16.9 - channels/stable-4.16.yaml"));
      List<String> problems = new ArrayList<>();
      body.path("problems").forEach(p -> problems.add(p.asText()));
      assertThat(problems).hasSize(2);
      assertThat(problems.get(0)).contains(ChangeLog.FILE + ":1: skipped");
      assertThat(problems.get(1)).contains(ChangeLog.FILE + ":3: skipped", "missing field at");
      assertThat(RunningServer.get(server.api("/v1/graph?channel=stable-4.16")).statusCode()).isEqualTo(200);
      // The status document and the metrics say it too.
      JsonNode status = JSON.readTree(RunningServer.get(server.status("/status")).body());
      assertThat(status.at("/changeHistory/problems")).hasSize(2);
      assertThat(status.at("/changeHistory/problems/0").asText()).contains(ChangeLog.FILE + ":1: skipped");
      assertThat(RunningServer.get(server.status("/metrics")).body()).contains("covington_change_history_problems 2.0");
      // The file was rewritten without the bad lines.
      assertThat(Files.readAllLines(history.resolve(ChangeLog.FILE))).hasSize(1);
      HttpResponse<String> bad = RunningServer.get(server.api("/v1/changes?since=yesterday"));
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(bad.body()).path("value").asText()).contains("since must be");
    }
  }

  @Test
  void anUnwritableHistoryKeepsTheChangesInMemoryAndSaysWhy() throws Exception {
    Path history = dir.resolve("not-a-directory");
    Files.writeString(history, "a file where the history directory should be\n");
    TestInputs.Inputs inputs = TestInputs.write(dir);
    OpenShiftLoader loader = OpenShiftLoader.of(Optional.of(inputs.releases().toString()), Optional.of(inputs.graphData()));
    try (RunningServer server = RunningServer.start(OpenShiftApi.DEFAULT_PREFIX, Optional.of(history))) {
      RunningServer.await(server.load(loader, false));
      Files.writeString(inputs.graphData().resolve("channels/fast-4.16.yaml"), "name: fast-4.16\nversions:\n- 4.16.0\n");
      RunningServer.await(server.load(loader, false));
      Await.until(WITHIN, "the change recorded", () -> changes(server, "").path("publications").size() == 1);
      JsonNode body = changes(server, "");
      assertThat(publications(body)).containsExactly(List.of("amd64 fast-4.16 releases_removed 4.16.1 - channels/fast-4.16.yaml",
          "amd64 fast-4.16 updates_removed 4.16.0->4.16.1 - channels/fast-4.16.yaml",
          "arm64 fast-4.16 releases_removed 4.16.1 - channels/fast-4.16.yaml",
          "arm64 fast-4.16 updates_removed 4.16.0->4.16.1 - channels/fast-4.16.yaml"));
      assertThat(body.at("/problems/0").asText()).contains(ChangeLog.FILE + ": cannot be read", "Not a directory");
      assertThat(body.at("/problems/1").asText()).contains("cannot append publication 1", "kept in memory only");
      assertThat(JSON.readTree(RunningServer.get(server.status("/status")).body()).at("/changeHistory/problems/1").asText())
          .contains("cannot append publication 1");
      assertThat(RunningServer.get(server.status("/metrics")).body()).contains("covington_change_history_problems 2.0");
      assertThat(Files.readString(history)).startsWith("a file where");
    }
  }
}
