package io.covington.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.covington.loadtest.LoadTest;
import io.covington.loadtest.StepResult;
import io.covington.server.openshift.OpenShiftApi;
import io.covington.sources.OpenShiftLoader;
import io.covington.sources.TestInputs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A few seconds of the fleet mix at a low rate against a real server: the generator's report adds up. */
class LoadGeneratorSmokeTest {

  @TempDir static Path dir;
  private static RunningServer server;

  @BeforeAll
  static void start() throws Exception {
    TestInputs.Inputs inputs = TestInputs.write(dir);
    server = RunningServer.start(OpenShiftApi.DEFAULT_PREFIX);
    RunningServer.await(server.load(
        OpenShiftLoader.of(Optional.of(inputs.releases().toString()), Optional.of(inputs.graphData())), false));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private String target() {
    return "http://127.0.0.1:" + server.server.apiPort();
  }

  @Test
  void theFleetMixRunsAtTheOfferedRatesWithoutUnexpectedErrors() throws Exception {
    StringWriter out = new StringWriter();
    LoadTest.Report report = LoadTest.parse("--target", target(), "--rates", "50,100", "--step-duration", "2s",
        "--lanes", "2", "--connections", "4", "--slo-p99", "1000", "--max-error-rate", "0").run(new PrintWriter(out, true));

    assertThat(report.steps()).extracting(StepResult::offeredRate).containsExactly(50, 100);
    for (StepResult step : report.steps()) {
      assertThat(step.scheduled()).isEqualTo(step.offeredRate() * 2L);
      assertThat(step.completed()).isEqualTo(step.scheduled());
      assertThat(step.achievedRate()).isCloseTo(step.offeredRate(), within(step.offeredRate() * 0.25));
      assertThat(step.errors()).isEmpty();
      assertThat(step.statuses()).containsKeys(200, 400);
      assertThat(step.millisAt(50)).isPositive().isLessThanOrEqualTo(step.maxMillis());
    }
    assertThat(report.breaches()).isEmpty();
    assertThat(out.toString()).contains("fleet mix: 2 channels").contains("rate     50/s").contains("rate    100/s");
  }

  @Test
  void aBreachedSloIsReported() throws Exception {
    LoadTest.Report report = LoadTest.parse("--target", target(), "--rates", "20", "--step-duration", "1s",
        "--mix", "static", "--static-uri", "/api/upgrades_info/v1/graph?channel=stable-4.16",
        "--slo-p99", "0.000001").run(new PrintWriter(new StringWriter(), true));

    assertThat(report.steps().get(0).statuses()).containsOnlyKeys(200);
    assertThat(report.breaches()).singleElement().asString().contains("p99");
  }
}
