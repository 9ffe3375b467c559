package io.covington.graph.coreos;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.graph.input.LoadProblem;
import io.covington.graph.input.Problems;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CoreOsReadersTest {

  private static LoadProblem onlyProblemOfIndex(String json) {
    Problems problems = new Problems();
    Optional<ReleaseIndex> index = ReleaseIndexReader.read("dir/stable/releases.json", json, problems);
    assertThat(index).isEmpty();
    assertThat(problems.list()).hasSize(1);
    LoadProblem problem = problems.list().get(0);
    assertThat(problem.source()).isEqualTo("dir/stable/releases.json");
    return problem;
  }

  private static LoadProblem onlyProblemOfUpdates(String json) {
    Problems problems = new Problems();
    assertThat(UpdatesReader.read("dir/stable/updates.json", json, problems)).isEmpty();
    assertThat(problems.list()).hasSize(1);
    LoadProblem problem = problems.list().get(0);
    assertThat(problem.source()).isEqualTo("dir/stable/updates.json");
    return problem;
  }

  @Test
  void readsTheReleaseIndexLayoutIgnoringUnknownKeys() {
    String json =
        """
        {"note": "internal", "stream": "testing", "metadata": {"last-modified": "2019-09-06T15:56:00Z"},
         "releases": [
          {"commits": [{"architecture": "x86_64", "checksum": "a9c8"}, {"architecture": "aarch64", "checksum": ""}],
           "version": "30.20190801.0",
           "metadata": "https://builds.coreos.fedoraproject.org/prod/streams/testing/builds/30.20190801.0/release.json"}
         ]}
        """;
    Problems problems = new Problems();

    ReleaseIndex index = ReleaseIndexReader.read("releases.json", json, problems).orElseThrow();

    assertThat(problems.list()).isEmpty();
    assertThat(index.stream()).isEqualTo("testing");
    assertThat(index.releases()).hasSize(1);
    IndexedRelease release = index.releases().get(0);
    assertThat(release.version()).isEqualTo("30.20190801.0");
    assertThat(release.commits()).containsOnlyKeys("x86_64"); // the empty checksum is skipped
    assertThat(release.ociImages()).isEmpty();
    assertThat(index.basearches()).containsExactly("x86_64");
  }

  @Test
  void reportsBrokenJsonWithItsLine() {
    LoadProblem problem = onlyProblemOfIndex("{\"stream\": \"stable\",\n\"releases\": [\n  {\"version\": \"1\",,}\n]}");

    assertThat(problem.kind()).isEqualTo("invalid_json");
    assertThat(problem.line()).isEqualTo(OptionalInt.of(3));
  }

  @Test
  void reportsAMissingVersionWithItsPathAndLine() {
    LoadProblem problem =
        onlyProblemOfIndex(
            """
            {"stream": "stable",
             "releases": [
               {"version": "1", "metadata": "u", "commits": []},
               {"metadata": "u", "commits": []}
             ]}
            """);

    assertThat(problem.kind()).isEqualTo("invalid_release_index");
    assertThat(problem.line()).isEqualTo(OptionalInt.of(4));
    assertThat(problem.message()).contains("releases[1]").contains("`version`");
  }

  @Test
  void reportsAWrongTypeWithItsLine() {
    LoadProblem problem =
        onlyProblemOfIndex(
            """
            {"stream": "stable",
             "releases": [
               {"version": 42, "metadata": "u", "commits": []}
             ]}
            """);

    assertThat(problem.line()).isEqualTo(OptionalInt.of(3));
    assertThat(problem.message()).isEqualTo("at releases[0].version: expected a string, found an integer");
  }

  @Test
  void rejectsDuplicateVersionsDuplicateKeysAndBadDigests() {
    assertThat(
            onlyProblemOfIndex(
                    """
                    {"stream": "s", "releases": [
                      {"version": "1", "metadata": "u", "commits": []},
                      {"version": "1", "metadata": "u", "commits": []}]}
                    """)
                .message())
        .contains("appears twice");
    assertThat(onlyProblemOfIndex("{\"stream\": \"s\", \"stream\": \"t\", \"releases\": []}").message())
        .contains("Duplicate field 'stream'");
    assertThat(
            onlyProblemOfIndex(
                    """
                    {"stream": "s", "releases": [
                      {"version": "1", "metadata": "u", "commits": [],
                       "oci-images": [{"architecture": "x86_64", "image": "quay.io/x", "digest-ref": "quay.io/x:latest"}]}]}
                    """)
                .message())
        .contains("digest-ref");
    assertThat(onlyProblemOfIndex("null").message()).contains("null");
    assertThat(onlyProblemOfIndex("{\"stream\": \"s\", \"releases\": []} trailing").kind()).isNotEmpty();
  }

  @Test
  void readsTheUpdatesMetadataLayout() {
    String json =
        """
        {"stream": "next", "metadata": {"last-modified": "2026-07-21T14:07:14Z"}, "releases": [
          {"version": "1", "metadata": {"barrier": {"reason": "r"}}},
          {"version": "2", "metadata": {"deadend": {"reason": ""}}},
          {"version": "3", "metadata": {"rollout": {"start_percentage": 1.0}}},
          {"version": "4", "metadata": {}}
        ]}
        """;
    Problems problems = new Problems();

    UpdatesMetadata updates = UpdatesReader.read("updates.json", json, problems).orElseThrow();

    assertThat(problems.list()).isEmpty();
    assertThat(updates.stream()).isEqualTo("next");
    assertThat(updates.forVersion("1").barrierReason()).hasValue("r");
    assertThat(updates.forVersion("2").deadendReason()).hasValue("");
    assertThat(updates.forVersion("3").rollout().orElseThrow().startPercentage()).hasValue(1.0);
    assertThat(updates.forVersion("4")).isEqualTo(UpdateDirectives.none());
    assertThat(updates.forVersion("unknown")).isEqualTo(UpdateDirectives.none());
  }

  @Test
  void reportsBadRolloutsWithTheirLine() {
    LoadProblem percentage =
        onlyProblemOfUpdates(
            """
            {"stream": "s", "releases": [
              {"version": "1", "metadata": {
                "rollout": {"start_percentage": 1.5}}}
            ]}
            """);
    assertThat(percentage.kind()).isEqualTo("invalid_updates");
    assertThat(percentage.line()).isEqualTo(OptionalInt.of(3));
    assertThat(percentage.message()).contains("start_percentage").contains("1.5");

    LoadProblem stringEpoch =
        onlyProblemOfUpdates(
            """
            {"stream": "s", "releases": [
              {"version": "1", "metadata": {"rollout": {"start_epoch": "1784728800"}}}
            ]}
            """);
    assertThat(stringEpoch.line()).isEqualTo(OptionalInt.of(2));
    assertThat(stringEpoch.message())
        .isEqualTo("at releases[0].metadata.rollout.start_epoch: expected an integer, found a string");

    assertThat(
            onlyProblemOfUpdates(
                    "{\"stream\": \"s\", \"releases\": [{\"version\": \"1\", \"metadata\": {\"rollout\": {\"duration_minutes\": -1}}}]}")
                .message())
        .contains("duration_minutes");
    assertThat(
            onlyProblemOfUpdates(
                    "{\"stream\": \"s\", \"releases\": [{\"version\": \"1\", \"metadata\": {\"barrier\": {}}}]}")
                .message())
        .contains("reason");
    assertThat(
            onlyProblemOfUpdates(
                    """
                    {"stream": "s", "releases": [
                      {"version": "1", "metadata": {}}, {"version": "1", "metadata": {}}]}
                    """)
                .message())
        .contains("appears twice");
  }

  @Test
  void readsFromAStreamAndClosesIt() {
    Problems problems = new Problems();
    var in = new ByteArrayInputStream("{\"stream\": \"s\", \"releases\": []}".getBytes(StandardCharsets.UTF_8));

    assertThat(UpdatesReader.read("u", in, problems)).isPresent();
    assertThat(problems.list()).isEqualTo(List.of());
  }
}
