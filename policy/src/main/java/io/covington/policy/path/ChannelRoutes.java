package io.covington.policy.path;

import io.covington.graph.model.ChannelGraph;
import io.covington.graph.model.Release;
import io.covington.graph.model.Risk;
import io.covington.graph.snapshot.ArchGraph;
import io.covington.graph.snapshot.CompactDigraph;
import io.covington.graph.snapshot.EdgeRemoval;
import io.covington.graph.snapshot.UpdateEdge;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.jgrapht.Graph;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.MaskSubgraph;
import org.semver4j.Semver;

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
  /** Served and removed updates. */
  final Graph<Integer, RouteEdge> graph;
  /** The served updates only: the channel's served graph, materialized for the all-risks case. */
  final Graph<Integer, RouteEdge> served;
  /** The unconditional updates only, materialized for the default (no risk accepted) case. */
  final Graph<Integer, RouteEdge> unconditional;
  final int servedEdges;
  /**
   * The channel's risks, bit {@code i} of {@link RouteEdge#riskBits} being {@code riskNames.get(i)}
   * (sorted by name); empty when the channel has more than 64 distinct risks, which bit masks cannot hold.
   */
  final List<Risk> riskTable;

  private ChannelRoutes(
      String channel, String arch, List<Release> nodes, Map<String, Integer> index, Graph<Integer, RouteEdge> graph, List<Risk> riskTable) {
    this.riskTable = riskTable;
    this.channel = channel;
    this.arch = arch;
    this.nodes = nodes;
    this.indexByVersion = index;
    this.graph = new AsUnmodifiableGraph<>(graph);
    this.served = copy(graph, RouteEdge::isServed);
    this.unconditional = copy(graph, e -> e.kind == RouteEdge.Kind.UNCONDITIONAL);
    this.servedEdges = this.served.edgeSet().size();
  }

  /**
   * The edges of {@code g} that {@code keep} selects, as a graph of its own: the two masks used by
   * most requests cost nothing per request this way (a {@code MaskSubgraph} filters every edge it
   * iterates).
   */
  private static Graph<Integer, RouteEdge> copy(Graph<Integer, RouteEdge> g, Predicate<RouteEdge> keep) {
    Graph<Integer, RouteEdge> result = new CompactDigraph<>();
    g.vertexSet().forEach(result::addVertex);
    for (RouteEdge e : g.edgeSet()) {
      if (keep.test(e)) {
        // The vertex objects of g, not new boxes of e.from and e.to: one Integer per release.
        result.addEdge(g.getEdgeSource(e), g.getEdgeTarget(e), e);
      }
    }
    return new AsUnmodifiableGraph<>(result);
  }

  /** The updates usable with {@code accepted}, as a JGraphT graph (a mask view for a custom risk set). */
  Graph<Integer, RouteEdge> usable(AcceptedRisks accepted) {
    if (accepted.allRisks()) {
      return served;
    }
    if (accepted.names().isEmpty()) {
      return unconditional;
    }
    return new MaskSubgraph<>(served, v -> false, e -> !e.usable(accepted));
  }

  static ChannelRoutes of(ChannelGraph view, ArchGraph archGraph, Map<PairKey, List<EdgeRemoval>> removals) {
    return build(view.channel(), view.arch(), view.nodes(), archGraph, removals, (from, to) -> true);
  }

  /**
   * The routes of several channels at once, named {@code name}: every release one of them serves,
   * and every update that one of them serves (both ends in the same channel). What a cluster that
   * may switch between these channels can take. O(C · N + E + D) for C channels.
   */
  static ChannelRoutes union(String name, String arch, List<ChannelGraph> views, ArchGraph archGraph,
      Map<PairKey, List<EdgeRemoval>> removals) {
    Map<String, BitSet> channelsOf = new HashMap<>();
    Map<String, Release> releases = new HashMap<>();
    for (int c = 0; c < views.size(); c++) {
      for (Release r : views.get(c).nodes()) {
        channelsOf.computeIfAbsent(r.version(), v -> new BitSet()).set(c);
        releases.putIfAbsent(r.version(), r);
      }
    }
    // Parsed once each: comparing version strings parses both every time.
    Map<String, Semver> parsed = new HashMap<>();
    releases.keySet().forEach(v -> parsed.put(v, new Semver(v)));
    List<Release> nodes = releases.values().stream()
        .sorted(Comparator.comparing((Release r) -> parsed.get(r.version())).thenComparing(Release::version))
        .toList();
    return build(name, arch, nodes, archGraph, removals,
        (from, to) -> channelsOf.get(from).intersects(channelsOf.get(to)));
  }

  /** The routes over {@code nodes} (SemVer order) with the arch graph's updates that {@code together} admits. */
  private static ChannelRoutes build(String channel, String arch, List<Release> nodes, ArchGraph archGraph,
      Map<PairKey, List<EdgeRemoval>> removals, BiPredicate<String, String> together) {
    Map<String, Integer> index = new HashMap<>();
    Graph<Integer, RouteEdge> g = new CompactDigraph<>();
    for (int i = 0; i < nodes.size(); i++) {
      Integer vertex = i; // one box per release, shared by the index and every edge's ends
      index.put(nodes.get(i).version(), vertex);
      g.addVertex(vertex);
    }
    List<UpdateEdge> updates = new ArrayList<>();
    for (Release r : nodes) {
      for (UpdateEdge e : archGraph.graph().outgoingEdgesOf(r)) {
        if (index.containsKey(e.to().version()) && together.test(r.version(), e.to().version())) {
          updates.add(e);
        }
      }
    }
    TreeMap<String, Risk> risks = new TreeMap<>();
    updates.forEach(e -> e.risks().forEach(risk -> risks.putIfAbsent(risk.name(), risk)));
    List<Risk> table = risks.size() <= Long.SIZE ? List.copyOf(risks.values()) : List.of();
    Map<String, Integer> bit = new HashMap<>();
    for (int b = 0; b < table.size(); b++) {
      bit.put(table.get(b).name(), b);
    }
    for (UpdateEdge e : updates) {
      Integer from = index.get(e.from().version());
      Integer to = index.get(e.to().version());
      long bits = 0;
      for (Risk risk : e.risks()) {
        Integer b = bit.get(risk.name());
        bits |= b == null ? 0 : 1L << b;
      }
      g.addEdge(from, to, RouteEdge.served(from, to, e.risks(), e.conditions(), bits));
    }
    removals.forEach((pair, list) -> {
      Integer from = index.get(pair.from());
      Integer to = index.get(pair.to());
      if (from != null && to != null && !g.containsEdge(from, to) && together.test(pair.from(), pair.to())) {
        g.addEdge(from, to, RouteEdge.removed(from, to, list));
      }
    });
    return new ChannelRoutes(channel, arch, nodes, Map.copyOf(index), g, table);
  }

  /**
   * What these routes cost to hold, in edge entries: each update appears once in {@link #graph} and
   * once more in {@link #served} or {@link #unconditional} for each it belongs to; plus one per
   * release, so that a channel without updates still weighs something.
   */
  int weight() {
    return graph.edgeSet().size() + served.edgeSet().size() + unconditional.edgeSet().size() + nodes.size();
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
