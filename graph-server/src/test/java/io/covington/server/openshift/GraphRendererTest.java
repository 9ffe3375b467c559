package io.covington.server.openshift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.graph.model.ChannelGraph;
import io.covington.graph.model.ConditionalUpdateGroup;
import io.covington.graph.model.IndexEdge;
import io.covington.graph.model.MatchingRule;
import io.covington.graph.model.Release;
import io.covington.graph.model.Risk;
import io.covington.graph.model.VersionPair;
import io.covington.graph.snapshot.ChannelSummary;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphRendererTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void theEmptyGraphIsExactlyTheReferenceBody() {
    byte[] body = GraphRenderer.render(ChannelGraph.empty("stable-9.9", "amd64"));

    assertThat(new String(body, StandardCharsets.UTF_8))
        .isEqualTo("{\"version\":1,\"nodes\":[],\"edges\":[],\"conditionalEdges\":[]}");
  }

  @Test
  void rendersNodesEdgesAndConditionalEdges() throws Exception {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("url", "https://access.redhat.com/errata/RHBA-2024:1");
    metadata.put("io.openshift.upgrades.graph.release.channels", "stable-4.16");
    Release a = new Release("4.16.0", "amd64", "quay.io/x@sha256:aa", metadata);
    Release b = new Release("4.16.1", "amd64", "quay.io/x@sha256:bb", Map.of("url", "https://e/\"1\"\u2603"));
    Risk risk =
        new Risk(
            "TestRisk",
            "https://issues.example.com/1",
            "may \"fail\"\n",
            List.of(MatchingRule.promql("up{job=\"x\"} == 0"), MatchingRule.always()));
    ChannelGraph graph =
        new ChannelGraph(
            "stable-4.16",
            "amd64",
            List.of(a, b),
            List.of(new IndexEdge(0, 1)),
            List.of(new ConditionalUpdateGroup(List.of(new VersionPair("4.16.0", "4.16.1")), List.of(risk))));

    byte[] body = GraphRenderer.render(graph);
    JsonNode json = MAPPER.readTree(body);

    assertThat(body[0]).isEqualTo((byte) '{');
    assertThat(body[body.length - 1]).isEqualTo((byte) '}');
    assertThat(json.get("version").intValue()).isEqualTo(1);
    assertThat(json.get("nodes")).hasSize(2);
    assertThat(json.at("/nodes/0/version").textValue()).isEqualTo("4.16.0");
    assertThat(json.at("/nodes/0/payload").textValue()).isEqualTo("quay.io/x@sha256:aa");
    assertThat(json.at("/nodes/0/metadata").properties())
        .extracting(Map.Entry::getKey)
        .containsExactly("url", "io.openshift.upgrades.graph.release.channels");
    assertThat(json.at("/nodes/1/metadata/url").textValue()).isEqualTo("https://e/\"1\"\u2603");
    assertThat(json.get("edges").toString()).isEqualTo("[[0,1]]");
    assertThat(json.at("/conditionalEdges/0/edges").toString())
        .isEqualTo("[{\"from\":\"4.16.0\",\"to\":\"4.16.1\"}]");
    JsonNode renderedRisk = json.at("/conditionalEdges/0/risks/0");
    assertThat(renderedRisk.properties())
        .extracting(Map.Entry::getKey)
        .containsExactly("url", "name", "message", "matchingRules");
    assertThat(renderedRisk.get("message").textValue()).isEqualTo("may \"fail\"\n");
    assertThat(renderedRisk.get("matchingRules").toString())
        .isEqualTo("[{\"type\":\"PromQL\",\"promql\":{\"promql\":\"up{job=\\\"x\\\"} == 0\"}},{\"type\":\"Always\"}]");
  }

  @Test
  void renderingIsAPureFunction() {
    ChannelGraph graph =
        new ChannelGraph(
            "c", "amd64", List.of(new Release("1.0.0", "amd64", "p", Map.of())), List.of(), List.of());

    assertThat(GraphRenderer.render(graph)).isEqualTo(GraphRenderer.render(graph));
  }

  @Test
  void rendersTheChannelList() {
    byte[] body =
        ChannelsRenderer.render("arm64", List.of(new ChannelSummary("fast-4.16", 2), new ChannelSummary("stable-4.16", 0)));

    assertThat(new String(body, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"arch\":\"arm64\",\"channels\":[{\"name\":\"fast-4.16\",\"releases\":2},"
                + "{\"name\":\"stable-4.16\",\"releases\":0}]}");
  }
}
