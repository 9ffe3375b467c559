package io.covington.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.server.ListenFailure;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The errors a new user meets first, as the command prints them: one line naming the port or flags
 * and what to do, a non-zero exit, no stack trace. Start-up failures run the real {@code Main} in a
 * process of its own.
 */
class FirstErrorsTest {

  /** What a process printed and how it ended. */
  private record Exit(int code, String output) {}

  private static Exit main(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath(), "io.covington.server.Main"));
    command.addAll(List.of(args));
    Path log = Files.createTempFile("covington-first-errors", ".log");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      process.getOutputStream().close();
      boolean ended = process.waitFor(90, TimeUnit.SECONDS);
      if (!ended) {
        process.destroyForcibly().waitFor();
      }
      String output = Files.readString(log);
      if (!ended) {
        throw new AssertionError("covington did not exit:\n" + output);
      }
      return new Exit(process.exitValue(), output);
    } finally {
      Files.delete(log);
    }
  }

  private static String classpath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }

  private static ServerSocket taken() throws IOException {
    return new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
  }

  @Test
  void aBusyApiPortNamesTheAddressAndTheFlagAndExitsWithOne() throws Exception {
    try (ServerSocket busy = taken()) {
      Exit exit = main("--bind", "127.0.0.1", "--port", Integer.toString(busy.getLocalPort()), "--status-port", "0");

      assertThat(exit.code()).isEqualTo(1);
      assertThat(exit.output()).contains("covington: cannot listen on 127.0.0.1:" + busy.getLocalPort()
          + " (the API port): address already in use; stop the other process or pass another --port (0 picks a free port)");
      assertThat(exit.output()).doesNotContain("BindException").doesNotContain("\tat ");
    }
  }

  @Test
  void aBusyStatusPortNamesItsOwnFlag() throws Exception {
    try (ServerSocket busy = taken()) {
      Exit exit = main("--bind", "127.0.0.1", "--port", "0", "--status-port", Integer.toString(busy.getLocalPort()));

      assertThat(exit.code()).isEqualTo(1);
      assertThat(exit.output()).contains("covington: cannot listen on 127.0.0.1:" + busy.getLocalPort()
          + " (the status port): address already in use; stop the other process or pass another --status-port");
      assertThat(exit.output()).doesNotContain("\tat ");
    }
  }

  /** The operating system's words for the other refusals, as Vert.x passes them on (not reproducible as root here). */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "API|Cannot assign requested address|cannot listen on 203.0.113.7:8080 (the API port): the address is not one of this"
        + " machine's; pass --bind with an address of this machine (0.0.0.0 for all)",
    "STATUS|Permission denied|cannot listen on 203.0.113.7:8080 (the status port): permission denied (ports below 1024"
        + " need privileges); pass a --status-port of 1024 or more, or run with the privilege to bind low ports",
    "API|Protocol family unavailable|cannot listen on 203.0.113.7:8080 (the API port): cannot bind: Protocol family"
        + " unavailable; check --bind and --port"
  })
  void everyRefusalToListenSaysWhatToDo(ListenFailure.Port which, String osMessage, String expected) {
    ListenFailure failure = new ListenFailure(which, "203.0.113.7", 8080, new BindException(osMessage));

    assertThat(failure.getMessage() + "; " + CovingtonCommand.whatToDo(failure)).isEqualTo(expected);
  }

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return CovingtonCommand.commandLine(new CovingtonCommand(), Map.of())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void theSamePortForTheApiAndTheStatusIsAUsageErrorInsteadOfOneSharedPort() {
    assertThat(run("--port", "18321", "--status-port", "18321")).isEqualTo(2);

    assertThat(err.toString()).isEqualTo(String.format(
        "covington: --port and --status-port are both 18321: give the status port another one%n"
            + "Run 'covington --help' for every flag.%n"));
  }

  @Test
  void equalPathPrefixesAreOneLineNamingBothFlagsNotTheWholeHelp() {
    assertThat(run("--path-prefix", "/updates", "--coreos-path-prefix", "/updates/", "--port", "0")).isEqualTo(2);

    assertThat(err.toString()).isEqualTo(String.format(
        "covington: --path-prefix, --coreos-path-prefix: the OpenShift and CoreOS APIs would both answer"
            + " /updates/v1/graph; give them different path prefixes%n"
            + "Run 'covington --help' for every flag.%n"));
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aMistypedFlagSuggestsTheRightOneInAFewLines() {
    assertThat(run("--status-prot", "9090")).isEqualTo(2);

    assertThat(err.toString()).startsWith("covington: Unknown options: '--status-prot', '9090'")
        .contains("--status-port").endsWith(String.format("Run 'covington --help' for every flag.%n"));
    assertThat(err.toString().lines().count()).isLessThan(6);
  }

  @Test
  void theHelpFormatsEveryShareFlag() {
    assertThat(run("--help")).isZero();

    assertThat(out.toString().replaceAll("\\s+", " ")).contains("(default: 25%; 100% never holds)");
  }
}
