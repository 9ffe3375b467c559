package io.covington.graph.snapshot;

import io.covington.graph.model.Release;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jgrapht.Graph;

/**
 * The whole update graph of one architecture, every channel together: releases ordered by SemVer,
 * unconditional and conditional updates, and the declared updates that graph-data removed.
 *
 * <p>The JGraphT graph is unmodifiable. Path planning and explanations read it; the graph API
 * serves the per-channel {@link io.covington.graph.model.ChannelGraph} views instead.
 */
public final class ArchGraph {

  private final String arch;
  private final Graph<Release, UpdateEdge> graph;
  private final List<Release> releases;
  private final Map<String, Release> byVersion;
  private final List<EdgeRemoval> removals;
  private final Map<Release, Integer> positions = new IdentityHashMap<>();

  ArchGraph(
      String arch,
      Graph<Release, UpdateEdge> graph,
      List<Release> releases,
      Map<String, Release> byVersion,
      List<EdgeRemoval> removals) {
    this.arch = arch;
    this.graph = graph;
    this.releases = List.copyOf(releases);
    this.byVersion = Map.copyOf(byVersion);
    this.removals = List.copyOf(removals);
    for (Release r : this.releases) {
      positions.put(r, positions.size());
    }
  }

  /** Where {@code release}, one of this graph's own, is in {@link #releases()}; -1 for another. */
  int position(Release release) {
    return positions.getOrDefault(release, -1);
  }

  public String arch() {
    return arch;
  }

  /** The graph: vertices are releases, edges are updates. Unmodifiable. */
  public Graph<Release, UpdateEdge> graph() {
    return graph;
  }

  /** Every release of this architecture, oldest first by SemVer precedence. */
  public List<Release> releases() {
    return releases;
  }

  public Optional<Release> release(String version) {
    return Optional.ofNullable(byVersion.get(version));
  }

  /** Updates declared by release metadata that graph-data or edge-editing metadata removed. */
  public List<EdgeRemoval> removals() {
    return removals;
  }
}
