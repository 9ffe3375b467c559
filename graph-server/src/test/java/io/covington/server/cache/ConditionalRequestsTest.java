package io.covington.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.covington.server.RunningServer;
import io.covington.server.openshift.OpenShiftApi;
import io.covington.sources.OpenShiftLoader;
import io.covington.sources.TestInputs;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ETag, 304, gzip and reloads through a real server, as pollers and browsers see them. */
class ConditionalRequestsTest {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private static final String GRAPH = "/v1/graph?channel=stable-4.16&arch=amd64";

  @TempDir Path dir;
  private RunningServer server;
  private TestInputs.Inputs inputs;

  @BeforeEach
  void start() throws Exception {
    inputs = TestInputs.write(dir);
    server = RunningServer.start(OpenShiftApi.DEFAULT_PREFIX);
    load();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void load() throws Exception {
    RunningServer.await(server.load(
        OpenShiftLoader.of(Optional.of(inputs.releases().toString()), Optional.of(inputs.graphData())), false));
  }

  private HttpResponse<byte[]> send(String method, String pathAndQuery, String... headers) throws Exception {
    return send(method, server.api(pathAndQuery), headers);
  }

  private static HttpResponse<byte[]> send(String method, URI uri, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  private static byte[] gunzip(byte[] body) throws Exception {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    }
  }

  @Test
  void aGraphCarriesAStrongEtagAndPollerCachingHeaders() throws Exception {
    HttpResponse<byte[]> response = send("GET", GRAPH, "Origin", "https://console.example.com");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(header(response, "etag")).matches("\"[A-Za-z0-9_-]{43}\"");
    assertThat(header(response, "cache-control")).isEqualTo("public, no-cache");
    assertThat(response.headers().allValues("vary")).containsExactly("origin", "Accept, Accept-Encoding");
    assertThat(header(response, "content-encoding")).isNull();
    assertThat(header(response, "access-control-allow-origin")).isEqualTo("https://console.example.com");
  }

  @Test
  void ifNoneMatchWithTheCurrentTagAnswers304WithoutABody() throws Exception {
    String etag = header(send("GET", GRAPH), "etag");

    for (String ifNoneMatch : List.of(etag, "W/" + etag, "\"other\", " + etag, "*")) {
      HttpResponse<byte[]> response = send("GET", GRAPH, "If-None-Match", ifNoneMatch);
      assertThat(response.statusCode()).as(ifNoneMatch).isEqualTo(304);
      assertThat(response.body()).as(ifNoneMatch).isEmpty();
      assertThat(header(response, "etag")).isEqualTo(etag);
      assertThat(header(response, "cache-control")).isEqualTo("public, no-cache");
    }
    HttpResponse<byte[]> stale = send("GET", GRAPH, "If-None-Match", "\"stale\", W/\"older\"");
    assertThat(stale.statusCode()).isEqualTo(200);
    assertThat(stale.body()).isNotEmpty();
  }

  @Test
  void gzipIsTheSameBodyCompressedWithItsOwnTag() throws Exception {
    HttpResponse<byte[]> identity = send("GET", GRAPH);
    HttpResponse<byte[]> gzip = send("GET", GRAPH, "Accept-Encoding", "br;q=1, gzip;q=0.8");

    assertThat(header(gzip, "content-encoding")).isEqualTo("gzip");
    assertThat(gunzip(gzip.body())).isEqualTo(identity.body());
    assertThat(header(gzip, "content-length")).isEqualTo(Integer.toString(gzip.body().length));
    assertThat(header(gzip, "etag")).isEqualTo(header(identity, "etag").replaceFirst("\"$", "-gzip\""));
    assertThat(send("GET", GRAPH, "Accept-Encoding", "gzip", "If-None-Match", header(gzip, "etag")).statusCode())
        .isEqualTo(304);
    assertThat(send("GET", GRAPH, "Accept-Encoding", "gzip;q=0").headers().firstValue("content-encoding")).isEmpty();
  }

  @Test
  void headAnswersTheSameHeadersWithoutABody() throws Exception {
    for (String encoding : List.of("identity", "gzip")) {
      HttpResponse<byte[]> get = send("GET", GRAPH, "Accept-Encoding", encoding);
      HttpResponse<byte[]> head = send("HEAD", GRAPH, "Accept-Encoding", encoding);
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
      for (String name : List.of("etag", "content-length", "content-type", "cache-control", "vary")) {
        assertThat(head.headers().allValues(name)).as(name).isEqualTo(get.headers().allValues(name));
      }
    }
  }

  @Test
  void contentTypeStillFollowsAccept() throws Exception {
    HttpResponse<byte[]> json = send("GET", GRAPH, "Accept", "application/json");
    HttpResponse<byte[]> cincinnati = send("GET", GRAPH);

    assertThat(header(json, "content-type")).isEqualTo("application/json");
    assertThat(header(cincinnati, "content-type")).isEqualTo("application/vnd.redhat.cincinnati.v1+json");
    assertThat(json.body()).isEqualTo(cincinnati.body());
    assertThat(header(json, "etag")).isEqualTo(header(cincinnati, "etag"));
  }

  @Test
  void afterAReloadOnlyTheNewGraphIsServedAndItsEtagChangesExactlyWithTheContent() throws Exception {
    HttpResponse<byte[]> before = send("GET", GRAPH);
    HttpResponse<byte[]> channelsBefore = send("GET", "/v1/channels");

    load();
    HttpResponse<byte[]> sameContent = send("GET", GRAPH);
    assertThat(sameContent.body()).isEqualTo(before.body());
    assertThat(header(sameContent, "etag")).isEqualTo(header(before, "etag"));

    // The next graph drops the blocked edge 4.15.2 -> 4.16.0.
    Files.delete(inputs.graphData().resolve("blocked-edges/4.16.0-blocked.yaml"));
    load();
    HttpResponse<byte[]> after = send("GET", GRAPH);
    assertThat(new String(after.body(), StandardCharsets.UTF_8)).isNotEqualTo(new String(before.body(), StandardCharsets.UTF_8));
    assertThat(header(after, "etag")).isNotEqualTo(header(before, "etag"));
    assertThat(send("GET", GRAPH, "If-None-Match", header(before, "etag")).statusCode()).isEqualTo(200);
    HttpResponse<byte[]> gzipAfter = send("GET", GRAPH, "Accept-Encoding", "gzip");
    assertThat(gunzip(gzipAfter.body())).isEqualTo(after.body());
    // Channel release counts did not change, so neither did that body.
    assertThat(header(send("GET", "/v1/channels"), "etag")).isEqualTo(header(channelsBefore, "etag"));
  }

  private String metrics() throws Exception {
    return new String(send("GET", server.status("/metrics")).body(), StandardCharsets.UTF_8);
  }

  private List<String> cacheRequestCounts() throws Exception {
    return metrics().lines().filter(line -> line.startsWith("covington_response_cache_requests_total{")).sorted().toList();
  }

  @Test
  void everyChannelIsRenderedWhenASnapshotIsPublishedSoPollsHit() throws Exception {
    send("GET", GRAPH);
    send("GET", GRAPH);
    send("GET", "/v1/graph?channel=fast-4.16&arch=arm64");

    // Warmed on publish: the channels list and both channels' graphs, on amd64 and arm64.
    assertThat(metrics())
        .contains("covington_response_cache_requests_total{api=\"openshift\",result=\"miss\",} 6.0")
        .contains("covington_response_cache_requests_total{api=\"openshift\",result=\"hit\",} 3.0")
        .contains("# TYPE covington_response_cache_evictions_total counter");
  }

  @Test
  void unknownChannelsGetTheEmptyGraphWithATagButAreNotCached() throws Exception {
    HttpResponse<byte[]> response = send("GET", "/v1/graph?channel=no-such-channel");
    List<String> before = cacheRequestCounts();

    assertThat(new String(response.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"version\":1,\"nodes\":[],\"edges\":[],\"conditionalEdges\":[]}");
    assertThat(send("GET", "/v1/graph?channel=other", "If-None-Match", header(response, "etag")).statusCode())
        .isEqualTo(304);
    assertThat(cacheRequestCounts()).isEqualTo(before);
  }

  @Test
  void coreosGraphsAreCachedPerHiddenRolloutSetWithTags() throws Exception {
    URI eager = URI.create("http://127.0.0.1:" + server.server.apiPort() + "/v1/graph?basearch=x86_64&stream=stable&rollout_wariness=0");
    HttpResponse<byte[]> first = send("GET", eager);
    HttpResponse<byte[]> second = send("GET", eager, "Accept-Encoding", "gzip");

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(gunzip(second.body())).isEqualTo(first.body());
    assertThat(send("GET", eager, "If-None-Match", header(first, "etag")).statusCode()).isEqualTo(304);
    String metrics = new String(send("GET", server.status("/metrics")).body(), StandardCharsets.UTF_8);
    assertThat(metrics)
        .contains("covington_response_cache_requests_total{api=\"coreos\",result=\"miss\",} 1.0")
        .contains("covington_response_cache_requests_total{api=\"coreos\",result=\"hit\",} 2.0");
  }
}
