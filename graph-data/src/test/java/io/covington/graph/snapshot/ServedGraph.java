package io.covington.graph.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covington.graph.input.ReleaseEdge;
import io.covington.graph.input.ReleaseSet;
import io.covington.graph.model.ChannelGraph;
import io.covington.graph.model.ConditionalUpdateGroup;
import io.covington.graph.model.IndexEdge;
import io.covington.graph.model.MatchingRule;
import io.covington.graph.model.Release;
import io.covington.graph.model.Risk;
import io.covington.graph.model.VersionPair;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A served channel graph reduced to what is compared in golden tests: sets of versions and
 * version pairs, never indexes (node order is not meaningful on the wire).
 *
 * @param nodes releases by version
 * @param edges unconditional updates
 * @param conditional conditional updates → the names of their risks
 * @param risks every risk by name
 */
record ServedGraph(
    Map<String, Release> nodes,
    Set<VersionPair> edges,
    Map<VersionPair, Set<String>> conditional,
    Map<String, Risk> risks,
    Map<VersionPair, Set<Risk>> fullRisks) {

  static ServedGraph of(ChannelGraph graph) {
    Map<String, Release> nodes = new LinkedHashMap<>();
    graph.nodes().forEach(r -> nodes.put(r.version(), r));
    Set<VersionPair> edges = new HashSet<>();
    for (IndexEdge e : graph.edges()) {
      edges.add(new VersionPair(graph.nodes().get(e.from()).version(), graph.nodes().get(e.to()).version()));
    }
    Map<VersionPair, Set<String>> conditional = new HashMap<>();
    Map<String, Risk> risks = new HashMap<>();
    Map<VersionPair, Set<Risk>> fullRisks = new HashMap<>();
    for (ConditionalUpdateGroup g : graph.conditionalEdges()) {
      for (VersionPair p : g.edges()) {
        Set<String> names = conditional.computeIfAbsent(p, k -> new HashSet<>());
        g.risks().forEach(r -> names.add(r.name()));
        fullRisks.computeIfAbsent(p, k -> new HashSet<>()).addAll(g.risks());
      }
      g.risks().forEach(r -> risks.put(r.name(), r));
    }
    return new ServedGraph(nodes, edges, conditional, risks, fullRisks);
  }

  /** Parses a graph API response (the captured wire format). */
  static ServedGraph parse(JsonNode root, String arch) {
    List<String> versionByIndex = new ArrayList<>();
    Map<String, Release> nodes = new LinkedHashMap<>();
    for (JsonNode n : root.path("nodes")) {
      Map<String, String> metadata = new LinkedHashMap<>();
      n.path("metadata").properties().forEach(e -> metadata.put(e.getKey(), e.getValue().textValue()));
      Release r = new Release(n.path("version").asText(), arch, n.path("payload").asText(), metadata);
      versionByIndex.add(r.version());
      nodes.put(r.version(), r);
    }
    Set<VersionPair> edges = new HashSet<>();
    for (JsonNode e : root.path("edges")) {
      edges.add(new VersionPair(versionByIndex.get(e.get(0).asInt()), versionByIndex.get(e.get(1).asInt())));
    }
    Map<VersionPair, Set<String>> conditional = new HashMap<>();
    Map<String, Risk> risks = new HashMap<>();
    Map<VersionPair, Set<Risk>> fullRisks = new HashMap<>();
    for (JsonNode g : root.path("conditionalEdges")) {
      List<Risk> groupRisks = new ArrayList<>();
      for (JsonNode r : g.path("risks")) {
        List<MatchingRule> rules = new ArrayList<>();
        for (JsonNode rule : r.path("matchingRules")) {
          JsonNode query = rule.path("promql").path("promql");
          rules.add(new MatchingRule(rule.path("type").asText(), query.isTextual() ? Optional.of(query.asText()) : Optional.empty()));
        }
        Risk risk = new Risk(r.path("name").asText(), r.path("url").asText(), r.path("message").asText(), rules);
        groupRisks.add(risk);
        risks.put(risk.name(), risk);
      }
      for (JsonNode p : g.path("edges")) {
        VersionPair pair = new VersionPair(p.path("from").asText(), p.path("to").asText());
        Set<String> names = conditional.computeIfAbsent(pair, k -> new HashSet<>());
        groupRisks.forEach(r -> names.add(r.name()));
        fullRisks.computeIfAbsent(pair, k -> new HashSet<>()).addAll(groupRisks);
      }
    }
    return new ServedGraph(nodes, edges, conditional, risks, fullRisks);
  }

  /** Reads a response from the test classpath. */
  static JsonNode resource(String path) {
    try (InputStream in = ServedGraph.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + path + " is missing");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The releases and declared updates this response implies: its nodes (payload and the
   * metadata a release image provides) and every update it offers, plain or conditional, standing
   * in for the images' {@code previous} lists.
   */
  ReleaseSet toReleaseSet(String arch, List<String> imageKeys) {
    List<Release> releases = new ArrayList<>();
    for (Release r : nodes.values()) {
      Map<String, String> metadata = new LinkedHashMap<>();
      imageKeys.forEach(k -> {
        if (r.metadata().containsKey(k)) {
          metadata.put(k, r.metadata().get(k));
        }
      });
      releases.add(new Release(r.version(), arch, r.payload(), metadata));
    }
    List<ReleaseEdge> declared = new ArrayList<>();
    Set<VersionPair> all = new HashSet<>(edges);
    all.addAll(conditional.keySet());
    all.forEach(p -> declared.add(new ReleaseEdge(p.from() + "+" + arch, p.to() + "+" + arch)));
    return new ReleaseSet(releases, declared, List.of(), "capture");
  }
}
