package io.covington.graph.snapshot;

import org.jgrapht.graph.AbstractBaseGraph;
import org.jgrapht.graph.DefaultGraphSpecificsStrategy;
import org.jgrapht.graph.DefaultGraphType;

/**
 * A simple directed graph without JGraphT's vertex-pair index: {@code SimpleDirectedGraph} keeps,
 * beside each vertex's edge lists, a map from every (source, target) pair to a set of edges, which
 * costs about 100 bytes per edge (the pair, its map node, a set and its array) and hashes pairs
 * badly ({@code 31 * h(source) + h(target)}: on the bundled data 58,786 version pairs share 26,505
 * hashes, and {@code Integer} pairs do worse). Without it {@link #getEdge}/{@link #containsEdge}
 * scan the source's outgoing edges, which is what callers do for a handful of edges at a time,
 * never in a search. Used for the path index's three graphs per channel (about 460,000 edges on
 * the bundled data, a third of the served heap) and for the declared updates whose cycles are
 * broken at each build.
 */
public final class CompactDigraph<V, E> extends AbstractBaseGraph<V, E> {

  private static final long serialVersionUID = 1L;

  public CompactDigraph() {
    super(null, null, DefaultGraphType.directedSimple(), new DefaultGraphSpecificsStrategy<>());
  }
}
