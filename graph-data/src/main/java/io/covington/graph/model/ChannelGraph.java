package io.covington.graph.model;

import java.util.List;
import java.util.Objects;

/**
 * The graph one channel offers on one architecture: exactly what the graph API serves.
 *
 * <p>Nodes are ordered by SemVer precedence (oldest first). No pair is both in {@link #edges()}
 * and in {@link #conditionalEdges()}, and a pair is in at most one conditional group.
 */
public record ChannelGraph(
    String channel,
    String arch,
    List<Release> nodes,
    List<IndexEdge> edges,
    List<ConditionalUpdateGroup> conditionalEdges) {

  public ChannelGraph {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(arch, "arch");
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
    conditionalEdges = List.copyOf(conditionalEdges);
  }

  /** The graph of an unknown channel or architecture. */
  public static ChannelGraph empty(String channel, String arch) {
    return new ChannelGraph(channel, arch, List.of(), List.of(), List.of());
  }

  public int conditionalEdgeCount() {
    return conditionalEdges.stream().mapToInt(g -> g.edges().size()).sum();
  }
}
