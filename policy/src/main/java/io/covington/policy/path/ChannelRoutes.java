package io.covington.policy.path;

import io.covington.graph.model.ChannelGraph;
import io.covington.graph.model.Release;
import io.covington.graph.snapshot.ArchGraph;
import io.covington.graph.snapshot.EdgeRemoval;
import io.covington.graph.snapshot.UpdateEdge;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jgrapht.Graph;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.SimpleDirectedGraph;

/**
 * What path queries on one channel and architecture need, computed once per snapshot: the served
 * releases numbered in SemVer order (so a larger index is a newer release) and one JGraphT graph
 * over those numbers holding every served update plus every declared update that was removed.
 *
 * <p>The served updates are exactly the channel's {@link ChannelGraph} edges and conditional
 * edges: the arch graph's updates between two releases the channel serves. Cost to build: O(N + E
 * + D) for N releases, E arch-graph updates leaving them and D removals of the architecture.
 */
final class ChannelRoutes {

  final String channel;
  final String arch;
  /** The channel's releases, oldest first; the vertex {@code i} of {@link #graph} is {@code nodes.get(i)}. */
  final List<Release> nodes;
  final Map<String, Integer> indexByVersion;
  final Graph<Integer, RouteEdge> graph;
  final int servedEdges;

  private ChannelRoutes(String channel, String arch, List<Release> nodes, Map<String, Integer> index, Graph<Integer, RouteEdge> graph, int served) {
    this.channel = channel;
    this.arch = arch;
    this.nodes = nodes;
    this.indexByVersion = index;
    this.graph = graph;
    this.servedEdges = served;
  }

  static ChannelRoutes of(ChannelGraph view, ArchGraph archGraph, Map<PairKey, List<EdgeRemoval>> removals) {
    List<Release> nodes = view.nodes();
    Map<String, Integer> index = new HashMap<>();
    Graph<Integer, RouteEdge> g = new SimpleDirectedGraph<>(RouteEdge.class);
    for (int i = 0; i < nodes.size(); i++) {
      index.put(nodes.get(i).version(), i);
      g.addVertex(i);
    }
    int served = 0;
    for (int i = 0; i < nodes.size(); i++) {
      for (UpdateEdge e : archGraph.graph().outgoingEdgesOf(nodes.get(i))) {
        Integer to = index.get(e.to().version());
        if (to != null && g.addEdge(i, to, RouteEdge.served(i, to, e.risks(), e.conditions()))) {
          served++;
        }
      }
    }
    removals.forEach((pair, list) -> {
      Integer from = index.get(pair.from());
      Integer to = index.get(pair.to());
      if (from != null && to != null && !g.containsEdge(from, to)) {
        g.addEdge(from, to, RouteEdge.removed(from, to, list));
      }
    });
    return new ChannelRoutes(view.channel(), view.arch(), nodes, Map.copyOf(index), new AsUnmodifiableGraph<>(g), served);
  }

  Optional<Integer> index(String version) {
    return Optional.ofNullable(indexByVersion.get(version));
  }

  String version(int index) {
    return nodes.get(index).version();
  }

  /** A (from, to) pair of versions, the key of removals. */
  record PairKey(String from, String to) {}
}
