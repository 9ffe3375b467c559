package io.covington.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.server.RunningServer;
import io.covington.server.openshift.OpenShiftApi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests the HTTP codec itself refuses, over raw sockets against a real server: each is answered
 * {@code {"kind","value"}} JSON with {@code Connection: close}, on both ports, and the connection
 * is then closed.
 */
class ProtocolErrorsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String GRAPH = OpenShiftApi.DEFAULT_PREFIX + "/v1/graph?channel=stable-4.16";
  private static RunningServer server;

  @BeforeAll
  static void start() throws Exception {
    server = RunningServer.start(OpenShiftApi.DEFAULT_PREFIX);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonNode refused(int port, String request, int status, String kind) throws Exception {
    try (RawHttp connection = RawHttp.connect(port)) {
      RawHttp.Response response = connection.send(request).read();
      assertThat(response.statusLine()).as(request).startsWith("HTTP/1.1 " + status + " ");
      assertThat(response.header("content-type")).as(request).contains("application/json");
      assertThat(response.header("connection")).as(request).contains("close");
      JsonNode body = MAPPER.readTree(response.body());
      assertThat(body.get("kind").textValue()).as(request).isEqualTo(kind);
      assertThat(body.get("value").textValue()).as(request).isNotBlank();
      assertThat(body.size()).isEqualTo(2);
      assertThat(connection.closedWithin(Duration.ofSeconds(10))).as("closed after: " + request).isTrue();
      return body;
    }
  }

  private static List<Integer> ports() {
    return List.of(server.server.apiPort(), server.server.statusPort());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "GARBAGE\r\n\r\n",
      "GET\r\n\r\n",
      "GET /liveness\r\n\r\n",
      "GET /liveness HTTP/1\r\n\r\n",
      "GET /liveness FOO/1.1\r\n\r\n",
      "GET /liveness HTTP/1.1\r\nno colon here\r\n\r\n",
      "GET /liveness HTTP/1.1\r\nBad Name: x\r\n\r\n",
      "GET /liveness HTTP/1.1\r\n: empty name\r\n\r\n",
  })
  void malformedRequestsAreBadRequests(String request) throws Exception {
    for (int port : ports()) {
      refused(port, request, 400, "bad_request");
    }
  }

  @Test
  void aRequestLineTooLongIs414() throws Exception {
    for (int port : ports()) {
      refused(port, "GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: a\r\n\r\n", 414, "uri_too_long");
    }
  }

  @Test
  void headersTooLargeOrTooManyAre431() throws Exception {
    for (int port : ports()) {
      refused(port, "GET /liveness HTTP/1.1\r\nHost: a\r\nX-Big: " + "b".repeat(9000) + "\r\n\r\n", 431,
          "headers_too_large");
      refused(port, "GET /liveness HTTP/1.1\r\nHost: a\r\n" + "a: b\r\n".repeat(HttpLimits.MAX_HEADER_FIELDS) + "\r\n",
          431, "headers_too_large");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTP/9.9", "HTTP/2.0", "HTTP/0.9", "HTTP/3.0"})
  void otherHttpVersionsAre505InHttp11(String version) throws Exception {
    for (int port : ports()) {
      JsonNode body = refused(port, "GET /liveness " + version + "\r\nHost: a\r\n\r\n", 505, "http_version_not_supported");
      assertThat(body.get("value").textValue()).contains(version);
    }
  }

  @Test
  void aMinorVersionAboveOneIsServedAsHttp11() throws Exception {
    try (RawHttp connection = RawHttp.connect(server.server.statusPort())) {
      RawHttp.Response response = connection.send("GET /liveness HTTP/1.7\r\nHost: a\r\n\r\n").read();
      assertThat(response.statusLine()).isEqualTo("HTTP/1.1 200 OK");
      assertThat(response.text()).isEqualTo("ok\n");
    }
  }

  @Test
  void anHttp2PriorKnowledgePrefaceIsNotServedAsHttp2() throws Exception {
    for (int port : ports()) {
      // The connection preface, then an empty SETTINGS frame.
      byte[] preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
      byte[] settings = {0, 0, 0, 4, 0, 0, 0, 0, 0};
      byte[] both = new byte[preface.length + settings.length];
      System.arraycopy(preface, 0, both, 0, preface.length);
      System.arraycopy(settings, 0, both, preface.length, settings.length);
      try (RawHttp connection = RawHttp.connect(port)) {
        RawHttp.Response response = connection.send(both).read();
        assertThat(response.statusLine()).startsWith("HTTP/1.1 505 ");
        assertThat(MAPPER.readTree(response.body()).get("kind").textValue()).isEqualTo("http_version_not_supported");
        assertThat(connection.closedWithin(Duration.ofSeconds(10))).isTrue();
      }
    }
  }

  @Test
  void anH2cUpgradeIsAnsweredAsHttp11() throws Exception {
    try (RawHttp connection = RawHttp.connect(server.server.apiPort())) {
      RawHttp.Response response = connection.send("GET " + OpenShiftApi.DEFAULT_PREFIX + "/v1/openapi HTTP/1.1\r\n"
          + "Host: a\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n")
          .read();
      assertThat(response.statusLine()).isEqualTo("HTTP/1.1 200 OK");
      assertThat(response.header("upgrade")).isEmpty();
      assertThat(MAPPER.readTree(response.body()).get("openapi").textValue()).startsWith("3.");
      // Still HTTP/1.1 on the same connection.
      RawHttp.Response next = connection.send("GET " + OpenShiftApi.DEFAULT_PREFIX + "/v1/openapi HTTP/1.1\r\nHost: a\r\n\r\n")
          .read();
      assertThat(next.statusLine()).isEqualTo("HTTP/1.1 200 OK");
    }
  }

  // Header lines separated by ";;".
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "HTTP/1.1 | Content-Length: 5;;Transfer-Encoding: chunked",
      "HTTP/1.1 | Transfer-Encoding: chunked;;Content-Length: 5",
      "HTTP/1.1 | Transfer-Encoding: chunked;;Content-Length: 0",
      "HTTP/1.1 | Content-Length: 5;;Transfer-Encoding: gzip",
      "HTTP/1.1 | Transfer-Encoding: gzip",
      "HTTP/1.1 | Transfer-Encoding: gzip, chunked",
      "HTTP/1.1 | Transfer-Encoding: chunked, gzip",
      "HTTP/1.1 | Transfer-Encoding: chunked, chunked",
      "HTTP/1.1 | Transfer-Encoding: chunked;;Transfer-Encoding: chunked",
      "HTTP/1.1 | Transfer-Encoding: xchunked",
      "HTTP/1.1 | Transfer-Encoding: ",
      "HTTP/1.0 | Transfer-Encoding: chunked",
      "HTTP/1.1 | Content-Length: 5;;Content-Length: 6",
      "HTTP/1.1 | Content-Length: 5, 6",
      "HTTP/1.1 | Content-Length: abc",
      "HTTP/1.1 | Content-Length: -1",
  })
  void ambiguousFramingIsRefusedAndTheConnectionClosed(String version, String framing) throws Exception {
    // What a proxy reading the other header would take for a second request, inside the body.
    String smuggled = "GET /liveness HTTP/1.1\r\nHost: a\r\n\r\n";
    String body = Integer.toHexString(smuggled.length()) + "\r\n" + smuggled + "\r\n0\r\n\r\n";
    for (int port : ports()) {
      String request = "POST " + GRAPH + " " + version + "\r\nHost: a\r\n" + framing.replace(";;", "\r\n") + "\r\n\r\n"
          + body + smuggled;
      try (RawHttp connection = RawHttp.connect(port)) {
        RawHttp.Response response = connection.send(request).read();
        assertThat(response.statusLine()).as(framing).startsWith(version + " 400 ");
        assertThat(response.header("connection")).contains("close");
        assertThat(MAPPER.readTree(response.body()).get("kind").textValue()).as(framing).isEqualTo("invalid_framing");
        // Nothing after the refused head is answered: the next bytes the client sees are the close.
        assertThat(connection.closedWithin(Duration.ofSeconds(10))).as("closed after: " + framing).isTrue();
      }
    }
    assertThat(server.metric("covington_http_invalid_requests_total", "port=\"api\",kind=\"invalid_framing\""))
        .isGreaterThan(0);
  }

  @Test
  void aChunkedRequestAloneIsStillRead() throws Exception {
    try (RawHttp connection = RawHttp.connect(server.server.apiPort())) {
      RawHttp.Response response = connection.send("POST " + GRAPH + " HTTP/1.1\r\nHost: a\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n").read();
      assertThat(response.status()).isEqualTo(405);
      assertThat(MAPPER.readTree(response.body()).get("kind").textValue()).isEqualTo("method_not_allowed");
      assertThat(connection.closedWithin(Duration.ofMillis(300))).as("kept alive").isFalse();
    }
  }

  @Test
  void refusedRequestsAreCountedByKindNotLogged() throws Exception {
    double before = server.metric("covington_http_invalid_requests_total", "port=\"status\",kind=\"bad_request\"");
    refused(server.server.statusPort(), "NOT HTTP AT ALL\r\n\r\n", 400, "bad_request");
    assertThat(server.metric("covington_http_invalid_requests_total", "port=\"status\",kind=\"bad_request\""))
        .isEqualTo(before + 1);
  }

  @Test
  void statusPortErrorsAreJsonToo() throws Exception {
    try (RawHttp connection = RawHttp.connect(server.server.statusPort())) {
      RawHttp.Response missing = connection.send("GET /nothing HTTP/1.1\r\nHost: a\r\n\r\n").read();
      assertThat(missing.status()).isEqualTo(404);
      assertThat(MAPPER.readTree(missing.body()).get("kind").textValue()).isEqualTo("not_found");
      RawHttp.Response method = connection.send("DELETE /liveness HTTP/1.1\r\nHost: a\r\n\r\n").read();
      assertThat(method.status()).isEqualTo(405);
      assertThat(MAPPER.readTree(method.body()).get("kind").textValue()).isEqualTo("method_not_allowed");
    }
  }
}
