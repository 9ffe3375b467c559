package io.covington.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.server.RunningServer;
import io.covington.server.openshift.OpenShiftApi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A few thousand randomized hostile requests over raw sockets against a real server: broken
 * request lines, random methods, huge and control-character headers, bad percent-encoding,
 * conflicting framing, garbage bytes, pipelining, half-closed sockets. Whatever the server
 * answers must not be a 5xx (but 503 overloaded and 505), every error must be {@code
 * {"kind","value"}} JSON, and a good request must still be answered afterwards.
 *
 * <p>The seed is fixed and printed; a failure names the case number and its bytes, and
 * {@code -Dfuzz.seed=N -Dfuzz.cases=M} replays other runs.
 */
class HostileRequestsFuzzTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long SEED = Long.getLong("fuzz.seed", 1_732_444_800L);
  private static final int CASES = Integer.getInteger("fuzz.cases", 3000);
  private static final String PREFIX = OpenShiftApi.DEFAULT_PREFIX;
  private static final List<String> PATHS = List.of(PREFIX + "/v1/graph", PREFIX + "/v1/channels",
      PREFIX + "/v1/openapi", PREFIX + "/v1/path", PREFIX + "/v1/blocked", "/v1/graph", "/v1/streams", "/v1/path",
      "/", "/dashboard/app.js", "/liveness", "/metrics", "*", "http://a/x", "//", "/%", "/%zz", "/%00", "/..%2f..",
      "/\u00e9", "/a?b=%", "/a?%=%", "/?=&&==", "");
  private static final List<String> METHODS = List.of("GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH",
      "TRACE", "CONNECT", "PRI", "get", "G\u00c9T", "GET GET", "", "\u0000", "BREW");
  private static final List<String> VERSIONS = List.of("HTTP/1.1", "HTTP/1.0", "HTTP/1.2", "HTTP/2.0", "HTTP/9.9",
      "HTTP/0.9", "http/1.1", "HTTP/1", "HTTP/1.1.1", "HTTP/x.y", "", "HTTP/1.1 extra", "HTTPS/1.1");
  private static final List<String> HEADER_NAMES = List.of("Host", "Accept", "Accept-Encoding", "If-None-Match",
      "Origin", "Access-Control-Request-Headers", "Content-Length", "Transfer-Encoding", "Connection", "Upgrade",
      "Expect", "Range", "Cookie", "X-Forwarded-For", "Bad Name", "", "\u0001", "Host ", " Host");
  private static final String VALUE_ALPHABET = ";,/=*\"qQW \t.01-eE%\u0000\u0001\u001f\u007f\u00ff\u0080chunkedgzip";

  private static RunningServer server;

  @BeforeAll
  static void start() throws Exception {
    // Short timeouts so that cases left half-open end quickly.
    server = RunningServer.start(PREFIX, HttpLimits.defaults().withTimeouts(Duration.ofSeconds(2),
        Duration.ofSeconds(2), Duration.ofSeconds(5)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void hostileRequestsGetNoServerErrorAndEveryErrorIsJson() throws Exception {
    System.out.println("HostileRequestsFuzzTest: seed " + SEED + ", " + CASES + " cases (-Dfuzz.seed, -Dfuzz.cases)");
    Random rng = new Random(SEED);
    int answered = 0;
    for (int i = 0; i < CASES; i++) {
      Case c = hostile(rng);
      List<RawHttp.Response> responses = exchange(c);
      for (RawHttp.Response response : responses) {
        answered++;
        String where = "case " + i + " (seed " + SEED + "): " + printable(c.bytes) + "\n -> " + response.statusLine();
        assertThat(response.status() < 500 || response.status() == 503 || response.status() == 505)
            .as(where).isTrue();
        if (response.status() >= 400 && !c.head) {
          assertThat(response.header("content-type")).as(where).contains("application/json");
          JsonNode body = MAPPER.readTree(response.body());
          assertThat(body.size()).as(where).isEqualTo(2);
          assertThat(body.get("kind").isTextual()).as(where).isTrue();
          assertThat(body.get("value").isTextual()).as(where).isTrue();
        }
      }
    }
    System.out.println("HostileRequestsFuzzTest: " + answered + " responses checked");
    assertThat(answered).as("responses checked").isGreaterThan(CASES / 2);
    assertThat(server.metric("covington_http_requests_total", "api=\"openshift\",route=\"unmatched\",code=\"500\""))
        .isZero();
    try (RawHttp good = RawHttp.connect(server.server.apiPort())) {
      RawHttp.Response response = good.send("GET " + PREFIX + "/v1/openapi HTTP/1.1\r\nHost: a\r\n\r\n").read();
      assertThat(response.status()).isEqualTo(200);
    }
    try (RawHttp probe = RawHttp.connect(server.server.statusPort())) {
      assertThat(probe.send("GET /liveness HTTP/1.1\r\nHost: a\r\n\r\n").read().status()).isEqualTo(200);
    }
  }

  /** The bytes of one case, how many requests, whether it ends half-closed, whether the first is a HEAD. */
  private record Case(byte[] bytes, int requests, boolean halfClose, boolean head, int port) {}

  /** Sends the case, then reads responses until the server closes or goes quiet. */
  private static List<RawHttp.Response> exchange(Case c) throws IOException {
    List<RawHttp.Response> responses = new ArrayList<>();
    try (RawHttp connection = RawHttp.connect(c.port)) {
      try {
        connection.send(c.bytes);
        if (c.halfClose) {
          connection.shutdownOutput();
        } else {
          // Ends whatever head is open, so the server answers rather than waits for the timeout.
          connection.send("\r\n\r\n");
        }
      } catch (IOException closedEarly) {
        // The server may close before reading everything (a refused head): read what it said.
      }
      connection.timeout(Duration.ofMillis(c.halfClose ? 3000 : 1000));
      for (int n = 0; n < c.requests; n++) {
        RawHttp.Response response;
        try {
          response = c.head && n == 0 ? connection.readHead() : connection.read();
        } catch (IOException | RuntimeException endOrQuiet) {
          break;
        }
        responses.add(response);
        if (response.header("connection").orElse("").equalsIgnoreCase("close")) {
          break;
        }
      }
    }
    return responses;
  }

  private static Case hostile(Random rng) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int requests = rng.nextInt(10) == 0 ? 2 + rng.nextInt(4) : 1;
    boolean head = false;
    for (int r = 0; r < requests; r++) {
      int kind = rng.nextInt(12);
      String method = rng.nextInt(3) == 0 ? pick(rng, METHODS) : "GET";
      if (r == 0) {
        head = method.equals("HEAD");
      }
      if (kind == 0) {
        // Garbage bytes.
        byte[] garbage = new byte[1 + rng.nextInt(600)];
        rng.nextBytes(garbage);
        out.writeBytes(garbage);
        continue;
      }
      String path = pick(rng, PATHS) + query(rng);
      if (kind == 1) {
        path = "/" + "a".repeat(3000 + rng.nextInt(3000));
      }
      String version = rng.nextInt(4) == 0 ? pick(rng, VERSIONS) : "HTTP/1.1";
      String separator = rng.nextInt(20) == 0 ? (rng.nextBoolean() ? "\t" : "  ") : " ";
      StringBuilder head1 = new StringBuilder(method + separator + path + separator + version + eol(rng));
      int headers = rng.nextInt(8);
      if (kind == 2) {
        headers = 90 + rng.nextInt(30);
      }
      for (int h = 0; h < headers; h++) {
        String name = rng.nextInt(6) == 0 ? pick(rng, HEADER_NAMES) : pick(rng, HEADER_NAMES.subList(0, 14));
        head1.append(name).append(rng.nextInt(15) == 0 ? "" : ":").append(rng.nextBoolean() ? " " : "")
            .append(value(rng, name, kind == 3)).append(eol(rng));
      }
      if (kind == 4) {
        head1.append("Content-Length: 4\r\nTransfer-Encoding: chunked\r\n");
      } else if (kind == 5) {
        head1.append("Transfer-Encoding: ").append(pick(rng, List.of("chunked", "gzip", "chunked, gzip", "identity",
            "chunked\r\nTransfer-Encoding: chunked"))).append("\r\n");
      } else if (kind == 6) {
        head1.append("Content-Length: ").append(pick(rng, List.of("1", "-1", "5, 6", "99999999999999999999", "x",
            "3\r\nContent-Length: 4"))).append("\r\n");
      }
      if (rng.nextInt(5) != 0) {
        head1.append(eol(rng));
      }
      out.writeBytes(head1.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (kind == 4 || kind == 5) {
        out.writeBytes("4\r\nabcd\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      if (kind == 6 || kind == 7) {
        byte[] body = new byte[rng.nextInt(20)];
        rng.nextBytes(body);
        out.writeBytes(body);
      }
    }
    int port = rng.nextInt(5) == 0 ? server.server.statusPort() : server.server.apiPort();
    return new Case(out.toByteArray(), requests, rng.nextInt(6) == 0, head, port);
  }

  private static String query(Random rng) {
    if (rng.nextBoolean()) {
      return "";
    }
    List<String> parts = List.of("channel=stable-4.16", "channel=", "channel=%", "channel=%zz", "channel=%00",
        "channel=a%2", "arch=%E9", "arch=" + "x".repeat(200), "stream=stable", "basearch=x86_64", "from=4.15.1",
        "to=%ff%fe", "acceptRisks=all", "oci=maybe", "rollout_wariness=NaN", "rollout_wariness=2", "node_uuid=%",
        "&&", "=", "a=b=c", "%26=%3D", "channel=stable-4.16&channel=fast-4.16");
    StringBuilder q = new StringBuilder("?");
    int n = 1 + rng.nextInt(4);
    for (int i = 0; i < n; i++) {
      q.append(i == 0 ? "" : "&").append(pick(rng, parts));
    }
    return q.toString();
  }

  private static String value(Random rng, String name, boolean huge) {
    if (huge) {
      return "v".repeat(4000 + rng.nextInt(6000));
    }
    if (rng.nextInt(3) == 0) {
      List<String> typical = switch (name) {
        case "Accept" -> List.of(";", "/", "*/*;q=", "application/json", "text/html", "*/*;q=0", "a/b;q=2");
        case "Accept-Encoding" -> List.of(";q=x", "gzip", "gzip;q=NaN", "*;q=0", "identity;q=0");
        case "If-None-Match" -> List.of("W/", "*", "\"", "W/\"abc\"", "\"x\",,W/");
        case "Connection" -> List.of("close", "keep-alive", "Upgrade, HTTP2-Settings", "TE, close");
        case "Upgrade" -> List.of("h2c", "websocket", "HTTP/2.0");
        case "Expect" -> List.of("100-continue", "nothing");
        default -> List.of("", " ", "a");
      };
      return pick(rng, typical);
    }
    StringBuilder value = new StringBuilder();
    int length = rng.nextInt(30);
    for (int i = 0; i < length; i++) {
      value.append(VALUE_ALPHABET.charAt(rng.nextInt(VALUE_ALPHABET.length())));
    }
    return value.toString();
  }

  private static String eol(Random rng) {
    int r = rng.nextInt(30);
    return r == 0 ? "\n" : r == 1 ? "\r" : "\r\n";
  }

  private static <T> T pick(Random rng, List<T> values) {
    return values.get(rng.nextInt(values.size()));
  }

  private static String printable(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    return Rejected.printable(text.length() > 400 ? text.substring(0, 400) : text);
  }
}
