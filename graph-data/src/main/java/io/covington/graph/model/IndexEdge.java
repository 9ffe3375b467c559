package io.covington.graph.model;

/** An unconditional update as a pair of indexes into a {@link ChannelGraph}'s nodes. */
public record IndexEdge(int from, int to) {}
