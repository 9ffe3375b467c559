package io.covington.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.sources.TestInputs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --exit-when-ready}: the server starts, answers one request of each kind on loopback, and the command ends. */
class ExitWhenReadyTest {

  @TempDir Path dir;

  private int run(StringWriter err, String... args) {
    return CovingtonCommand.commandLine(new CovingtonCommand(), Map.of())
        .setOut(new PrintWriter(new StringWriter(), true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void answersEveryWarmUpRequestThenExitsZeroLeavingTheParseCache() {
    StringWriter err = new StringWriter();
    int code = run(err, "--exit-when-ready", "--bind", "127.0.0.1", "--port", "0", "--status-port", "0",
        "--parse-cache", dir.resolve("parsed").toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(err.toString()).contains("covington: ready; 14 of 14 warm-up requests answered");
    assertThat(dir.resolve("parsed/graph-data-bundled.bin")).isRegularFile();
    assertThat(dir.resolve("parsed/releases-bundled.bin")).isRegularFile();
  }

  @Test
  void exitsOneNamingTheRequestsNotAnswered() throws Exception {
    // Data without the releases the warm-up asks paths and plans from (an unknown channel is an empty graph, 200).
    TestInputs.Inputs inputs = TestInputs.write(dir);
    StringWriter err = new StringWriter();
    int code = run(err, "--exit-when-ready", "--bind", "127.0.0.1", "--port", "0", "--status-port", "0",
        "--graph-data", inputs.graphData().toString(), "--releases", inputs.releases().toString());

    assertThat(code).as(err.toString()).isEqualTo(1);
    assertThat(err.toString()).contains("warm-up request http://127.0.0.1:").contains("/v1/path?channel=stable-4.16&from=4.15.20 answered 404")
        .containsPattern("ready; \\d+ of 14 warm-up requests answered");
  }
}
