package io.covington.policy.path;

import org.jgrapht.graph.AbstractBaseGraph;
import org.jgrapht.graph.DefaultGraphSpecificsStrategy;
import org.jgrapht.graph.DefaultGraphType;

/**
 * A simple directed graph without JGraphT's vertex-pair index: {@code SimpleDirectedGraph} keeps,
 * beside each vertex's edge lists, a map from every (source, target) pair to a set of edges, which
 * costs about 100 bytes per edge (the pair, its map node, a set and its array) and, with
 * {@code Integer} vertices, hashes many pairs alike ({@code 31 * from + to}). The path index holds
 * three graphs per channel, about 460,000 edges on the bundled data, so that index was a third of
 * the served heap. Without it {@link #getEdge}/{@link #containsEdge} scan the source's outgoing
 * edges, which the path queries do for a handful of edges per request, never in a search.
 */
final class CompactDigraph<V, E> extends AbstractBaseGraph<V, E> {

  private static final long serialVersionUID = 1L;

  CompactDigraph() {
    super(null, null, DefaultGraphType.directedSimple(), new DefaultGraphSpecificsStrategy<>());
  }
}
