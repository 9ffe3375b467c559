package io.covington.server.path;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.graph.bundled.BundledData;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.server.RunningServer;
import io.covington.server.cache.TestCaches;
import io.covington.server.http.ApiRouter;
import io.covington.server.http.ClientError;
import io.covington.server.http.QueryPool;
import io.covington.server.openshift.BlockedEdgesApi;
import io.covington.server.openshift.OpenShiftApi;
import io.covington.server.reload.Served;
import io.covington.server.status.ServerMetrics;
import io.covington.sources.Await;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Path, explain and blocked-edges answers are computed once per snapshot and query on a pool of
 * their own: they carry an ETag, revalidate with 304, come gzip-compressed, and a full pool
 * answers 503 {@code overloaded} with {@code Retry-After} instead of queueing without bound.
 */
class PathAnswersTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final String PATH = "/v1/path?channel=stable-4.16&from=4.15.20&to=4.16.53";

  private static Vertx vertx;
  private static HttpServer http;
  private static QueryPool pool;

  /** One query thread, so that the test can fill the pool. */
  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Served<GraphSnapshot> served = new Served<>();
    pool = new QueryPool(1);
    PathApi paths = new PathApi(OpenShiftApi.DEFAULT_PREFIX, served, TestCaches.inline(), pool);
    BlockedEdgesApi blocked = new BlockedEdgesApi(OpenShiftApi.DEFAULT_PREFIX, served, TestCaches.inline(), pool);
    served.publish(GraphSnapshot.build(BundledData.releases(), BundledData.graphData()));
    http = RunningServer.await(vertx.createHttpServer()
        .requestHandler(ApiRouter.create(vertx, List.of(paths, blocked), new ServerMetrics()))
        .listen(0, "127.0.0.1"));
  }

  @AfterAll
  static void stop() throws Exception {
    pool.close();
    RunningServer.await(vertx.close());
  }

  private static HttpResponse<byte[]> get(String pathAndQuery, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + http.actualPort() + OpenShiftApi.DEFAULT_PREFIX + pathAndQuery));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void aPathAnswerHasAnEntityTagAndRevalidatesWith304() throws Exception {
    HttpResponse<byte[]> first = get(PATH);
    assertThat(first.statusCode()).isEqualTo(200);
    String etag = first.headers().firstValue("etag").orElseThrow();
    assertThat(first.headers().firstValue("cache-control")).hasValue("public, no-cache");
    assertThat(get(PATH).body()).isEqualTo(first.body());
    assertThat(get(PATH).headers().firstValue("etag")).hasValue(etag);

    HttpResponse<byte[]> revalidated = get(PATH, "If-None-Match", etag);
    assertThat(revalidated.statusCode()).isEqualTo(304);
    assertThat(revalidated.body()).isEmpty();
    // A different question about the same releases is a different answer.
    assertThat(get(PATH.replace("/v1/path", "/v1/explain")).headers().firstValue("etag")).isNotEqualTo(Optional.of(etag));
  }

  @Test
  void pathAndBlockedEdgesAnswersComeGzipCompressedWhenAsked() throws Exception {
    for (String query : List.of(PATH, "/v1/blocked?channel=stable-scos-4")) {
      HttpResponse<byte[]> plain = get(query);
      HttpResponse<byte[]> zipped = get(query, "Accept-Encoding", "gzip");
      assertThat(zipped.statusCode()).as(query).isEqualTo(200);
      assertThat(zipped.headers().firstValue("content-encoding")).as(query).hasValue("gzip");
      byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes();
      assertThat(new String(unzipped, StandardCharsets.UTF_8)).as(query).isEqualTo(new String(plain.body(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void aFullQueryPoolAnswers503OverloadedAndTheSameQuerySucceedsOnceItDrains() throws Exception {
    String fresh = "/v1/path?channel=candidate-4.14&from=4.12.0";
    assertThat(get(PATH).statusCode()).isEqualTo(200);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    // One thread busy, and the whole queue behind it.
    pool.execute(() -> {
      running.countDown();
      awaitQuietly(release);
    });
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 64; i++) {
      pool.execute(() -> awaitQuietly(release));
    }
    try {
      HttpResponse<byte[]> refused = get(fresh);
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("retry-after")).hasValue("1");
      JsonNode error = JSON.readTree(refused.body());
      assertThat(error.get("kind").asText()).isEqualTo("overloaded");
      // An answer already computed needs no thread: it is still served.
      assertThat(get(PATH).statusCode()).isEqualTo(200);
    } finally {
      release.countDown();
    }
    // Drained: a task queued behind the released ones has run (one thread, in order). Under load
    // the queue can still be full for a moment after the release.
    CountDownLatch drained = new CountDownLatch(1);
    Await.until(Duration.ofSeconds(10), "room in the queue", () -> {
      try {
        pool.execute(drained::countDown);
        return true;
      } catch (ClientError full) {
        return false;
      }
    });
    assertThat(drained.await(10, TimeUnit.SECONDS)).isTrue();
    HttpResponse<byte[]> answered = get(fresh);
    assertThat(answered.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(answered.body()).get("reachable").asBoolean()).isTrue();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
