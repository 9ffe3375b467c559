package io.covington.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.server.RunningServer;
import io.covington.server.openshift.OpenShiftApi;
import io.covington.sources.Await;
import io.covington.sources.OpenShiftLoader;
import io.covington.sources.TestInputs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge's timeouts, connection cap and shedding, each fault injected over raw sockets against
 * a real server with short limits. Waits are deadlines, with margins far above the limits.
 */
class ConnectionLimitsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String PREFIX = OpenShiftApi.DEFAULT_PREFIX;
  private static final Duration MARGIN = Duration.ofSeconds(20);
  /** 435 KB, served without a snapshot: a response larger than a socket takes at once when piled up. */
  private static final String LARGE = "/dashboard/vendor/cytoscape.min.js";

  private static HttpLimits limits(Duration header, Duration idle, Duration write) {
    return HttpLimits.defaults().withTimeouts(header, idle, write);
  }

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: a\r\n\r\n";
  }

  private static double closed(RunningServer server, String reason) {
    return server.metric("covington_http_connections_closed_total", "port=\"api\",reason=\"" + reason + "\"");
  }

  /** The status of a request from a new, well-behaved client on a connection of its own. */
  private static int served(RunningServer server, String path) throws IOException {
    try (RawHttp client = RawHttp.connect(server.server.apiPort())) {
      return client.send("GET " + path + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").read().status();
    }
  }

  @Test
  void aConnectionThatSendsNothingIsClosedAfterTheHeaderTimeout() throws Exception {
    try (RunningServer server = RunningServer.start(PREFIX, limits(Duration.ofSeconds(1), Duration.ofHours(1),
        Duration.ofHours(1)))) {
      try (RawHttp silent = RawHttp.connect(server.server.apiPort())) {
        assertThat(silent.closedWithin(MARGIN)).isTrue();
      }
      Await.until(MARGIN, "counted", () -> closed(server, "header_timeout") == 1);
    }
  }

  @Test
  void slowlorisIsClosedAfterTheHeaderTimeoutThoughItKeepsSending() throws Exception {
    try (RunningServer server = RunningServer.start(PREFIX, limits(Duration.ofSeconds(1), Duration.ofHours(1),
        Duration.ofHours(1)))) {
      try (RawHttp loris = RawHttp.connect(server.server.apiPort())) {
        loris.send("GET " + PREFIX + "/v1/openapi HTTP/1.1\r\nHost: a\r\n");
        long deadline = System.nanoTime() + MARGIN.toNanos();
        RawHttp.Response answer = null;
        // One header byte every 100 ms, for ever: only the header timeout ends it.
        while (System.nanoTime() < deadline && answer == null) {
          try {
            loris.send("X");
          } catch (IOException closed) {
            break;
          }
          if (loris.closedWithin(Duration.ofMillis(100))) {
            break;
          }
        }
        assertThat(System.nanoTime()).as("closed before the deadline").isLessThan(deadline);
      }
      assertThat(closed(server, "header_timeout")).isEqualTo(1);
    }
  }

  @Test
  void aPartialHeadIsAnswered408AsJson() throws Exception {
    try (RunningServer server = RunningServer.start(PREFIX, limits(Duration.ofSeconds(1), Duration.ofHours(1),
        Duration.ofHours(1)))) {
      try (RawHttp loris = RawHttp.connect(server.server.apiPort())) {
        RawHttp.Response response = loris.send("GET " + PREFIX + "/v1/openapi HTTP/1.1\r\nHost: a\r\n").read();
        assertThat(response.statusLine()).startsWith("HTTP/1.1 408 ");
        assertThat(response.header("connection")).contains("close");
        assertThat(MAPPER.readTree(response.body()).get("kind").textValue()).isEqualTo("request_timeout");
        assertThat(loris.closedWithin(MARGIN)).isTrue();
      }
    }
  }

  @Test
  void aKeptAliveConnectionIsClosedAfterTheIdleTimeoutAndServesUntilThen() throws Exception {
    try (RunningServer server = RunningServer.start(PREFIX, limits(Duration.ofSeconds(30), Duration.ofSeconds(2),
        Duration.ofHours(1)))) {
      try (RawHttp client = RawHttp.connect(server.server.apiPort())) {
        assertThat(client.send(get(PREFIX + "/v1/openapi")).read().status()).isEqualTo(200);
        // Well within the idle timeout: the connection serves again.
        assertThat(client.send(get(PREFIX + "/v1/openapi")).read().status()).isEqualTo(200);
        assertThat(client.closedWithin(MARGIN)).isTrue();
      }
      assertThat(closed(server, "idle")).isEqualTo(1);
      assertThat(closed(server, "header_timeout")).isZero();
    }
  }

  @Test
  void aClientThatStopsReadingIsCutOffAfterTheWriteTimeout() throws Exception {
    // A bounded send buffer, else the kernel takes the whole response (see HttpLimits#sendBufferBytes).
    try (RunningServer server = RunningServer.start(PREFIX, limits(Duration.ofSeconds(30), Duration.ofHours(1),
        Duration.ofSeconds(1)).withSendBuffer(16 << 10))) {
      try (RawHttp stalled = RawHttp.connect(server.server.apiPort(), 4096)) {
        // Far more than the socket buffers hold; then never read.
        stalled.send(get(LARGE));
        Await.until(MARGIN, "the stalled connection closed by the write timeout",
            () -> closed(server, "write_timeout") == 1);
        Await.until(MARGIN, "no connection left open", () -> server.server.apiConnections() == 0);
      }
      assertThat(served(server, PREFIX + "/v1/openapi")).isEqualTo(200);
    }
  }

  @Test
  void heldConnectionsBeyondTheCapCloseTheOldestIdleAndNewClientsAreServed() throws Exception {
    int cap = 40;
    // Few requests in flight allowed: held connections closed mid-head must not count as in flight.
    try (RunningServer server = RunningServer.start(PREFIX,
        HttpLimits.defaults().withMaxConnections(cap).withShedding(8, HttpLimits.DEFAULT_MAX_QUEUED_BYTES))) {
      List<RawHttp> held = new ArrayList<>();
      try {
        for (int i = 0; i < 5 * cap; i++) {
          RawHttp connection = RawHttp.connect(server.server.apiPort());
          held.add(connection);
          switch (i % 3) {
            case 0 -> { } // idle: never sends
            case 1 -> connection.send("GET " + PREFIX + "/v1/openapi HTTP/1.1\r\nHost: a\r\n"); // slowloris
            default -> connection.send(get(PREFIX + "/v1/openapi")).read(); // kept alive after a response
          }
          assertThat(server.server.apiConnections()).isLessThanOrEqualTo(cap + 1);
        }
        // A new, well-behaved client: served on the API and the status port.
        assertThat(served(server, PREFIX + "/v1/openapi")).isEqualTo(200);
        assertThat(server.metric("covington_http_shed_total", "reason=\"in_flight\"")).isZero();
        try (RawHttp probe = RawHttp.connect(server.server.statusPort())) {
          assertThat(probe.send(get("/liveness")).read().status()).isEqualTo(200);
        }
        assertThat(closed(server, "cap")).isGreaterThanOrEqualTo(4 * cap - 1);
        // The oldest held ones were closed, the newest are still open.
        assertThat(held.get(0).closedWithin(Duration.ofSeconds(5))).isTrue();
        assertThat(held.get(held.size() - 1).closedWithin(Duration.ofMillis(200))).isFalse();
      } finally {
        for (RawHttp connection : held) {
          connection.close();
        }
      }
      Await.until(MARGIN, "every connection closed", () -> server.server.apiConnections() == 0);
    }
  }

  @Test
  void atTheCapWithNothingIdleANewConnectionIsRefused503() throws Exception {
    try (RunningServer server = RunningServer.start(PREFIX,
        HttpLimits.defaults().withMaxConnections(2).withSendBuffer(16 << 10))) {
      // Two connections busy writing to clients that do not read.
      List<RawHttp> busy = new ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) {
          RawHttp stalled = RawHttp.connect(server.server.apiPort(), 4096);
          busy.add(stalled);
          // The head arrives, the 435 KB body stays queued: the connection is busy.
          assertThat(stalled.send(get(LARGE)).readHead().status()).isEqualTo(200);
        }
        try (RawHttp refused = RawHttp.connect(server.server.apiPort())) {
          RawHttp.Response response = refused.read();
          assertThat(response.status()).isEqualTo(503);
          assertThat(response.header("retry-after")).contains("5");
          assertThat(MAPPER.readTree(response.body()).get("kind").textValue()).isEqualTo("overloaded");
          assertThat(refused.closedWithin(MARGIN)).isTrue();
        }
        assertThat(server.metric("covington_http_shed_total", "reason=\"connections\"")).isEqualTo(1);
      } finally {
        for (RawHttp connection : busy) {
          connection.close();
        }
      }
    }
  }

  @Test
  void requestsBeyondTheInFlightBoundAreShed503WithRetryAfter(@TempDir Path dir) throws Exception {
    try (RunningServer server = RunningServer.start(PREFIX,
        HttpLimits.defaults().withShedding(2, HttpLimits.DEFAULT_MAX_QUEUED_BYTES))) {
      TestInputs.Inputs inputs = TestInputs.write(dir);
      RunningServer.await(server.load(
          OpenShiftLoader.of(Optional.of(inputs.releases().toString()), Optional.of(inputs.graphData())), false));
      // Many clients at once, each asking for a path nobody asked for before: each is computed on
      // the query pool, so requests pile up in flight while the first ones are computed. (On one
      // pipelining connection they would not: the server reads the next head only after answering.)
      List<String> versions = new ArrayList<>();
      try (RawHttp client = RawHttp.connect(server.server.apiPort())) {
        MAPPER.readTree(client.send(get(PREFIX + "/v1/graph?channel=stable-4.16")).read().body()).get("nodes")
            .forEach(node -> versions.add(node.get("version").asText()));
      }
      List<RawHttp> clients = new ArrayList<>();
      List<RawHttp.Response> answers = new ArrayList<>();
      try {
        for (int i = 0; i < 60; i++) {
          String query = "/v1/path?channel=stable-4.16&from=" + versions.get(i % versions.size()) + "&to="
              + versions.get((i / versions.size() + i + 1) % versions.size());
          clients.add(RawHttp.connect(server.server.apiPort()));
          clients.get(i).send(get(PREFIX + query));
        }
        for (RawHttp client : clients) {
          answers.add(client.read());
        }
      } finally {
        for (RawHttp client : clients) {
          client.close();
        }
      }
      List<RawHttp.Response> shed = answers.stream().filter(r -> r.status() == 503).toList();
      assertThat(shed).as("answers shed").isNotEmpty();
      assertThat(answers).allSatisfy(r -> assertThat(r.status() < 500 || r.status() == 503).as(r.statusLine()).isTrue());
      for (RawHttp.Response response : shed) {
        assertThat(response.header("retry-after")).contains("5");
        assertThat(response.header("connection")).contains("close");
        assertThat(MAPPER.readTree(response.body()).get("kind").textValue()).isEqualTo("overloaded");
      }
      assertThat(server.metric("covington_http_shed_total", "reason=\"in_flight\"")).isGreaterThanOrEqualTo(1);
      // Below the bound again: served.
      assertThat(served(server, PREFIX + "/v1/path?channel=stable-4.16&from=4.15.1")).isEqualTo(200);
    }
  }

  @Test
  void connectionsAreCountedPerPort() throws Exception {
    try (RunningServer server = RunningServer.start(PREFIX)) {
      try (RawHttp a = RawHttp.connect(server.server.apiPort()); RawHttp b = RawHttp.connect(server.server.apiPort())) {
        a.send(get(PREFIX + "/v1/openapi")).read();
        b.send(get(PREFIX + "/v1/openapi")).read();
        assertThat(server.metric("covington_http_connections", "port=\"api\"")).isEqualTo(2);
      }
      Await.until(MARGIN, "closed connections uncounted",
          () -> server.metric("covington_http_connections", "port=\"api\"") == 0);
    }
  }
}
