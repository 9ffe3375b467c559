package io.covington.server.coreos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.graph.coreos.CoreOsSnapshot;
import io.covington.graph.coreos.CoreOsStreams;
import io.covington.policy.coreos.ClientWariness;
import io.covington.server.CovingtonServer;
import io.covington.server.RunningServer;
import io.covington.server.ServerConfig;
import io.covington.server.cache.TestCaches;
import io.covington.server.http.Api;
import io.covington.server.http.ApiRouter;
import io.covington.server.openshift.OpenApiDocument;
import io.covington.server.reload.Served;
import io.covington.server.status.ServerMetrics;
import io.covington.sources.Await;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CoreOS graph API through a real server on free ports, on the bundled streams, with the clock
 * fixed halfway through the stable stream's rollout of 44.20260707.3.1 (started 1784728800, 2880
 * minutes long: throttling 0.5).
 */
class CoreOsApiTest {

  private static final String ROLLOUT = "44.20260707.3.1";
  private static final long ROLLOUT_START = 1_784_728_800L;
  private static final Instant MID_ROLLOUT = Instant.ofEpochSecond(ROLLOUT_START + 1440 * 60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Vertx vertx;
  private static CovingtonServer server;
  private static Served<CoreOsSnapshot> holder;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    holder = new Served<>();
    server = RunningServer.await(CovingtonServer.start(
        vertx, new ServerConfig("127.0.0.1", 0, 0, "/api/upgrades_info", ""), new Served<>(), holder,
        new ServerMetrics(), Clock.fixed(MID_ROLLOUT, ZoneOffset.UTC), CovingtonServer.DEFAULT_CACHE_BYTES, 1));
    holder.publish(CoreOsStreams.loadBundled());
  }

  @AfterAll
  static void stop() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private static HttpResponse<String> get(String query, String... headers) throws Exception {
    return RunningServer.get(URI.create("http://127.0.0.1:" + server.apiPort() + "/v1/graph" + query), headers);
  }

  private static JsonNode error(HttpResponse<String> response) throws Exception {
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    return JSON.readTree(response.body());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "?stream=stable                        | 400 | missing_params | basearch",
      "?basearch=x86_64                      | 400 | missing_params | stream",
      "''                                    | 400 | missing_params | basearch, stream",
      "?basearch=&stream=stable              | 400 | invalid_params | basearch",
      "?basearch=x86_64&stream=              | 400 | invalid_params | stream",
      "?basearch=x86_64&stream=stable&oci=1  | 400 | invalid_params | oci",
      "?basearch=x86_64&stream=stable&oci=TRUE | 400 | invalid_params | oci",
      "?basearch=x86_64&stream=rawhide       | 404 | unknown_stream | rawhide",
      "?basearch=riscv64&stream=stable       | 404 | unknown_basearch | riscv64",
  })
  void badRequestsGetTheJsonErrorBody(String query, int status, String kind, String named) throws Exception {
    HttpResponse<String> response = get(query);
    assertThat(response.statusCode()).isEqualTo(status);
    JsonNode body = error(response);
    assertThat(body.get("kind").asText()).isEqualTo(kind);
    assertThat(body.get("value").asText()).contains(named);
  }

  @Test
  void theParametersZincatiSendsAreAcceptedAndIgnored() throws Exception {
    String plain = get("?basearch=x86_64&stream=stable&rollout_wariness=0.2").body();
    HttpResponse<String> withAll = get("?basearch=x86_64&stream=stable&rollout_wariness=0.2&os_version=40.20240416.3.1"
        + "&os_checksum=abc&group=default&platform=metal&something_new=1", "Accept", "application/json");
    assertThat(withAll.statusCode()).isEqualTo(200);
    assertThat(withAll.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(withAll.body()).isEqualTo(plain);
  }

  @Test
  void anUnacceptableAcceptHeaderIs406() throws Exception {
    HttpResponse<String> response = get("?basearch=x86_64&stream=stable", "Accept", "text/html");
    assertThat(response.statusCode()).isEqualTo(406);
    assertThat(error(response).get("kind").asText()).isEqualTo("invalid_content_type");
  }

  @Test
  void everyMetadataValueIsAStringAndEveryNodeHasSchemeAndAgeIndex() throws Exception {
    for (String oci : List.of("false", "true")) {
      JsonNode graph = JSON.readTree(get("?basearch=x86_64&stream=stable&oci=" + oci).body());
      assertThat(fieldNames(graph)).containsExactlyInAnyOrder("nodes", "edges");
      assertThat(graph.get("nodes").size()).isPositive();
      for (JsonNode node : graph.get("nodes")) {
        node.get("metadata").properties().forEach(e -> assertThat(e.getValue().isTextual()).isTrue());
        assertThat(node.at("/metadata/org.fedoraproject.coreos.scheme").asText()).isEqualTo(oci.equals("true") ? "oci" : "checksum");
        assertThat(Integer.parseInt(node.at("/metadata/org.fedoraproject.coreos.releases.age_index").asText())).isNotNegative();
        if (oci.equals("true")) {
          assertThat(node.get("payload").asText()).contains("@sha256:");
        } else {
          assertThat(node.get("payload").asText()).matches("[0-9a-f]{64}");
        }
      }
    }
  }

  @Test
  void theRolloutInProgressIsOfferedOnlyToClientsLessWaryThanItsThrottling() throws Exception {
    assertThat(sourcesInto(get("?basearch=x86_64&stream=stable&rollout_wariness=0.4").body(), ROLLOUT)).isNotEmpty();
    assertThat(sourcesInto(get("?basearch=x86_64&stream=stable&rollout_wariness=0.6").body(), ROLLOUT)).isEmpty();
    // Nodes are never removed, only edges.
    assertThat(versions(get("?basearch=x86_64&stream=stable&rollout_wariness=0.6").body())).contains(ROLLOUT);
  }

  @Test
  void withoutRolloutWarinessTheNodeUuidDecidesStablyPerNode() throws Exception {
    String uuid = "e0f3745b108f471cbd4883c6fbed8cdd";
    // protocols §3's vector: this node's wariness is 0.6533…, above the throttling of 0.5.
    assertThat(ClientWariness.fromNodeUuid(uuid)).isEqualTo(0.6533234000651716);
    String byUuid = get("?basearch=x86_64&stream=stable&node_uuid=" + uuid).body();
    assertThat(sourcesInto(byUuid, ROLLOUT)).isEmpty();
    assertThat(byUuid).isEqualTo(get("?basearch=x86_64&stream=stable&rollout_wariness=0.6533234000651716").body());
    // A wariness that is not a number falls back to the node's own.
    assertThat(get("?basearch=x86_64&stream=stable&rollout_wariness=NaN&node_uuid=" + uuid).body()).isEqualTo(byUuid);
  }

  @Test
  void requestsAreCountedUnderTheCoreosApiLabel() throws Exception {
    ServerMetrics metrics = new ServerMetrics();
    Vertx v = Vertx.vertx();
    try {
      Served<CoreOsSnapshot> notLoaded = new Served<>();
      CovingtonServer s = RunningServer.await(CovingtonServer.start(
          v, new ServerConfig("127.0.0.1", 0, 0, "/api/upgrades_info", ""), new Served<>(), notLoaded, metrics, Clock.systemUTC(), CovingtonServer.DEFAULT_CACHE_BYTES, 1));
      HttpResponse<String> response =
          RunningServer.get(URI.create("http://127.0.0.1:" + s.apiPort() + "/v1/graph?basearch=x86_64&stream=stable"));
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(error(response).get("kind").asText()).isEqualTo("not_ready");
      notLoaded.publish(CoreOsStreams.loadBundled());
      assertThat(RunningServer.get(URI.create("http://127.0.0.1:" + s.apiPort() + "/v1/graph?basearch=x86_64&stream=stable"))
          .statusCode()).isEqualTo(200);
      // Counted once the response has been written, which may be just after the client read it.
      Await.until(Duration.ofSeconds(10), "both requests counted",
          () -> metrics.scrape().contains("covington_http_requests_total{api=\"coreos\",route=\"graph\",code=\"200\",} 1.0"));
      assertThat(metrics.scrape())
          .contains("covington_http_requests_total{api=\"coreos\",route=\"graph\",code=\"503\",} 1.0")
          .contains("covington_http_requests_total{api=\"coreos\",route=\"graph\",code=\"200\",} 1.0");
    } finally {
      v.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  @Test
  void theOpenApiDocumentDescribesExactlyTheRoutesServedAndItsReferencesResolve() throws Exception {
    List<Api> apis = CovingtonServer.apis(vertx, new ServerConfig("127.0.0.1", 0, 0, "/api/upgrades_info", "/c"),
        new Served<>(), holder, Clock.systemUTC(), TestCaches.inline());
    Router router = ApiRouter.create(vertx, apis, (a, r, s, d) -> {});
    Set<String> routed = new TreeSet<>();
    router.getRoutes().stream().map(Route::getPath).filter(Objects::nonNull).filter(p -> p.startsWith("/c/"))
        .forEach(p -> routed.add(p.substring("/c".length())));
    CoreOsApi api = apis.stream().filter(CoreOsApi.class::isInstance).map(CoreOsApi.class::cast).findFirst().orElseThrow();
    assertThat(routed).isNotEmpty();
    assertThat(OpenApiDocument.of(CoreOsApi.class, "coreos-openapi.json", "").paths()).containsExactlyInAnyOrderElementsOf(routed);
    assertThat(api.openApi().paths()).containsExactlyInAnyOrderElementsOf(routed);
    JsonNode doc = JSON.readTree(get("").uri().resolve("/v1/openapi").toURL().openStream());
    for (String ref : doc.findValuesAsText("$ref")) {
      assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
    }
    assertThat(doc.at("/paths/~1v1~1graph/get/parameters").findValuesAsText("name"))
        .containsExactly("basearch", "stream", "rollout_wariness", "node_uuid", "oci");
  }

  /**
   * The stable stream's last releases (index order): 43.20260217.3.1 and 43.20260413.3.2 are
   * barriers, 44.20260621.3.1 a completed rollout, 44.20260707.3.1 the rollout in progress.
   * Edges into a rollout come from the latest barrier before it onwards.
   */
  @Test
  void thePathToTheNewestReleaseGoesThroughTheLastBarrierAndDependsOnWariness() throws Exception {
    JsonNode plan = path("/v1/path?stream=stable&basearch=x86_64&from=43.20260217.3.1");
    assertThat(plan.get("wariness").asDouble()).isZero();
    assertThat(plan.get("hops").findValuesAsText("to")).containsExactly("43.20260413.3.2", ROLLOUT);
    JsonNode wary = path("/v1/path?stream=stable&basearch=x86_64&from=43.20260217.3.1&rollout_wariness=0.6");
    assertThat(wary.get("to").asText()).isEqualTo("44.20260621.3.1");
    assertThat(wary.get("hops").findValuesAsText("to")).containsExactly("43.20260413.3.2", "44.20260621.3.1");
  }

  @Test
  void explainSaysWhichBarrierComesFirstAndWhenAThrottledRolloutOpens() throws Exception {
    JsonNode barrier = path("/v1/explain?stream=stable&basearch=x86_64&from=43.20260217.3.1&to=" + ROLLOUT);
    assertThat(barrier.get("offered").asText()).isEqualTo("not_offered");
    assertThat(barrier.get("reasons").findValuesAsText("kind")).containsExactly("barrier");
    assertThat(barrier.at("/reasons/0/description").asText()).contains("43.20260413.3.2");
    JsonNode throttled = path("/v1/explain?stream=stable&basearch=x86_64&from=43.20260413.3.2&to=" + ROLLOUT + "&rollout_wariness=0.6");
    assertThat(throttled.get("reasons").findValuesAsText("kind")).containsExactly("throttled");
    assertThat(throttled.at("/reasons/0/description").asText()).contains("0.5").contains(Instant.ofEpochSecond(ROLLOUT_START + 2880 * 60).toString());
    HttpResponse<String> missingVersion = RunningServer.get(URI.create("http://127.0.0.1:" + server.apiPort()
        + "/v1/path?stream=stable&basearch=x86_64&from=1.2.3"));
    assertThat(missingVersion.statusCode()).isEqualTo(404);
    assertThat(error(missingVersion).get("kind").asText()).isEqualTo("unknown_version");
  }

  private static JsonNode path(String pathAndQuery) throws Exception {
    HttpResponse<String> response = RunningServer.get(URI.create("http://127.0.0.1:" + server.apiPort() + pathAndQuery));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> versions(String body) throws Exception {
    List<String> versions = new ArrayList<>();
    JSON.readTree(body).get("nodes").forEach(n -> versions.add(n.get("version").asText()));
    return versions;
  }

  private static Set<String> sourcesInto(String body, String target) throws Exception {
    JsonNode graph = JSON.readTree(body);
    List<String> versions = versions(body);
    Set<String> sources = new TreeSet<>();
    for (JsonNode e : graph.get("edges")) {
      if (versions.get(e.get(1).asInt()).equals(target)) {
        sources.add(versions.get(e.get(0).asInt()));
      }
    }
    return sources;
  }
}
