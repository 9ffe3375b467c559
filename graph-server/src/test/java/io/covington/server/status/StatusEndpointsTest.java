package io.covington.server.status;

import static io.covington.server.RunningServer.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.covington.server.RunningServer;
import io.covington.server.openshift.OpenShiftApi;
import io.covington.sources.DirectorySource;
import io.covington.sources.OpenShiftLoader;
import io.covington.sources.ReleasesSource;
import io.covington.sources.TestInputs;
import io.covington.sources.TestSources;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Liveness, readiness and metrics on the status port, around a load the test holds back. */
@ExtendWith(VertxExtension.class)
class StatusEndpointsTest {

  @TempDir Path dir;
  private RunningServer server;
  private TestInputs.Inputs written;
  private OpenShiftLoader inputs;

  @BeforeEach
  void start() throws Exception {
    written = TestInputs.write(dir);
    inputs = OpenShiftLoader.of(Optional.of(written.releases().toString()), Optional.of(written.graphData()));
    server = RunningServer.start(OpenShiftApi.DEFAULT_PREFIX);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void readyOnlyOnceTheGraphIsLoaded(Vertx vertx, VertxTestContext test) throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    Future<?> loaded =
        server.load(
            new OpenShiftLoader(new ReleasesSource(Optional.of(written.releases().toString())),
                TestSources.gated(new DirectorySource(written.graphData()), gate)),
            false);

    assertThat(get(server.status("/liveness")).statusCode()).isEqualTo(200);
    assertThat(get(server.status("/readiness")).statusCode()).isEqualTo(503);
    HttpResponse<String> notReady = get(server.api("/v1/graph?channel=stable-4.16"));
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.body()).contains("\"kind\":\"not_ready\"");
    assertThat(get(server.api("/v1/channels")).statusCode()).isEqualTo(503);
    // Client errors stay client errors while loading.
    assertThat(get(server.api("/v1/graph")).statusCode()).isEqualTo(400);
    assertThat(server.metrics.scrape()).doesNotContain("covington_graph_releases{");

    gate.countDown();
    // From here on asynchronous: a client of the test's own Vert.x, never blocking the server's.
    HttpClient client = vertx.createHttpClient();
    Checkpoint ready = test.checkpoint();
    Checkpoint served = test.checkpoint();
    loaded
        .compose(s -> client.request(HttpMethod.GET, server.server.statusPort(), "127.0.0.1", "/readiness"))
        .compose(HttpClientRequest::send)
        .onComplete(
            test.succeeding(
                response ->
                    test.verify(
                        () -> {
                          assertThat(response.statusCode()).isEqualTo(200);
                          ready.flag();
                        })))
        .compose(r -> client.request(HttpMethod.GET, server.server.apiPort(), "127.0.0.1",
            OpenShiftApi.DEFAULT_PREFIX + "/v1/graph?channel=stable-4.16"))
        .compose(HttpClientRequest::send)
        .onComplete(
            test.succeeding(
                response ->
                    test.verify(
                        () -> {
                          assertThat(response.statusCode()).isEqualTo(200);
                          served.flag();
                        })));
  }

  @Test
  void aFailedLoadLeavesTheServerNotReady() throws Exception {
    Future<?> loaded = server.load(new OpenShiftLoader(
        TestSources.unreachable(new IOException("disk on fire")), OpenShiftLoader.bundledGraphData()), false);

    assertThat(loaded.toCompletionStage().toCompletableFuture()).failsWithin(Duration.ofSeconds(10));
    assertThat(get(server.status("/readiness")).statusCode()).isEqualTo(503);
    assertThat(get(server.status("/liveness")).statusCode()).isEqualTo(200);
  }

  @Test
  void exportsRequestAndGraphMetrics() throws Exception {
    RunningServer.await(server.load(inputs, false));
    get(server.api("/v1/graph?channel=stable-4.16"));
    get(server.api("/graph?channel=stable-4.16"));
    get(server.api("/v1/graph"));
    get(server.api("/v1/graph?channel=stable-4.16"), "Accept", "text/html");
    get(server.api("/no/such/path/12345"));
    RunningServer.send("OPTIONS", server.api("/v1/graph"), "Origin", "https://a.example");

    HttpResponse<String> response = get(server.status("/metrics"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    String text = response.body();
    assertThat(text)
        .contains("covington_http_requests_total{api=\"openshift\",route=\"graph\",code=\"200\",} 2.0")
        .contains("covington_http_requests_total{api=\"openshift\",route=\"graph\",code=\"400\",} 1.0")
        .contains("covington_http_requests_total{api=\"openshift\",route=\"graph\",code=\"406\",} 1.0")
        .contains("covington_http_requests_total{api=\"openshift\",route=\"unmatched\",code=\"404\",} 1.0")
        .contains("covington_http_requests_total{api=\"openshift\",route=\"preflight\",code=\"204\",} 1.0")
        .contains("covington_http_request_duration_seconds_count{api=\"openshift\",route=\"graph\",} 4.0")
        .contains("covington_http_request_duration_seconds_bucket{api=\"openshift\",route=\"graph\",le=\"0.005\",}")
        .contains("covington_graph_releases{arch=\"amd64\",} 4.0")
        .contains("covington_graph_releases{arch=\"arm64\",} 2.0")
        .contains("covington_graph_edges{arch=\"amd64\",} 2.0")
        .contains("covington_graph_conditional_edges{arch=\"amd64\",} 1.0")
        .contains("covington_graph_last_load_timestamp_seconds ")
        .contains("covington_graph_load_duration_seconds ")
        .contains("# TYPE covington_graph_load_problems gauge")
        .contains("jvm_memory_bytes_used")
        .contains("process_cpu_seconds_total")
        .doesNotContain("/no/such/path");
    // Status traffic is not API traffic.
    assertThat(text).doesNotContain("route=\"metrics\"").doesNotContain("route=\"readiness\"");
  }

  @Test
  void countsLoadProblemsByKind() throws Exception {
    Files.writeString(
        written.graphData().resolve("channels/broken.yaml"), "name: [unclosed\n");

    RunningServer.await(server.load(inputs, false));

    assertThat(server.metrics.scrape()).containsPattern("covington_graph_load_problems\\{kind=\"[a-z_]+\",\\} 1\\.0");
  }

  @Test
  void strictLoadingRefusesInputsWithProblems() throws Exception {
    Files.writeString(
        written.graphData().resolve("channels/broken.yaml"), "name: [unclosed\n");

    Future<?> loaded = server.load(inputs, true);

    assertThat(loaded.toCompletionStage().toCompletableFuture())
        .failsWithin(Duration.ofSeconds(10))
        .withThrowableThat()
        .withMessageContaining("broken.yaml");
    assertThat(get(server.status("/readiness")).statusCode()).isEqualTo(503);
  }
}
