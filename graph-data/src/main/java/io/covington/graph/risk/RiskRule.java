package io.covington.graph.risk;

import io.covington.graph.input.BlockedEdge;
import io.covington.graph.input.GraphData;
import io.covington.graph.model.MatchingRule;
import io.covington.graph.model.Risk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One distinct PromQL query and every conditional block that uses it: graph-data repeats a query
 * in many files (about 1,000 rules, 64 distinct queries in openshift/cincinnati-graph-data).
 *
 * @param promql the query, exactly as written
 * @param uses the blocked-edges files and risk names that carry it, in file order
 */
public record RiskRule(String promql, List<Use> uses) {

  /** A blocked-edges file and the name of its risk. */
  public record Use(String source, String risk) {
    public Use {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(risk, "risk");
    }
  }

  public RiskRule {
    Objects.requireNonNull(promql, "promql");
    uses = List.copyOf(uses);
  }

  /** The distinct PromQL queries of {@code data}'s conditional blocks, in the order first used. */
  public static List<RiskRule> of(GraphData data) {
    Map<String, List<Use>> byQuery = new LinkedHashMap<>();
    for (BlockedEdge block : data.blockedEdges()) {
      if (block.risk().isEmpty()) {
        continue;
      }
      Risk risk = block.risk().get();
      for (MatchingRule rule : risk.matchingRules()) {
        if (MatchingRule.PROMQL.equals(rule.type()) && rule.promql().isPresent()) {
          byQuery.computeIfAbsent(rule.promql().get(), q -> new ArrayList<>()).add(new Use(block.source(), risk.name()));
        }
      }
    }
    List<RiskRule> rules = new ArrayList<>();
    byQuery.forEach((q, u) -> rules.add(new RiskRule(q, u)));
    return List.copyOf(rules);
  }
}
