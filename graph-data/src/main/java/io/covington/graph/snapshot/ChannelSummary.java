package io.covington.graph.snapshot;

/** A channel offered on one architecture, with the number of releases it serves there. */
public record ChannelSummary(String name, int releases) {}
