package io.covington.server.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.server.RunningServer;
import io.covington.server.TestInputs;
import io.covington.server.load.LiveInputs;
import io.covington.server.load.SnapshotLoading;
import io.covington.server.openshift.OpenShiftApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A watched graph-data directory: an edit is served soon, without waiting for the interval. */
class DirectorySourceTest {

  @TempDir Path dir;

  @Test
  void anEditIsServedWithoutWaitingForTheInterval() throws Exception {
    TestInputs.Inputs inputs = TestInputs.write(dir);
    try (RunningServer server = RunningServer.start(OpenShiftApi.DEFAULT_PREFIX);
        LiveInputs live = new LiveInputs(new ReleasesSource(Optional.of(inputs.releases().toString())),
            new DirectorySource(inputs.graphData()))) {
      SnapshotLoading loading = new SnapshotLoading(server.vertx, live, false, server.snapshots, server.metrics);
      RunningServer.await(loading.loadAndPublish());
      // An interval far longer than the test: only the watch can pick the edit up.
      loading.reloadEvery(Duration.ofHours(1));
      String before = server.snapshots.current().orElseThrow().revision();

      Files.writeString(inputs.graphData().resolve("channels/candidate-4.16.yaml"), "name: candidate-4.16\nversions:\n- 4.16.0\n");

      Await.until(Duration.ofSeconds(15), "the new channel served",
          () -> RunningServer.get(server.api("/v1/graph?channel=candidate-4.16")).body().contains("4.16.0"));
      assertThat(server.snapshots.current().orElseThrow().revision()).isNotEqualTo(before);
    }
  }

  @Test
  void theFingerprintChangesWithTheFilesAndOnlyThen() throws Exception {
    Path graphData = TestInputs.write(dir).graphData();
    DirectorySource source = new DirectorySource(graphData);

    String first = source.update();
    assertThat(source.update()).isEqualTo(first);

    Files.writeString(graphData.resolve("channels/fast-4.16.yaml"), "name: fast-4.16\nversions:\n- 4.16.1\n");
    assertThat(source.update()).isNotEqualTo(first);
  }
}
