package io.covington.graph.model;

import java.util.List;
import java.util.Objects;

/**
 * A known issue that makes an update conditional: clusters evaluate {@link #matchingRules()} to
 * decide whether it applies to them.
 */
public record Risk(String name, String url, String message, List<MatchingRule> matchingRules) {

  public Risk {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(message, "message");
    matchingRules = List.copyOf(matchingRules);
  }
}
