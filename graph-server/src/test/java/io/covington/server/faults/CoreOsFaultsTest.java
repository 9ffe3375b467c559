package io.covington.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.covington.server.Covington;
import io.covington.server.RunningServer;
import io.covington.server.cli.CovingtonCommand;
import io.covington.sources.Await;
import io.covington.sources.HostileInputs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Faults of the CoreOS stream URLs while Zincati nodes are being answered: a metadata URL that
 * trickles, one that floods, one that answers half a document. The stream keeps its last good
 * graph byte for byte, and /status, metrics and the log name the URL and what went wrong.
 */
class CoreOsFaultsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WITHIN = Duration.ofSeconds(30);
  private static final String ZINCATI = "/v1/graph?basearch=x86_64&stream=stable&rollout_wariness=0";

  private final AtomicReference<String> mode = new AtomicReference<>("good");
  private final AtomicInteger testingTag = new AtomicInteger();
  private HttpServer http;
  private Covington running;
  private LogCapture log;
  private byte[] updates;

  @BeforeEach
  void start() throws Exception {
    log = new LogCapture();
    byte[] releases = bundled("stable/releases.json");
    updates = bundled("stable/updates.json");
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.setExecutor(Executors.newCachedThreadPool());
    http.createContext("/streams/stable/releases.json", exchange -> {
      exchange.sendResponseHeaders(200, releases.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(releases);
      }
    });
    http.createContext("/updates/stable.json", exchange -> {
      try (OutputStream out = exchange.getResponseBody()) {
        switch (mode.get()) {
          case "trickle" -> HostileInputs.trickle(exchange);
          case "flood" -> HostileInputs.flood(exchange, 210);
          case "half" -> {
            exchange.getResponseHeaders().add("ETag", "\"half\"");
            exchange.sendResponseHeaders(200, updates.length / 2);
            out.write(updates, 0, updates.length / 2);
          }
          default -> {
            exchange.getResponseHeaders().add("ETag", "\"good\"");
            exchange.sendResponseHeaders(200, updates.length);
            out.write(updates);
          }
        }
      } catch (IOException e) {
        // the server hung up on us, as it should
      }
    });
    byte[] testingReleases = bundled("testing/releases.json");
    byte[] testingUpdates = bundled("testing/updates.json");
    http.createContext("/streams/testing/releases.json", exchange -> {
      // A new tag is a new revision of the stream, as a publication of the same bytes would be.
      exchange.getResponseHeaders().add("ETag", "\"" + testingTag.get() + "\"");
      exchange.sendResponseHeaders(200, testingReleases.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(testingReleases);
      }
    });
    http.createContext("/updates/testing.json", exchange -> {
      exchange.sendResponseHeaders(200, testingUpdates.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(testingUpdates);
      }
    });
    http.start();
    String base = "http://127.0.0.1:" + http.getAddress().getPort();
    CovingtonCommand command = new CovingtonCommand();
    new CommandLine(command).parseArgs("--port", "0", "--status-port", "0", "--bind", "127.0.0.1",
        "--streams-releases-url", base + "/streams/{stream}/releases.json",
        "--streams-updates-url", base + "/updates/{stream}.json", "--stream", "stable", "--stream", "testing", "--streams-interval", "300ms",
        "--fetch-timeout", "1s");
    running = command.start();
    RunningServer.await(running.loaded());
    Await.until(WITHIN, "the stream served", () -> coreos().get("ready").asBoolean());
  }

  @AfterEach
  void stop() {
    running.stop();
    http.stop(0);
    log.close();
  }

  private String updatesUrl() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/updates/stable.json";
  }

  private JsonNode coreos() throws Exception {
    return JSON.readTree(RunningServer.get(URI.create("http://127.0.0.1:" + running.server().statusPort() + "/status")).body())
        .get("coreos");
  }

  private String graph() throws Exception {
    return RunningServer.get(URI.create("http://127.0.0.1:" + running.server().apiPort() + ZINCATI)).body();
  }

  private String metrics() throws Exception {
    return RunningServer.get(URI.create("http://127.0.0.1:" + running.server().statusPort() + "/metrics")).body();
  }

  /** The fault named {@code kind} on the updates URL is reported and the stream's graph did not change. */
  private void assertKeptTheStreamThrough(String fault, String reported) throws Exception {
    String before = graph();
    assertThat(before).contains("\"nodes\"");
    mode.set(fault);
    Await.until(WITHIN, fault + " reported", () -> coreos().get("failing").asBoolean());
    JsonNode problem = coreos().get("lastError").get("problems").get(0);
    assertThat(problem.get("file").asText()).isEqualTo(updatesUrl());
    assertThat(problem.toString()).contains(reported);
    assertThat(graph()).isEqualTo(before);
    assertThat(coreos().get("streams").get("names").toString()).isEqualTo("[\"stable\",\"testing\"]");
    assertThat(metrics()).contains("covington_coreos_reload_failing 1.0");
    assertThat(log.text()).contains(updatesUrl());

    mode.set("good");
    Await.until(WITHIN, "the URL recovered", () -> !coreos().get("failing").asBoolean());
    assertThat(graph()).isEqualTo(before);
  }

  @Test
  void anUpdatesUrlThatTricklesIsCutOffAtTheFetchDeadline() throws Exception {
    assertKeptTheStreamThrough("trickle", "did not send its whole body within 1 s");
  }

  @Test
  void anUpdatesUrlOf210MegabytesIsRefused() throws Exception {
    assertKeptTheStreamThrough("flood", "document_too_large");
  }

  @Test
  void halfAnUpdatesDocumentIsRefused() throws Exception {
    assertKeptTheStreamThrough("half", updatesUrl());
  }

  @Test
  void anotherStreamThatChangesMeanwhileIsPublishedAndTheFailingOneStaysReported() throws Exception {
    String before = graph();
    mode.set("half");
    Await.until(WITHIN, "the half document reported", () -> coreos().get("failing").asBoolean());
    String revision = coreos().get("streams").get("revision").asText();

    testingTag.incrementAndGet();
    Await.until(WITHIN, "the new testing revision published",
        () -> !coreos().get("streams").get("revision").asText().equals(revision));
    JsonNode status = coreos();
    assertThat(status.get("lastAttempt").get("outcome").asText()).isIn("published", "unchanged");
    assertThat(status.get("failing").asBoolean()).as("stable is still behind its URL").isTrue();
    assertThat(status.get("lastError").get("reason").asText()).contains("could not be refreshed");
    assertThat(status.get("lastError").get("problems").get(0).get("file").asText()).isEqualTo(updatesUrl());
    assertThat(status.get("streams").get("revision").asText()).contains("testing:").contains("etag-" + testingTag.get());
    assertThat(metrics()).contains("covington_coreos_reload_failing 1.0");
    assertThat(graph()).isEqualTo(before);
  }

  private static byte[] bundled(String path) throws IOException {
    try (InputStream in = CoreOsFaultsTest.class.getResourceAsStream("/io/covington/graph/bundled/coreos/" + path)) {
      return in.readAllBytes();
    }
  }
}
