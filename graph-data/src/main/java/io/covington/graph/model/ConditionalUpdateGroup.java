package io.covington.graph.model;

import java.util.List;

/**
 * Updates that share exactly the same set of risks; one entry of a response's {@code
 * conditionalEdges}.
 */
public record ConditionalUpdateGroup(List<VersionPair> edges, List<Risk> risks) {

  public ConditionalUpdateGroup {
    edges = List.copyOf(edges);
    risks = List.copyOf(risks);
  }
}
