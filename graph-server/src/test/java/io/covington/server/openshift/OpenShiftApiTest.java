package io.covington.server.openshift;

import static io.covington.server.RunningServer.get;
import static io.covington.server.RunningServer.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.server.RunningServer;
import io.covington.sources.OpenShiftLoader;
import io.covington.sources.TestInputs;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The OpenShift graph API through a real server loaded from real-format inputs. */
class OpenShiftApiTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String EMPTY_GRAPH = "{\"version\":1,\"nodes\":[],\"edges\":[],\"conditionalEdges\":[]}";

  @TempDir static Path dir;
  private static RunningServer server;

  @BeforeAll
  static void start() throws Exception {
    TestInputs.Inputs inputs = TestInputs.write(dir);
    server = RunningServer.start(OpenShiftApi.DEFAULT_PREFIX);
    RunningServer.await(
        server.load(
            OpenShiftLoader.of(Optional.of(inputs.releases().toString()), Optional.of(inputs.graphData())),
            false));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void servesTheChannelGraph() throws Exception {
    HttpResponse<String> response =
        get(server.api("/v1/graph?channel=stable-4.16&version=4.15.1&id=0b3e6c1b-1c1a-4f1a-9a8d-3a1f9c1e2d3f"),
            "Accept", "application/json");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).contains("application/json");
    JsonNode graph = MAPPER.readTree(response.body());
    assertThat(graph.get("version").intValue()).isEqualTo(1);
    assertThat(versions(graph)).containsExactlyInAnyOrder("4.15.1", "4.15.2", "4.16.0", "4.16.1");
    assertThat(edges(graph)).containsExactlyInAnyOrder("4.15.1->4.15.2", "4.15.1->4.16.0");
    JsonNode conditional = graph.get("conditionalEdges");
    assertThat(conditional).hasSize(1);
    assertThat(conditional.at("/0/edges").toString()).isEqualTo("[{\"from\":\"4.16.0\",\"to\":\"4.16.1\"}]");
    assertThat(conditional.at("/0/risks/0/name").textValue()).isEqualTo("TestRisk");
    assertThat(conditional.at("/0/risks/0/matchingRules/0/promql/promql").textValue())
        .contains("cluster_operator_conditions");
    for (JsonNode node : graph.get("nodes")) {
      node.get("metadata").properties().forEach(e -> assertThat(e.getValue().isTextual()).isTrue());
    }
  }

  @Test
  void servesEachArchitectureItsOwnGraph() throws Exception {
    JsonNode graph = MAPPER.readTree(get(server.api("/v1/graph?channel=fast-4.16&arch=arm64")).body());

    assertThat(versions(graph)).containsExactlyInAnyOrder("4.16.0", "4.16.1");
    assertThat(graph.at("/nodes/0/metadata/url").textValue()).startsWith("https://access.redhat.com/errata/");
    assertThat(graph.at("/nodes/0/payload").textValue()).endsWith(TestInputs.digest("arm64"));
  }

  @Test
  void theTwoGraphPathsServeTheSameBody() throws Exception {
    HttpResponse<String> v1 = get(server.api("/v1/graph?channel=stable-4.16"));
    HttpResponse<String> plain = get(server.api("/graph?channel=stable-4.16"));

    assertThat(v1.statusCode()).isEqualTo(200);
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.body()).isEqualTo(v1.body());
    assertThat(plain.headers().firstValue("content-type")).isEqualTo(v1.headers().firstValue("content-type"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"channel=stable-9.99", "channel=stable-4.16&arch=s390x", "channel=nope&arch=multi"})
  void unknownChannelOrArchitectureServesTheEmptyGraph(String query) throws Exception {
    HttpResponse<String> response = get(server.api("/v1/graph?" + query));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(EMPTY_GRAPH);
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1} {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/v1/graph | 400 | missing_params",
        "/v1/graph?arch=amd64 | 400 | missing_params",
        "/graph?version=4.16.0&id=x | 400 | missing_params",
        "/v1/graph?channel= | 400 | invalid_params",
        "/v1/graph?channel=Stable-4.16 | 400 | invalid_params",
        "/v1/graph?channel=stable_4.16 | 400 | invalid_params",
        "/v1/graph?channel=stable%2F4.16 | 400 | invalid_params",
        "/v1/graph?channel=stable-4.16&arch=AMD64 | 400 | invalid_params",
        "/v1/graph?channel=stable-4.16&arch=x86_64 | 400 | invalid_params",
        "/v1/graph?channel=stable-4.16&arch= | 400 | invalid_params",
        "/v1/channels?arch=ARM64 | 400 | invalid_params",
        "/v1/nothing-here | 404 | not_found",
      })
  void clientErrorsAnswerTheErrorBody(String pathAndQuery, int status, String kind) throws Exception {
    HttpResponse<String> response = get(server.api(pathAndQuery), "Accept", "application/json");

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type")).contains("application/json");
    JsonNode error = MAPPER.readTree(response.body());
    assertThat(error.properties()).extracting(e -> e.getKey()).containsExactly("kind", "value");
    assertThat(error.get("kind").textValue()).isEqualTo(kind);
  }

  @Test
  void anUndecodableQueryIsAClientError() throws Exception {
    // java.net.URI refuses to build this request, so it is written by hand.
    try (Socket socket = new Socket("127.0.0.1", server.server.apiPort())) {
      socket.getOutputStream().write(
          ("GET " + OpenShiftApi.DEFAULT_PREFIX + "/v1/graph?channel=stable-4.16&arch=%zz HTTP/1.1\r\n"
                  + "Host: localhost\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

      assertThat(response).startsWith("HTTP/1.1 400 ").contains("{\"kind\":\"invalid_params\"");
    }
  }

  @Test
  void anUndecodablePathIsAClientErrorWithTheErrorBody() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.server.apiPort())) {
      socket.getOutputStream().write(
          ("GET " + OpenShiftApi.DEFAULT_PREFIX + "/v1/gr%zzaph?channel=a HTTP/1.1\r\n"
                  + "Host: localhost\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

      assertThat(response).startsWith("HTTP/1.1 400 ").contains("{\"kind\":\"invalid_params\"");
    }
  }

  @Test
  void errorValuesNameTheParameter() throws Exception {
    assertThat(errorValue("/v1/graph")).isEqualTo("mandatory client parameters missing: channel");
    assertThat(errorValue("/v1/graph?channel=Stable")).contains("channel").contains("Stable");
    assertThat(errorValue("/v1/graph?channel=stable-4.16&arch=x86_64")).contains("arch").contains("x86_64");
  }

  @Test
  void unacceptableAcceptIsRefusedBeforeAnythingElse() throws Exception {
    HttpResponse<String> response = get(server.api("/v1/graph"), "Accept", "text/html");

    assertThat(response.statusCode()).isEqualTo(406);
    assertThat(response.headers().firstValue("content-type")).contains("application/json");
    assertThat(MAPPER.readTree(response.body()).get("kind").textValue()).isEqualTo("invalid_content_type");
  }

  @ParameterizedTest(name = "[{index}] Accept: {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'' | 200 | application/vnd.redhat.cincinnati.v1+json",
        "*/* | 200 | application/json",
        "application/* | 200 | application/json",
        "application/json | 200 | application/json",
        "application/vnd.redhat.cincinnati.v1+json | 200 | application/vnd.redhat.cincinnati.v1+json",
        "application/json, text/plain | 200 | application/json",
        "text/plain;q=0.9, application/vnd.redhat.cincinnati.v1+json;q=0.8, application/json;q=0.5 | 200 | application/vnd.redhat.cincinnati.v1+json",
        "application/json;q=0, */* | 200 | application/vnd.redhat.cincinnati.v1+json",
        "application/json;q=0 | 406 | application/json",
        "text/html | 406 | application/json",
        "text/*, image/png | 406 | application/json",
      })
  void negotiatesTheContentType(String accept, int status, String contentType) throws Exception {
    HttpResponse<String> response =
        accept.isEmpty()
            ? get(server.api("/v1/graph?channel=stable-4.16"))
            : get(server.api("/v1/graph?channel=stable-4.16"), "Accept", accept);

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type")).contains(contentType);
    if (status == 200) {
      assertThat(MAPPER.readTree(response.body()).get("nodes")).hasSize(4);
    }
  }

  @Test
  void headAnswersLikeGetWithoutABody() throws Exception {
    HttpResponse<String> getResponse = get(server.api("/v1/graph?channel=stable-4.16"));
    HttpResponse<String> head = send("HEAD", server.api("/v1/graph?channel=stable-4.16"));

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("content-type")).isEqualTo(getResponse.headers().firstValue("content-type"));
    assertThat(head.headers().firstValueAsLong("content-length"))
        .hasValue(getResponse.body().getBytes(StandardCharsets.UTF_8).length);
    assertThat(send("HEAD", server.api("/v1/graph")).statusCode()).isEqualTo(400);
  }

  @Test
  void headSendsNoBodyOverHttp2Either() throws Exception {
    // The JDK client upgrades to h2c, where Vert.x would send a HEAD body unless told not to.
    HttpClient h2 =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    HttpRequest head =
        HttpRequest.newBuilder(server.api("/v1/graph?channel=stable-4.16"))
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build();

    for (int i = 0; i < 2; i++) {
      HttpResponse<String> response = h2.send(head, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEmpty();
    }
  }

  @Test
  void otherMethodsAreNotAllowed() throws Exception {
    HttpResponse<String> response = send("POST", server.api("/v1/graph?channel=stable-4.16"));

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(MAPPER.readTree(response.body()).get("kind").textValue()).isEqualTo("method_not_allowed");
  }

  @Test
  void corsEchoesTheOrigin() throws Exception {
    HttpResponse<String> response =
        get(server.api("/v1/graph?channel=stable-4.16"), "Origin", "https://console.example.com");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("access-control-allow-origin")).contains("https://console.example.com");
    assertThat(response.headers().allValues("vary")).anySatisfy(v -> assertThat(v).containsIgnoringCase("origin"));
    assertThat(response.headers().firstValue("access-control-allow-methods")).contains("GET, HEAD");
  }

  @Test
  void corsHeadersAreOnErrorsToo() throws Exception {
    HttpResponse<String> response = get(server.api("/v1/graph"), "Origin", "https://a.example");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("access-control-allow-origin")).contains("https://a.example");
  }

  @Test
  void answersThePreflight() throws Exception {
    HttpResponse<String> response =
        send("OPTIONS", server.api("/v1/graph?channel=stable-4.16"),
            "Origin", "https://console.example.com",
            "Access-Control-Request-Method", "GET",
            "Access-Control-Request-Headers", "accept");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("access-control-allow-origin")).contains("https://console.example.com");
    assertThat(response.headers().firstValue("access-control-allow-methods")).contains("GET, HEAD");
    assertThat(response.headers().firstValue("access-control-allow-headers")).contains("accept");
  }

  @Test
  void withoutOriginThereIsNoAllowOrigin() throws Exception {
    HttpResponse<String> response = get(server.api("/v1/graph?channel=stable-4.16"));

    assertThat(response.headers().firstValue("access-control-allow-origin")).isEmpty();
  }

  @Test
  void listsTheChannels() throws Exception {
    HttpResponse<String> response = get(server.api("/v1/channels"), "Accept", "application/json");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).contains("application/json");
    assertThat(response.body())
        .isEqualTo("{\"arch\":\"amd64\",\"channels\":[{\"name\":\"fast-4.16\",\"releases\":2},{\"name\":\"stable-4.16\",\"releases\":4}]}");
    assertThat(get(server.api("/v1/channels?arch=arm64")).body())
        .isEqualTo("{\"arch\":\"arm64\",\"channels\":[{\"name\":\"fast-4.16\",\"releases\":2},{\"name\":\"stable-4.16\",\"releases\":2}]}");
    assertThat(get(server.api("/v1/channels"), "Accept", "text/html").statusCode()).isEqualTo(406);
  }

  @Test
  void servesTheOpenApiDocumentOnBothPaths() throws Exception {
    HttpResponse<String> v1 = get(server.api("/v1/openapi"));
    HttpResponse<String> plain = get(server.api("/openapi"));

    assertThat(v1.statusCode()).isEqualTo(200);
    assertThat(v1.headers().firstValue("content-type")).contains("application/json");
    assertThat(plain.body()).isEqualTo(v1.body());
    JsonNode doc = MAPPER.readTree(v1.body());
    assertThat(doc.get("openapi").textValue()).startsWith("3.0");
    assertThat(doc.at("/servers/0/url").textValue()).isEqualTo(OpenShiftApi.DEFAULT_PREFIX);
  }

  private static String errorValue(String pathAndQuery) throws Exception {
    return MAPPER.readTree(get(server.api(pathAndQuery)).body()).get("value").textValue();
  }

  private static List<String> versions(JsonNode graph) {
    return graph.get("nodes").findValuesAsText("version");
  }

  private static Set<String> edges(JsonNode graph) {
    List<String> versions = versions(graph);
    Set<String> edges = new HashSet<>();
    for (JsonNode edge : graph.get("edges")) {
      edges.add(versions.get(edge.get(0).intValue()) + "->" + versions.get(edge.get(1).intValue()));
    }
    return edges;
  }
}
