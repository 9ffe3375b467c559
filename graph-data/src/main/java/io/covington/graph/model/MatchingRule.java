package io.covington.graph.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One way a cluster evaluates whether a conditional risk applies to it.
 *
 * @param type {@code Always} or {@code PromQL} (other types are kept and passed through)
 * @param promql the PromQL query when {@code type} is {@code PromQL}
 */
public record MatchingRule(String type, Optional<String> promql) {

  public static final String ALWAYS = "Always";
  public static final String PROMQL = "PromQL";

  public MatchingRule {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(promql, "promql");
  }

  public static MatchingRule always() {
    return new MatchingRule(ALWAYS, Optional.empty());
  }

  public static MatchingRule promql(String query) {
    return new MatchingRule(PROMQL, Optional.of(query));
  }
}
