package io.covington.graph.snapshot;

/**
 * Size of one architecture's graph after graph-data is applied.
 *
 * @param releases releases with a payload
 * @param edges unconditional updates
 * @param conditionalEdges conditional updates (pairs)
 */
public record GraphStats(int releases, int edges, int conditionalEdges) {}
