package io.covington.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.server.RunningServer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code covington path --stream} and {@code explain --stream} on the bundled CoreOS streams: the
 * same answers as the CoreOS API's {@code /v1/path} and {@code /v1/explain} through a real server,
 * and one-line refusals naming the flag, stream, base architecture, version or unreadable data.
 */
class StreamPathCommandsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static RunningServer server;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void start() throws Exception {
    // The OpenShift API under /api/upgrades_info, CoreOS at the root, the bundled streams served.
    server = RunningServer.start("/api/upgrades_info");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private int run(String... args) {
    return CovingtonCommand.commandLine(new CovingtonCommand(), Map.of())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  private static String api(String pathAndQuery) throws Exception {
    HttpResponse<String> response =
        RunningServer.get(URI.create("http://127.0.0.1:" + server.server.apiPort() + pathAndQuery));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  @ParameterizedTest
  @CsvSource({
    "stable, x86_64, 43.20260217.3.1, , 0",
    "stable, aarch64, 43.20260217.3.1, , 0.6",
    "testing, x86_64, 43.20260413.2.1, , 0",
    "next, s390x, 43.20260218.1.2, 44.20260720.1.1, 1"
  })
  void pathWithJsonAnswersWhatTheApiAnswers(String stream, String basearch, String from, String to, String wariness)
      throws Exception {
    String query = "stream=" + stream + "&basearch=" + basearch + "&from=" + from + (to == null ? "" : "&to=" + to)
        + "&rollout_wariness=" + wariness;
    String expected = api("/v1/path?" + query);
    int exit = to == null
        ? run("path", "--stream", stream, "--basearch", basearch, "--from", from, "--rollout-wariness", wariness, "--json")
        : run("path", "--stream", stream, "--basearch", basearch, "--from", from, "--to", to, "--rollout-wariness", wariness,
            "--json");

    assertThat(err.toString()).isEmpty();
    assertThat(JSON.readTree(out.toString())).isEqualTo(JSON.readTree(expected));
    assertThat(exit).isEqualTo(JSON.readTree(expected).get("reachable").asBoolean() ? 0 : 1);
  }

  @Test
  void pathPrintsTheHopsThroughTheBarrier() {
    assertThat(run("path", "--stream", "stable", "--from", "43.20260217.3.1")).isZero();

    assertThat(out.toString()).isEqualTo(String.format(
        "stable x86_64: 43.20260217.3.1 -> 44.20260707.3.1: 2 hops%n"
            + "  #  FROM             TO%n"
            + "  1  43.20260217.3.1  43.20260413.3.2%n"
            + "  2  43.20260413.3.2  44.20260707.3.1%n"));
  }

  @Test
  void explainNamesTheBarrierAsTheApiDoes() throws Exception {
    String query = "stream=stable&basearch=x86_64&from=43.20260217.3.1&to=44.20260707.3.1";
    assertThat(run("explain", "--stream", "stable", "--from", "43.20260217.3.1", "--to", "44.20260707.3.1", "--json"))
        .isZero();
    assertThat(JSON.readTree(out.toString())).isEqualTo(JSON.readTree(api("/v1/explain?" + query)));

    out.getBuffer().setLength(0);
    assertThat(run("explain", "--stream", "stable", "--from", "43.20260217.3.1", "--to", "44.20260707.3.1")).isZero();
    assertThat(out.toString()).startsWith(String.format("stable x86_64: 43.20260217.3.1 -> 44.20260707.3.1 is not offered%n"
        + "  - 43.20260217.3.1 must first update to the barrier 43.20260413.3.2"));
  }

  @Test
  void aStreamsDirectoryIsReadAsTheServerReadsIt(@TempDir Path dir) throws Exception {
    Path stable = Files.createDirectories(dir.resolve("stable"));
    for (String file : new String[] {"releases.json", "updates.json"}) {
      try (InputStream in = StreamPathCommandsTest.class.getResourceAsStream("/io/covington/graph/bundled/coreos/stable/" + file)) {
        Files.copy(in, stable.resolve(file));
      }
    }

    assertThat(run("path", "--streams", dir.toString(), "--stream", "stable", "--from", "43.20260217.3.1")).isZero();
    assertThat(out.toString()).startsWith("stable x86_64: 43.20260217.3.1 -> 44.20260707.3.1: 2 hops");

    assertThat(run("path", "--streams", dir.toString(), "--stream", "testing", "--from", "1")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo(String.format(
        "covington path: unknown_stream: no stream testing in " + dir + "; the streams are stable%n"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "path --stream stable --basearch riscv64 --from 1|covington path: unknown_basearch: stream stable has no checksum graph"
        + " on riscv64; its base architectures are aarch64, ppc64le, s390x, x86_64",
    "explain --stream stable --from 1.2.3 --to 44.20260707.3.1|covington explain: unknown_version: from version 1.2.3 is"
        + " not a release of stream stable on x86_64 (checksum)",
    "path --stream stable --from 43.20260217.3.1 --rollout-wariness lots|covington path: invalid_query: --rollout-wariness"
        + " lots must be a number from 0.0 to 1.0",
    "path --stream stable --channel stable-4.16 --from 1|covington path: give --channel (OpenShift, OKD) or --stream"
        + " (CoreOS): not both",
    "path --from 4.16.1|covington path: give --channel (OpenShift, OKD) or --stream (CoreOS): neither",
    "path --stream stable --arch arm64 --from 1|covington path: --arch is for --channel; --stream takes --basearch and"
        + " --streams",
    "path --stream stable --accept-risks all --from 1|covington path: --accept-risks is for --channel; --stream takes"
        + " --basearch and --streams",
    "explain --channel stable-4.16 --basearch x86_64 --from 1 --to 2|covington explain: --basearch is for --stream;"
        + " --channel takes --arch",
    "path --channel stable-4.16 --from 4.15.20 --graph-data /no/such/graph-data|covington path: unreadable_data: the data"
        + " cannot be read (--graph-data, --releases): /no/such/graph-data: unreachable: graph-data directory"
        + " /no/such/graph-data does not exist",
    "explain --channel stable-4.16 --from 4.15.20 --to 4.16.1 --releases /no/such/releases.json|covington explain:"
        + " unreadable_data: the data cannot be read (--graph-data, --releases): /no/such/releases.json"
  })
  void aQueryThatCannotBeAnsweredIsOneLineAndExitStatusTwo(String args, String message) {
    assertThat(run(args.split(" "))).isEqualTo(2);

    assertThat(err.toString().lines().findFirst()).hasValueSatisfying(line -> assertThat(line).startsWith(message));
    assertThat(err.toString()).doesNotContain("\tat ");
    assertThat(err.toString().lines().count()).isLessThanOrEqualTo(2);
    assertThat(out.toString()).isEmpty();
  }
}
