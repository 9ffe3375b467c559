package io.covington.policy.coreos;

import io.covington.graph.coreos.CoreOsGraph;
import io.covington.graph.coreos.Rollout;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Applies rollout throttling to one request: the edges into a rollout are removed when the
 * client's wariness is strictly greater than the rollout's throttling now. Nodes are never
 * removed. O(nodes) per request, no allocation beyond the hidden set.
 */
public final class RolloutPolicy {

  private RolloutPolicy() {}

  /** The graph served to a client of {@code wariness} (see {@link ClientWariness}) at {@code now}. */
  public static ServedCoreOsGraph serve(CoreOsGraph graph, double wariness, Instant now) {
    return new ServedCoreOsGraph(graph, hiddenRollouts(graph, wariness, now));
  }

  /**
   * Indexes of the rollout nodes of {@code graph} hidden from a client of {@code wariness} at
   * {@code now}: those whose throttling is strictly below the wariness.
   */
  public static Set<Integer> hiddenRollouts(CoreOsGraph graph, double wariness, Instant now) {
    Set<Integer> hidden = new HashSet<>();
    for (int index : graph.rolloutNodes()) {
      Rollout rollout = graph.nodes().get(index).directives().rollout().orElseThrow();
      if (wariness > RolloutThrottle.at(rollout, now)) {
        hidden.add(index);
      }
    }
    return Set.copyOf(hidden);
  }
}
