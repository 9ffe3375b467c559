package io.covington.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.covington.server.Covington;
import io.covington.server.RunningServer;
import io.covington.server.cli.CovingtonCommand;
import io.covington.sources.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A CoreOS stream whose URL fails from the start is reported as never loaded and serving nothing,
 * not as keeping a last good graph it never had; once it has loaded, a later failure is reported
 * as keeping its last good graph.
 */
class CoreOsNeverLoadedTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WITHIN = Duration.ofSeconds(30);

  private final AtomicBoolean testingUp = new AtomicBoolean();
  private HttpServer http;
  private Covington running;
  private LogCapture log;
  private String base;

  @BeforeEach
  void start() throws Exception {
    log = new LogCapture();
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.setExecutor(Executors.newCachedThreadPool());
    for (String stream : new String[] {"stable", "testing"}) {
      byte[] releases = bundled(stream + "/releases.json");
      byte[] updates = bundled(stream + "/updates.json");
      boolean always = stream.equals("stable");
      http.createContext("/streams/" + stream + "/releases.json", exchange -> answer(exchange, always, releases));
      http.createContext("/updates/" + stream + ".json", exchange -> answer(exchange, always, updates));
    }
    http.start();
    base = "http://127.0.0.1:" + http.getAddress().getPort();
    CovingtonCommand command = new CovingtonCommand();
    new CommandLine(command).parseArgs("--port", "0", "--status-port", "0", "--bind", "127.0.0.1",
        "--streams-releases-url", base + "/streams/{stream}/releases.json",
        "--streams-updates-url", base + "/updates/{stream}.json", "--stream", "stable,testing",
        "--streams-interval", "300ms");
    running = command.start();
    RunningServer.await(running.loaded());
  }

  private void answer(HttpExchange exchange, boolean always, byte[] body) throws IOException {
    if (!always && !testingUp.get()) {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @AfterEach
  void stop() {
    running.stop();
    http.stop(0);
    log.close();
  }

  private JsonNode coreos() throws Exception {
    return JSON.readTree(RunningServer.get(URI.create("http://127.0.0.1:" + running.server().statusPort() + "/status")).body())
        .get("coreos");
  }

  @Test
  void aStreamThatNeverLoadedSaysSoAndOneThatFailsLaterKeepsItsLastGoodGraph() throws Exception {
    String testingUrl = base + "/streams/testing/releases.json";
    Await.until(WITHIN, "the absent stream reported", () -> coreos().get("failing").asBoolean());
    JsonNode status = coreos();
    assertThat(status.get("streams").get("names").toString()).isEqualTo("[\"stable\"]");
    String reason = status.get("lastError").get("reason").asText();
    assertThat(reason).contains("1 input(s) never loaded and serve nothing: " + testingUrl).doesNotContain("last good");
    assertThat(status.get("lastError").get("problems").get(0).get("file").asText()).isEqualTo(testingUrl);
    assertThat(log.text()).contains("never loaded and serve nothing: " + testingUrl);
    String metrics = RunningServer.get(URI.create("http://127.0.0.1:" + running.server().statusPort() + "/metrics")).body();
    assertThat(metrics).contains("covington_coreos_reload_failing 1.0").contains("one never read serves nothing");

    testingUp.set(true);
    Await.until(WITHIN, "the stream loaded", () -> !coreos().get("failing").asBoolean());
    assertThat(coreos().get("streams").get("names").toString()).isEqualTo("[\"stable\",\"testing\"]");

    testingUp.set(false);
    Await.until(WITHIN, "the later failure reported", () -> coreos().get("failing").asBoolean());
    reason = coreos().get("lastError").get("reason").asText();
    assertThat(reason).contains("could not be refreshed and serve their last good version: " + testingUrl)
        .doesNotContain("never loaded");
    assertThat(coreos().get("streams").get("names").toString()).isEqualTo("[\"stable\",\"testing\"]");
  }

  @Test
  void whenNoStreamHasEverLoadedStatusSaysNothingIsServed() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closed + "/streams/stable/releases.json";
    CovingtonCommand command = new CovingtonCommand();
    new CommandLine(command).parseArgs("--port", "0", "--status-port", "0", "--bind", "127.0.0.1",
        "--streams-releases-url", "http://127.0.0.1:" + closed + "/streams/{stream}/releases.json",
        "--streams-updates-url", "http://127.0.0.1:" + closed + "/updates/{stream}.json", "--stream", "stable",
        "--streams-interval", "300ms");
    Covington none = command.start();
    try {
      URI status = URI.create("http://127.0.0.1:" + none.server().statusPort() + "/status");
      Await.until(WITHIN, "the failure reported",
          () -> JSON.readTree(RunningServer.get(status).body()).get("coreos").get("failing").asBoolean());
      JsonNode coreos = JSON.readTree(RunningServer.get(status).body()).get("coreos");

      assertThat(coreos.get("ready").asBoolean()).isFalse();
      assertThat(coreos.get("lastError").get("reason").asText())
          .isEqualTo("the inputs cannot be read; nothing has loaded yet, so nothing is served");
      assertThat(coreos.get("lastError").get("problems").get(0).get("message").asText())
          .isEqualTo(url + ": connection refused by 127.0.0.1:" + closed + " (nothing listens there)");
    } finally {
      none.stop();
    }
  }

  private static byte[] bundled(String path) throws IOException {
    try (InputStream in = CoreOsNeverLoadedTest.class.getResourceAsStream("/io/covington/graph/bundled/coreos/" + path)) {
      return in.readAllBytes();
    }
  }
}
