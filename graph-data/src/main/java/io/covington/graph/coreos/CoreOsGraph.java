package io.covington.graph.coreos;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The update graph of one stream for one base architecture and payload scheme, before any
 * per-request policy: every release with a payload, and the barrier/rollout/dead-end edges.
 *
 * @param stream the stream, e.g. {@code stable}
 * @param basearch the base architecture, e.g. {@code x86_64}
 * @param scheme what the payloads are
 * @param nodes releases in index order (oldest first)
 * @param edges updates as node indexes, sources never dead-ends
 */
public record CoreOsGraph(
    String stream, String basearch, Scheme scheme, List<CoreOsNode> nodes, List<CoreOsEdge> edges) {

  public CoreOsGraph {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(basearch, "basearch");
    Objects.requireNonNull(scheme, "scheme");
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
    for (CoreOsEdge edge : edges) {
      if (edge.from() >= nodes.size() || edge.to() >= nodes.size()) {
        throw new IllegalArgumentException("edge " + edge + " outside the " + nodes.size() + " nodes");
      }
    }
  }

  /** Indexes of the nodes being rolled out: the only targets the per-request policy may hide. */
  public List<Integer> rolloutNodes() {
    List<Integer> rollouts = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).directives().isRollout()) {
        rollouts.add(i);
      }
    }
    return List.copyOf(rollouts);
  }

  /**
   * This graph without the edges into {@code hiddenTargets} (node indexes); nodes all stay.
   * Linear in the number of edges.
   */
  public CoreOsGraph withoutEdgesInto(Set<Integer> hiddenTargets) {
    if (hiddenTargets.isEmpty()) {
      return this;
    }
    List<CoreOsEdge> kept = new ArrayList<>(edges.size());
    for (CoreOsEdge edge : edges) {
      if (!hiddenTargets.contains(edge.to())) {
        kept.add(edge);
      }
    }
    return new CoreOsGraph(stream, basearch, scheme, nodes, kept);
  }
}
