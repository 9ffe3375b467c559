package io.covington.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.covington.graph.input.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fetches are bounded in time and size, against a real HTTP server that trickles or floods, and a
 * URL that cannot be fetched is reported with the URL and the cause in words.
 */
class HttpFetchTest {

  private HttpServer http;
  private String base;

  @BeforeEach
  void serve() throws IOException {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/trickle", exchange -> {
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        for (int i = 0; i < 600; i++) {
          out.write('[');
          out.flush();
          Thread.sleep(100);
        }
      } catch (InterruptedException | IOException e) {
        // the client went away
      }
    });
    http.createContext("/flood", exchange -> {
      exchange.sendResponseHeaders(200, 0);
      byte[] chunk = new byte[64 << 10];
      try (OutputStream out = exchange.getResponseBody()) {
        for (int i = 0; i < 100; i++) {
          out.write(chunk);
        }
      } catch (IOException e) {
        // the client went away
      }
    });
    http.createContext("/declared", exchange -> {
      exchange.sendResponseHeaders(200, 10L << 20);
      exchange.close();
    });
    http.createContext("/gone", exchange -> {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    http.setExecutor(Executors.newCachedThreadPool());
    http.start();
    base = "http://127.0.0.1:" + http.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    http.stop(0);
  }

  @Test
  void aBodyThatTricklesIsCutOffAtTheDeadlineNamingTheUrl() {
    HttpFetch fetch = new HttpFetch(base + "/trickle", "application/json", Duration.ofSeconds(1), 1 << 20);
    Instant start = Instant.now();

    assertThatThrownBy(fetch::fetch).isInstanceOf(IOException.class)
        .hasMessageContaining(base + "/trickle").hasMessageContaining("did not send its whole body within 1 s");
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void aBodyLargerThanTheLimitIsRefusedWithoutReadingItAll() {
    HttpFetch fetch = new HttpFetch(base + "/flood", "application/json", Duration.ofSeconds(30), 1 << 20);

    assertThatThrownBy(fetch::fetch).isInstanceOfSatisfying(InvalidInputException.class, e ->
        assertThat(e.problems()).singleElement().satisfies(p -> {
          assertThat(p.source()).isEqualTo(base + "/flood");
          assertThat(p.kind()).isEqualTo("document_too_large");
          assertThat(p.message()).contains("1 MiB");
        }));
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedAtOnce() {
    HttpFetch fetch = new HttpFetch(base + "/declared", "application/json", Duration.ofSeconds(30), 1 << 20);

    assertThatThrownBy(fetch::fetch).isInstanceOfSatisfying(InvalidInputException.class, e ->
        assertThat(e.problems().get(0).message()).contains(Long.toString(10L << 20)));
  }

  @Test
  void aRefusedConnectionIsNamedWithTheUrlAndTheCause() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closed + "/releases.json";

    assertThatThrownBy(new HttpFetch(url, "application/json")::fetch).isInstanceOf(IOException.class)
        .hasMessage(url + ": connection refused by 127.0.0.1:" + closed + " (nothing listens there)");
  }

  @Test
  void anUnknownHostIsNamedAsADnsFailure() {
    // .invalid never resolves (RFC 6761).
    String url = "https://releases.covington.invalid/graph.json";

    assertThatThrownBy(new HttpFetch(url, "application/json")::fetch).isInstanceOf(IOException.class)
        .hasMessage(url + ": the host name releases.covington.invalid cannot be resolved (DNS)");
  }

  @Test
  void aServerThatNeverAnswersIsCutOffNamingTheDeadlineAndItsFlag() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String url = "http://127.0.0.1:" + silent.getLocalPort() + "/releases.json";
      HttpFetch fetch = new HttpFetch(url, "application/json", Duration.ofSeconds(1), 1 << 20);

      assertThatThrownBy(fetch::fetch).isInstanceOf(IOException.class)
          .hasMessage(url + " did not answer within 1 s (--fetch-timeout)");
    }
  }

  @Test
  void anHttpErrorStatusIsNamed() {
    assertThatThrownBy(new HttpFetch(base + "/gone", "application/json")::fetch).isInstanceOf(IOException.class)
        .hasMessage(base + "/gone answered HTTP status 404 (expected 200)");
  }
}
