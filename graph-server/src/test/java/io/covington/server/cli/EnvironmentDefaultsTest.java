package io.covington.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Configuration by environment variables, as a container image is configured. */
class EnvironmentDefaultsTest {

  private static CovingtonCommand parse(Map<String, String> environment, String... args) {
    CovingtonCommand main = new CovingtonCommand();
    CovingtonCommand.commandLine(main, environment).parseArgs(args);
    return main;
  }

  @Test
  void everyOptionButHelpAndVersionHasAVariableNamedAfterIt() {
    CommandLine commandLine = CovingtonCommand.commandLine(new CovingtonCommand(), Map.of());

    assertThat(commandLine.getCommandSpec().options().stream()
            .filter(o -> !o.usageHelp() && !o.versionHelp())
            .map(EnvironmentDefaults::variable))
        .contains("COVINGTON_PORT", "COVINGTON_STATUS_PORT", "COVINGTON_PATH_PREFIX", "COVINGTON_GRAPH_DATA",
            "COVINGTON_RELEASES", "COVINGTON_STRICT", "COVINGTON_BIND", "COVINGTON_SHUTDOWN_GRACE",
            "COVINGTON_SHUTDOWN_DELAY")
        .allMatch(name -> name.matches("COVINGTON_[A-Z0-9_]+"));
  }

  @Test
  void variablesSetOptionsTheCommandLineLeavesOut() {
    CovingtonCommand main = parse(Map.of(
        "COVINGTON_PORT", "8181", "COVINGTON_STATUS_PORT", "9191", "COVINGTON_PATH_PREFIX", "/graph",
        "COVINGTON_STRICT", "true", "COVINGTON_SHUTDOWN_GRACE", "7s", "COVINGTON_RELEASES", "/data/releases"));

    assertThat(main.port).isEqualTo(8181);
    assertThat(main.statusPort).isEqualTo(9191);
    assertThat(main.pathPrefix).isEqualTo("/graph");
    assertThat(main.strict).isTrue();
    assertThat(main.shutdownGrace).isEqualTo(Duration.ofSeconds(7));
    assertThat(main.releases).isEqualTo("/data/releases");
  }

  @Test
  void flagsWinOverVariables() {
    CovingtonCommand main = parse(Map.of("COVINGTON_PORT", "8181", "COVINGTON_SHUTDOWN_GRACE", "7s"),
        "--port", "8282", "--shutdown-grace", "500ms");

    assertThat(main.port).isEqualTo(8282);
    assertThat(main.shutdownGrace).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void unsetOrEmptyVariablesLeaveTheBuiltInDefaults() {
    CovingtonCommand main = parse(Map.of("COVINGTON_PORT", "", "OTHER_PORT", "1"));

    assertThat(main.port).isEqualTo(8080);
    assertThat(main.statusPort).isEqualTo(9080);
    assertThat(main.strict).isFalse();
    assertThat(main.shutdownGrace).isEqualTo(Duration.ofSeconds(20));
    assertThat(main.shutdownDelay).isZero();
  }

  @Test
  void aMalformedVariableIsReportedWithTheOption() {
    StringWriter err = new StringWriter();
    int exit = CovingtonCommand.commandLine(new CovingtonCommand(), Map.of("COVINGTON_SHUTDOWN_GRACE", "soon"))
        .setErr(new PrintWriter(err, true))
        .execute();

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--shutdown-grace").contains("soon");
  }

  @Test
  void theHelpNamesTheMapping() {
    StringWriter out = new StringWriter();
    CovingtonCommand.commandLine(new CovingtonCommand(), Map.of()).setOut(new PrintWriter(out, true)).execute("--help");

    assertThat(out.toString()).contains("COVINGTON_FOO_BAR").contains("--shutdown-grace=DURATION");
  }

  @Test
  void durationsAreReadTheKubernetesWayOrInIso() {
    DurationConverter converter = new DurationConverter();

    assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(converter.convert("20s")).isEqualTo(Duration.ofSeconds(20));
    assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(converter.convert("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void optionsAreMappedByTheirLongestName() {
    OptionSpec option = OptionSpec.builder("-p", "--status-port").type(int.class).build();

    assertThat(EnvironmentDefaults.variable(option)).isEqualTo("COVINGTON_STATUS_PORT");
  }
}
