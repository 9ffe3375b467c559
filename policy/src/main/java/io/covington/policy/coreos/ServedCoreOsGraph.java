package io.covington.policy.coreos;

import io.covington.graph.coreos.CoreOsGraph;
import io.covington.graph.coreos.CoreOsGraphKey;
import java.util.Objects;
import java.util.Set;

/**
 * The graph one request is served: a stream graph minus the edges into the rollouts the client
 * is too wary of. Two requests with equal {@link #cacheKey()} on the same snapshot get the same
 * body, so the rendered bytes can be cached by it.
 *
 * @param graph the stream graph, unfiltered
 * @param hiddenTargets indexes of the rollout nodes whose incoming edges are removed
 */
public record ServedCoreOsGraph(CoreOsGraph graph, Set<Integer> hiddenTargets) {

  /**
   * What the served body depends on within one snapshot.
   *
   * @param graph which stream graph
   * @param hiddenTargets which rollouts are hidden
   */
  public record CacheKey(CoreOsGraphKey graph, Set<Integer> hiddenTargets) {
    public CacheKey {
      Objects.requireNonNull(graph, "graph");
      hiddenTargets = Set.copyOf(hiddenTargets);
    }
  }

  public ServedCoreOsGraph {
    Objects.requireNonNull(graph, "graph");
    hiddenTargets = Set.copyOf(hiddenTargets);
  }

  /** The key of this body in a per-snapshot cache. */
  public CacheKey cacheKey() {
    return new CacheKey(new CoreOsGraphKey(graph.stream(), graph.basearch(), graph.scheme()), hiddenTargets);
  }

  /** The served graph as a value: every node, the edges that are left. */
  public CoreOsGraph filtered() {
    return graph.withoutEdgesInto(hiddenTargets);
  }
}
