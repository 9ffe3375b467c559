package io.covington.server;

import static io.covington.server.RunningServer.await;
import static io.covington.server.RunningServer.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.covington.server.openshift.OpenShiftApi;
import io.covington.sources.OpenShiftLoader;
import io.covington.sources.TestInputs;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leaving service: readiness first, the API for the delay, then nothing new. */
class GracefulShutdownTest {

  @Test
  void readinessTurns503AtOnceWhileTheApiServesOutTheDelay(@TempDir Path dir) throws Exception {
    TestInputs.Inputs inputs = TestInputs.write(dir);
    try (RunningServer server = RunningServer.start(OpenShiftApi.DEFAULT_PREFIX)) {
      await(server.load(OpenShiftLoader.of(Optional.of(inputs.releases().toString()), Optional.of(inputs.graphData())), false));
      assertThat(get(server.status("/readiness")).statusCode()).isEqualTo(200);

      Instant start = Instant.now();
      Future<Void> stopped = server.server.shutdown(Duration.ofMillis(800), Duration.ofSeconds(5));

      assertThat(server.server.isDraining()).isTrue();
      assertThat(get(server.status("/readiness")).statusCode()).isEqualTo(503);
      assertThat(get(server.status("/liveness")).statusCode()).isEqualTo(200);
      assertThat(get(server.api("/v1/graph?channel=stable-4.16")).statusCode()).as("during the delay").isEqualTo(200);
      await(stopped);
      assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(800))
          .isLessThan(Duration.ofSeconds(5));
      assertThatThrownBy(() -> get(server.api("/v1/graph?channel=stable-4.16")))
          .as("the API port after the shutdown").isInstanceOf(IOException.class);
    }
  }
}
