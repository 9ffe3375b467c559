package io.covington.server.reload;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.server.RunningServer;
import io.covington.server.openshift.OpenShiftApi;
import io.covington.sources.Await;
import io.covington.sources.DirectorySource;
import io.covington.sources.OpenShiftLoader;
import io.covington.sources.ReleasesSource;
import io.covington.sources.TestInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A watched graph-data directory: an edit is served soon, without waiting for the interval. */
class DirectoryReloadTest {

  @TempDir Path dir;

  @Test
  void anEditIsServedWithoutWaitingForTheInterval() throws Exception {
    TestInputs.Inputs inputs = TestInputs.write(dir);
    try (RunningServer server = RunningServer.start(OpenShiftApi.DEFAULT_PREFIX)) {
      OpenShiftLoader live = new OpenShiftLoader(new ReleasesSource(Optional.of(inputs.releases().toString())),
          new DirectorySource(inputs.graphData()));
      // An interval far longer than the test: only the watch can pick the edit up.
      server.reloader(live, false, Optional.of(Duration.ofHours(1))).start().get(30, TimeUnit.SECONDS);
      String before = server.snapshots.snapshot().orElseThrow().revision();

      Files.writeString(inputs.graphData().resolve("channels/candidate-4.16.yaml"), "name: candidate-4.16\nversions:\n- 4.16.0\n");

      Await.until(Duration.ofSeconds(15), "the new channel served",
          () -> RunningServer.get(server.api("/v1/graph?channel=candidate-4.16")).body().contains("4.16.0"));
      assertThat(server.snapshots.snapshot().orElseThrow().revision()).isNotEqualTo(before);
    }
  }
}
