package io.covington.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.covington.loadtest.ServedGraphs.ChannelGraph;
import io.covington.loadtest.ServedGraphs.StreamGraph;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The survey against a small server answering canned bodies: what has releases is found, nothing else. */
class SurveyTest {

  private static final String EMPTY = "{\"version\":1,\"nodes\":[],\"edges\":[],\"conditionalEdges\":[]}";
  private static final String P = "/api/upgrades_info";

  private final Map<String, String> answers = new HashMap<>();
  private final List<String> asked = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(request -> {
      asked.add(request.uri());
      String body = answers.get(request.uri());
      request.response().setStatusCode(body == null ? 404 : 200).putHeader("Content-Type", "application/json")
          .end(body == null ? "{\"kind\":\"not_found\",\"value\":\"" + request.path() + "\"}" : body);
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  private ServedGraphs survey() throws InterruptedException {
    ProbeClient client = new ProbeClient(URI.create("http://127.0.0.1:" + server.actualPort()));
    return new Survey(client, P, "/coreos").run();
  }

  private static String channels(String arch, String... nameAndCount) {
    StringBuilder s = new StringBuilder("{\"arch\":\"" + arch + "\",\"channels\":[");
    for (int i = 0; i < nameAndCount.length; i += 2) {
      s.append(i == 0 ? "" : ",").append("{\"name\":\"").append(nameAndCount[i]).append("\",\"releases\":")
          .append(nameAndCount[i + 1]).append('}');
    }
    return s.append("]}").toString();
  }

  private static String graph(String... versions) {
    StringBuilder s = new StringBuilder("{\"version\":1,\"nodes\":[");
    for (int i = 0; i < versions.length; i++) {
      s.append(i == 0 ? "" : ",").append("{\"version\":\"").append(versions[i]).append("\",\"payload\":\"p\",\"metadata\":{}}");
    }
    return s.append("],\"edges\":[],\"conditionalEdges\":[]}").toString();
  }

  /** Every architecture lists the channels; only those named here have releases. */
  private void openShift(Map<String, String> channelLists) {
    for (String arch : FleetPlan.ARCH_SHARES.keySet()) {
      answers.put(P + "/v1/channels?arch=" + arch,
          channelLists.getOrDefault(arch, channels(arch, "stable-4.16", "0", "fast-4.16", "0", "candidate-4.17", "0")));
    }
  }

  @Test
  void findsTheChannelsAndStreamsWithReleasesAndOnlyThose() throws Exception {
    openShift(Map.of("amd64", channels("amd64", "stable-4.16", "2", "fast-4.16", "0", "candidate-4.17", "1"),
        "arm64", channels("arm64", "stable-4.16", "1", "fast-4.16", "0", "candidate-4.17", "0")));
    answers.put(P + "/v1/graph?channel=stable-4.16&arch=amd64", graph("4.16.0", "4.16.1"));
    // Listed with a release, served empty (a reload in between): not polled.
    answers.put(P + "/v1/graph?channel=candidate-4.17&arch=amd64", EMPTY);
    answers.put(P + "/v1/graph?channel=stable-4.16&arch=arm64", graph("4.16.1"));
    answers.put("/coreos/v1/streams", "{\"streams\":[{\"name\":\"stable\",\"basearches\":[\"x86_64\",\"aarch64\"]},"
        + "{\"name\":\"next\",\"basearches\":[\"x86_64\"]}]}");
    answers.put("/coreos/v1/graph?basearch=x86_64&stream=stable", graph("41.1", "41.2"));
    answers.put("/coreos/v1/graph?basearch=x86_64&stream=next", "{\"nodes\":[],\"edges\":[]}");
    // aarch64 of stable: 404.

    ServedGraphs served = survey();

    assertThat(served.channels()).containsExactly(new ChannelGraph("stable-4.16", "amd64", List.of("4.16.0", "4.16.1")),
        new ChannelGraph("stable-4.16", "arm64", List.of("4.16.1")));
    assertThat(served.emptyArches()).containsExactly("multi", "s390x", "ppc64le");
    assertThat(served.streams()).containsExactly(new StreamGraph("stable", "x86_64", List.of("41.1", "41.2")));
    assertThat(asked).as("a channel listed without releases is not even asked for")
        .noneMatch(uri -> uri.contains("channel=fast-4.16")).noneMatch(uri -> uri.contains("arch=multi&"));
  }

  @Test
  void withoutAStreamListItAsksTheRealStreamsOnTheRealBasearches() throws Exception {
    openShift(Map.of("amd64", channels("amd64", "stable-4.16", "1")));
    answers.put(P + "/v1/graph?channel=stable-4.16&arch=amd64", graph("4.16.0"));
    answers.put("/coreos/v1/graph?basearch=aarch64&stream=testing", graph("42.1"));

    ServedGraphs served = survey();

    assertThat(served.streams()).containsExactly(new StreamGraph("testing", "aarch64", List.of("42.1")));
    assertThat(asked).contains("/coreos/v1/streams", "/coreos/v1/graph?basearch=x86_64&stream=stable",
        "/coreos/v1/graph?basearch=s390x&stream=next");
  }

  @Test
  void aServerWithNothingToPollIsAnErrorNamingWhatWasAsked() {
    openShift(Map.of());
    answers.put("/coreos/v1/graph?basearch=x86_64&stream=stable", graph("41.1"));
    assertThatThrownBy(this::survey).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(P + "/v1/channels").hasMessageContaining("no channel with releases");

    openShift(Map.of("amd64", channels("amd64", "stable-4.16", "1")));
    answers.put(P + "/v1/graph?channel=stable-4.16&arch=amd64", graph("4.16.0"));
    answers.remove("/coreos/v1/graph?basearch=x86_64&stream=stable");
    assertThatThrownBy(this::survey).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/coreos/v1/graph").hasMessageContaining("--coreos-path-prefix");
  }

  @Test
  void aMissingChannelListIsAnErrorNamingTheUrl() {
    assertThatThrownBy(this::survey).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(P + "/v1/channels?arch=amd64 answers 404");
  }
}
