package io.covington.server.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.covington.server.Covington;
import io.covington.server.RunningServer;
import io.covington.server.cli.CovingtonCommand;
import io.covington.sources.Await;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The CoreOS streams' loads on {@code /status}, as an operator following the public service sees
 * them: a stream URL that fails is named, and once it answers the served revision shows.
 */
class CoreOsStatusTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void statusSaysWhyTheStreamsAreNotServedAndThenWhatIsServed() throws Exception {
    Map<String, byte[]> files = new ConcurrentHashMap<>();
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", exchange -> {
      byte[] body = files.get(exchange.getRequestURI().getPath());
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
      } else {
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    http.start();
    String base = "http://127.0.0.1:" + http.getAddress().getPort();
    CovingtonCommand command = new CovingtonCommand();
    new CommandLine(command).parseArgs("--port", "0", "--status-port", "0", "--bind", "127.0.0.1",
        "--streams-releases-url", base + "/streams/{stream}/releases.json",
        "--streams-updates-url", base + "/updates/{stream}.json", "--stream", "stable", "--streams-interval", "200ms");
    Covington running = command.start();
    try {
      RunningServer.await(running.loaded());
      URI status = URI.create("http://127.0.0.1:" + running.server().statusPort() + "/status");

      JsonNode failing = JSON.readTree(RunningServer.get(status).body()).get("coreos");
      assertThat(failing.get("ready").asBoolean()).isFalse();
      assertThat(failing.get("streams").isNull()).isTrue();
      assertThat(failing.get("failing").asBoolean()).isTrue();
      assertThat(failing.get("lastAttempt").get("outcome").asText()).isEqualTo("rejected");
      assertThat(failing.get("lastError").get("problems").get(0).get("file").asText())
          .isEqualTo(base + "/streams/stable/releases.json");
      assertThat(failing.get("sources").get(0).asText()).startsWith("streams: " + base);

      files.put("/streams/stable/releases.json", bundled("stable/releases.json"));
      files.put("/updates/stable.json", bundled("stable/updates.json"));
      Await.until(Duration.ofSeconds(15), "the stream served",
          () -> JSON.readTree(RunningServer.get(status).body()).get("coreos").get("ready").asBoolean());

      JsonNode served = JSON.readTree(RunningServer.get(status).body()).get("coreos");
      assertThat(served.get("failing").asBoolean()).isFalse();
      assertThat(served.get("lastAttempt").get("outcome").asText()).isIn("published", "unchanged");
      assertThat(served.get("streams").get("names").toString()).isEqualTo("[\"stable\"]");
      assertThat(served.get("streams").get("revision").asText()).startsWith("stable:");
      assertThat(served.get("streams").get("ageSeconds").isNumber()).isTrue();
      assertThat(RunningServer.get(URI.create("http://127.0.0.1:" + running.server().statusPort() + "/metrics")).body())
          .contains("covington_coreos_reloads_total{outcome=\"published\",} 1.0")
          .contains("covington_coreos_reload_failing 0.0");
    } finally {
      running.stop();
      http.stop(0);
    }
  }

  private static byte[] bundled(String path) throws IOException {
    try (InputStream in = CoreOsStatusTest.class.getResourceAsStream("/io/covington/graph/bundled/coreos/" + path)) {
      return in.readAllBytes();
    }
  }
}
