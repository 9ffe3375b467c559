package io.covington.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.server.RunningServer;
import io.covington.sources.Await;
import io.covington.sources.TestInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wall clock of a running server set back a day and then forward two (NTP stepping a clock
 * that was wrong, a VM resumed), with libfaketime: ages stay true and never negative, and a
 * graph-data change made after the jump, whose files the kernel stamps in the process's
 * "future", is still read after one quiet period.
 */
class ClockJumpFaultsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WITHIN = Duration.ofSeconds(60);
  private static final Pattern AGE = Pattern.compile("(?m)^covington_graph_age_seconds (\\S+)$");

  @TempDir Path dir;

  private static Path libfaketime() {
    for (String arch : List.of("x86_64-linux-gnu", "aarch64-linux-gnu")) {
      Path lib = Path.of("/usr/lib", arch, "faketime", "libfaketimeMT.so.1");
      if (Files.exists(lib)) {
        return lib;
      }
    }
    throw new IllegalStateException("libfaketime is not installed: .ci/install-deps.sh installs the faketime package");
  }

  private static JsonNode graph(ChildServer server) throws Exception {
    return JSON.readTree(RunningServer.get(server.status("/status")).body()).get("graph");
  }

  private static double metricAge(ChildServer server) throws Exception {
    Matcher m = AGE.matcher(RunningServer.get(server.status("/metrics")).body());
    assertThat(m.find()).as("covington_graph_age_seconds exported").isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void settingTheClockBackOrForwardKeepsAgesTrueAndReloadsGoing() throws Exception {
    TestInputs.Inputs inputs = TestInputs.write(dir);
    Path offset = dir.resolve("faketime");
    Files.writeString(offset, "+0\n");
    List<String> clock = List.of("env", "LD_PRELOAD=" + libfaketime(), "FAKETIME_TIMESTAMP_FILE=" + offset,
        "FAKETIME_NO_CACHE=1", "FAKETIME_DONT_FAKE_MONOTONIC=1");
    try (ChildServer server = ChildServer.start(clock, ChildServer.testClasspath(), "--releases", inputs.releases().toString(),
        "--graph-data", inputs.graphData().toString(), "--reload-interval", "500ms", "--graph-data-quiet-period", "1s")) {
      Await.until(WITHIN, "served", () -> RunningServer.get(server.status("/readiness")).statusCode() == 200);
      String first = graph(server).get("revision").asText();

      Files.writeString(offset, "-1d\n");
      Thread.sleep(1200);
      double back = graph(server).get("ageSeconds").asDouble();
      assertThat(back).as("age after the clock went back a day").isBetween(1.0, 120.0);
      assertThat(metricAge(server)).isBetween(1.0, 120.0);

      // Written now, stamped by the kernel a day after the server's clock.
      Files.writeString(inputs.graphData().resolve("channels/fast-4.16.yaml"), "name: fast-4.16\nversions:\n- 4.16.1\n");
      Await.until(WITHIN, "the change published", () -> !graph(server).get("revision").asText().equals(first));
      assertThat(RunningServer.get(server.api("/v1/graph?channel=fast-4.16")).body()).doesNotContain("\"4.16.0\"");

      Files.writeString(offset, "+1d\n");
      Thread.sleep(600);
      assertThat(graph(server).get("ageSeconds").asDouble()).as("age after the clock went forward two days").isBetween(0.0, 120.0);
      assertThat(metricAge(server)).isBetween(0.0, 120.0);
      assertThat(server.process.isAlive()).isTrue();
    }
  }
}
