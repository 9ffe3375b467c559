package io.covington.graph.snapshot;

import static io.covington.graph.model.MetadataKeys.MANIFEST_REF;
import static io.covington.graph.model.MetadataKeys.URL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.covington.graph.input.GraphData;
import io.covington.graph.input.GraphDataReader;
import io.covington.graph.input.InvalidInputException;
import io.covington.graph.model.ChannelGraph;
import io.covington.graph.model.ConditionalUpdateGroup;
import io.covington.graph.model.MatchingRule;
import io.covington.graph.model.Risk;
import io.covington.graph.model.VersionPair;
import io.covington.graph.validate.Finding;
import io.covington.graph.validate.GraphDataValidator;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden test of risk texts: one risk name with several messages in real graph-data. At
 * openshift/cincinnati-graph-data {@code 9a8b8309} (2024-12-12), {@code AROBrokenDNSMasq} says
 * "…running on ARO" in the files for 4.14.2 and 4.14.3 and "…running on ARO." in the others;
 * api.openshift.com served stable-4.14 with each target's own file's text (capture of 2024-12-12
 * 01:51, 23 minutes after that commit). Rebuilding the channel from the capture's releases and that
 * graph-data must give exactly those risks on every conditional update, compared as full risks (url,
 * message, rules), not by name.
 */
class RiskTextGoldenTest {

  private static final String AMD64 = "amd64";
  private static final String CHANNEL = "stable-4.14";
  private static final String RISK = "AROBrokenDNSMasq";

  private static GraphData graphData;
  private static JsonNode capturedJson;
  private static ChannelGraph ours;

  @BeforeAll
  static void build() throws InvalidInputException, URISyntaxException {
    graphData = GraphDataReader.read(Path.of(RiskTextGoldenTest.class.getResource("/corpus/graph-data-20241212-stable-4.14").toURI()));
    capturedJson = ServedGraph.resource("/corpus/graphs/stable-4.14-20241212.json");
    ServedGraph captured = ServedGraph.parse(capturedJson, AMD64);
    GraphSnapshot snapshot = GraphSnapshot.build(captured.toReleaseSet(AMD64, List.of(URL, MANIFEST_REF)), graphData);
    assertThat(snapshot.problems()).isEmpty();
    ours = snapshot.channel(CHANNEL, AMD64).orElseThrow();
  }

  @Test
  void theChannelIsTheCapturedOne() {
    ServedGraph captured = ServedGraph.parse(capturedJson, AMD64);
    ServedGraph served = ServedGraph.of(ours);

    assertThat(served.nodes().keySet()).containsExactlyInAnyOrderElementsOf(captured.nodes().keySet());
    assertThat(served.edges()).containsExactlyInAnyOrderElementsOf(captured.edges());
    assertThat(served.conditional()).isEqualTo(captured.conditional());
  }

  @Test
  void theGraphDataReallyHasOneRiskNameWithTwoMessages() {
    Set<String> messages = new TreeSet<>();
    graphData.blockedEdges().forEach(b -> b.risk().filter(r -> r.name().equals(RISK)).ifPresent(r -> messages.add(r.message())));
    assertThat(messages).containsExactly(
        "Adding a new worker node will fail for clusters running on ARO",
        "Adding a new worker node will fail for clusters running on ARO.");
  }

  @Test
  void everyConditionalUpdateCarriesItsTargetsOwnRiskText() {
    Map<VersionPair, Set<Risk>> captured = parseRisks(capturedJson);
    Map<VersionPair, Set<Risk>> served = risksOf(ours);

    assertThat(served.keySet()).containsExactlyInAnyOrderElementsOf(captured.keySet());
    for (Map.Entry<VersionPair, Set<Risk>> e : captured.entrySet()) {
      assertThat(served.get(e.getKey())).as(e.getKey().toString()).isEqualTo(e.getValue());
    }
  }

  @Test
  void theTwoTextsAreServedForTheTargetsWhoseFilesHoldThem() {
    Map<String, Set<String>> messageByTarget = new HashMap<>();
    risksOf(ours).forEach((pair, risks) -> risks.stream()
        .filter(r -> r.name().equals(RISK))
        .forEach(r -> messageByTarget.computeIfAbsent(pair.to(), k -> new HashSet<>()).add(r.message())));

    assertThat(messageByTarget.get("4.14.2")).containsExactly("Adding a new worker node will fail for clusters running on ARO");
    assertThat(messageByTarget.get("4.14.3")).containsExactly("Adding a new worker node will fail for clusters running on ARO");
    assertThat(messageByTarget.get("4.14.4")).containsExactly("Adding a new worker node will fail for clusters running on ARO.");
  }

  @Test
  void validateReportsTheDifferingDefinitionsAsWarningsNotErrors() {
    List<Finding> findings = GraphDataValidator.validate(graphData, Optional.empty());

    assertThat(GraphDataValidator.hasErrors(findings)).as(findings.toString()).isFalse();
    assertThat(findings)
        .filteredOn(f -> f.problem().kind().equals("inconsistent_risk") && f.problem().message().contains(RISK))
        .isNotEmpty()
        .allMatch(f -> !f.isError());
  }

  private static Map<VersionPair, Set<Risk>> risksOf(ChannelGraph graph) {
    Map<VersionPair, Set<Risk>> result = new HashMap<>();
    for (ConditionalUpdateGroup g : graph.conditionalEdges()) {
      for (VersionPair p : g.edges()) {
        result.computeIfAbsent(p, k -> new HashSet<>()).addAll(g.risks());
      }
    }
    return result;
  }

  /** Conditional updates of a captured response with their full risks. */
  private static Map<VersionPair, Set<Risk>> parseRisks(JsonNode root) {
    Map<VersionPair, Set<Risk>> result = new HashMap<>();
    for (JsonNode g : root.path("conditionalEdges")) {
      List<Risk> risks = new ArrayList<>();
      for (JsonNode r : g.path("risks")) {
        List<MatchingRule> rules = new ArrayList<>();
        for (JsonNode rule : r.path("matchingRules")) {
          JsonNode query = rule.path("promql").path("promql");
          rules.add(new MatchingRule(rule.path("type").asText(), query.isTextual() ? Optional.of(query.asText()) : Optional.empty()));
        }
        risks.add(new Risk(r.path("name").asText(), r.path("url").asText(), r.path("message").asText(), rules));
      }
      for (JsonNode p : g.path("edges")) {
        result.computeIfAbsent(new VersionPair(p.path("from").asText(), p.path("to").asText()), k -> new HashSet<>()).addAll(risks);
      }
    }
    return result;
  }
}
