package io.covington.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.server.http.HttpLimits;
import io.covington.sources.TestInputs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as a user meets it: help, version, and refusing bad inputs. */
class MainTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new CommandLine(new CovingtonCommand())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void helpDocumentsEveryFlag() {
    assertThat(run("--help")).isZero();

    assertThat(out.toString().replaceAll("\\s+", " "))
        .contains("Usage: covington")
        .contains("--graph-data=DIR")
        .contains("--releases=PATH_OR_URL")
        .contains("--port=PORT")
        .contains("--status-port=PORT")
        .contains("--path-prefix=PREFIX")
        .contains("--strict")
        .contains("--bind=ADDRESS")
        .contains("--help")
        .contains("--version")
        .contains("default: 8080")
        .contains("default: 9080")
        .contains("default: /api/upgrades_info")
        .contains("default: 0.0.0.0")
        .contains("--graph-data-git=URL")
        .contains("--graph-data-branch=BRANCH")
        .contains("--graph-data-revision=REV")
        .contains("--graph-data-url=URL")
        .contains("--git-credentials=FILE")
        .contains("--cache-dir=DIR")
        .contains("--reload-interval=DURATION")
        .contains("default: 60s")
        .contains("validate");
  }

  @Test
  void rejectsAMalformedReloadInterval() {
    assertThat(run("--reload-interval", "soon")).isEqualTo(2);

    assertThat(err.toString()).contains("'soon' is not a duration");
  }

  @Test
  void rejectsTwoGraphDataSources(@TempDir Path dir) {
    assertThat(run("--graph-data", dir.toString(), "--graph-data-url", "https://example.com/g.tar.gz",
        "--port", "0", "--status-port", "0")).isEqualTo(2);

    assertThat(err.toString()).contains("give graph-data only once");
  }

  @Test
  void helpDocumentsTheRegistryFlags() {
    assertThat(run("--help")).isZero();

    assertThat(out.toString().replaceAll("\\s+", " "))
        .contains("--releases-registry=[http://]HOST[:PORT]/REPO")
        .contains("--graph-data-image=[http://]HOST[:PORT]/REPO:TAG")
        .contains("--registry-auth=FILE")
        .contains("--registry-ca=FILE")
        .contains("--registry-cache-dir=DIR")
        .contains("--registry-interval=DURATION")
        .contains("default: 5m")
        .contains("--registry-concurrency=N");
  }

  @Test
  void refusesAMalformedRegistryRepositoryOrInterval() {
    assertThat(run("--port", "0", "--status-port", "0", "--releases-registry", "no-repository")).isEqualTo(2);
    assertThat(err.toString()).contains("'no-repository'").contains("HOST[:PORT]/REPO");

    assertThat(run("--registry-interval", "soon")).isEqualTo(2);
    assertThat(err.toString()).contains("'soon' is not a duration");
  }

  @Test
  void printsItsVersion() {
    assertThat(run("--version")).isZero();

    assertThat(out.toString()).startsWith("covington ");
  }

  @Test
  void rejectsAMalformedFlag() {
    assertThat(run("--port", "eighty")).isEqualTo(2);

    assertThat(err.toString()).contains("--port");
  }

  @Test
  void strictWithFailFastRefusesInputsWithAProblemAndNamesTheFile(@TempDir Path dir) throws Exception {
    TestInputs.Inputs inputs = TestInputs.write(dir);
    Files.writeString(inputs.graphData().resolve("channels/broken.yaml"), "name: [unclosed\n");

    int exit =
        run("--strict", "--fail-fast", "--port", "0", "--status-port", "0", "--bind", "127.0.0.1",
            "--releases", inputs.releases().toString(), "--graph-data", inputs.graphData().toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("(--strict)").contains("broken.yaml");
  }

  @Test
  void withFailFastUnreadableReleasesFailTheStartNamingThePath(@TempDir Path dir) {
    Path missing = dir.resolve("no-such-releases.json");

    int exit = run("--fail-fast", "--port", "0", "--status-port", "0", "--bind", "127.0.0.1", "--releases", missing.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("no-such-releases.json");
  }

  @Test
  void refusesValuesThatUsedToBeClampedNamingTheFlag() {
    assertThat(run("--cache-size", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--cache-size must be 1 to");

    assertThat(run("--event-loops", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--event-loops must be at least 1, got 0");

    assertThat(run("--streams-interval", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--streams-interval must be longer than zero");

    assertThat(run("--port", "70000")).isEqualTo(2);
    assertThat(err.toString()).contains("--port must be 0 to 65535, got 70000");
  }

  @Test
  void theStreamsIntervalIsADurationAndABareNumberIsSeconds() {
    CovingtonCommand command = new CovingtonCommand();
    new CommandLine(command).parseArgs("--streams-interval", "90");
    assertThat(command.validate().streamsInterval()).isEqualTo(Duration.ofSeconds(90));

    new CommandLine(command).parseArgs("--streams-interval", "2m");
    assertThat(command.validate().streamsInterval()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void theHttpEdgeFlagsBecomeTheServersLimits() {
    CovingtonCommand command = new CovingtonCommand();
    new CommandLine(command).parseArgs("--header-timeout", "5s", "--idle-timeout", "1m", "--write-timeout", "15",
        "--max-connections", "100", "--max-requests-in-flight", "64", "--max-queued-mib", "8",
        "--socket-send-buffer", "256");
    HttpLimits limits = command.validate().server().limits();
    assertThat(limits).isEqualTo(new HttpLimits(Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofSeconds(15),
        100, 64, 8L << 20, 256 << 10));

    CovingtonCommand defaults = new CovingtonCommand();
    new CommandLine(defaults).parseArgs();
    assertThat(defaults.validate().server().limits().maxConnections()).isEqualTo(HttpLimits.automaticMaxConnections());
  }

  @Test
  void refusesEdgeLimitsOutOfRangeNamingTheFlag() {
    assertThat(run("--header-timeout", "0s")).isEqualTo(2);
    assertThat(err.toString()).contains("--header-timeout must be longer than zero");

    assertThat(run("--max-connections", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--max-connections must be 1 to");

    assertThat(run("--max-connections", "100000000")).isEqualTo(2);
    assertThat(err.toString()).contains("the file-descriptor limit less 512");

    assertThat(run("--max-requests-in-flight", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--max-requests-in-flight must be at least 1");

    assertThat(run("--max-queued-mib", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--max-queued-mib must be 1 to");

    assertThat(run("--socket-send-buffer", "-1")).isEqualTo(2);
    assertThat(err.toString()).contains("--socket-send-buffer must be 0");
  }
}
