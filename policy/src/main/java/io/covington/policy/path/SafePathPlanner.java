package io.covington.policy.path;

import io.covington.graph.model.Release;
import io.covington.graph.snapshot.ArchGraph;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jgrapht.Graph;

/**
 * Plans the safest update path within one channel's served graph.
 *
 * <p><b>Contract.</b> Hops are only updates of the channel's served graph (the nodes and edges the
 * graph API serves for that channel and architecture). An unconditional update is always usable;
 * a conditional one iff every one of its risks is accepted. The target is the requested {@code to},
 * or, when none is given, the newest release (SemVer precedence) reachable from {@code from}.
 *
 * <p><b>Which path.</b> The path has the fewest hops. Among paths with that many hops, the planner
 * returns the one whose sequence of visited releases is greatest lexicographically under SemVer
 * precedence: compare candidate paths hop by hop, and at the first hop where they differ, the one
 * going to the newer release wins. Equivalently, each hop goes to the newest release from which
 * the target is still reachable in the fewest remaining hops. The answer is deterministic.
 *
 * <p><b>When unreachable.</b> The plan carries a {@link PathCut}: the unusable updates (conditional
 * on a risk not accepted, or declared and removed) from the releases reachable from {@code from}
 * to releases from which the target is reachable (see {@link PathCut#edges()}), and the smallest
 * set of additional risks whose acceptance opens a path (see {@link RiskSetSearch}), or that no set
 * of risks helps.
 *
 * <p><b>Complexity.</b> With N releases and E updates in the channel (candidate-4.14: 270 and about
 * 14,000), a reachable answer costs one breadth-first search ({@link Bfs}) towards the target over
 * a JGraphT graph of the usable updates, O(N + E), stopping as soon as it finds {@code from}, plus
 * one forward search when {@code to} is omitted, and the tie-break walk, O(E). The usable updates
 * are a graph precomputed per channel for no accepted risk and for every risk, and a JGraphT
 * {@code MaskSubgraph} view of the served graph for any other set. An unreachable answer adds three
 * or four more searches and the risk-set search, bounded by {@link RiskSetSearch#LABEL_BUDGET}
 * labels. Measured on candidate-4.14 over every upgrade pair: tens to hundreds of microseconds
 * typically, a few milliseconds at worst (see the benchmarks module).
 * Channel precomputation (release numbering and the graph) is done once per snapshot by {@link
 * PathIndex}. Thread-safe.
 */
public final class SafePathPlanner {

  private final PathIndex index;

  public SafePathPlanner(PathIndex index) {
    this.index = Objects.requireNonNull(index, "index");
  }

  /**
   * Plans a path.
   *
   * @throws PathQueryException when the architecture, the channel or a version is unknown, a
   *     version is not in the channel, or an accepted risk is carried by no update of the architecture
   */
  public PathPlan plan(PathRequest request) throws PathQueryException {
    ChannelRoutes routes = routes(request);
    index.checkRisks(request.arch(), request.accepted());
    int from = node(routes, request, "from", request.from());
    Optional<Integer> requested = Optional.empty();
    if (request.to().isPresent()) {
      requested = Optional.of(node(routes, request, "to", request.to().get()));
    }
    if (requested.isPresent() && requested.get() < from) {
      throw new PathQueryException(PathQueryException.Kind.DOWNGRADE, "to", request.to().get(),
          "to " + request.to().get() + " is older than from " + request.from() + ": clusters are never downgraded");
    }
    Graph<Integer, RouteEdge> usable = usable(routes, request.accepted());
    int target = requested.orElseGet(() -> newestReachable(usable, from));
    // Stops once from is found; when it is not, the search ran to the end and the cut reuses it.
    int[] remaining = Bfs.hops(usable, target, routes.nodes.size(), true, from);
    if (remaining[from] < 0) {
      PathCut cut = cut(routes, usable, from, target, remaining, request.accepted());
      return new PathPlan(routes.channel, routes.arch, request.from(), routes.version(target), request.accepted(),
          false, List.of(), Optional.of(cut));
    }
    List<Hop> hops = walk(routes, usable, from, target, remaining);
    return new PathPlan(routes.channel, routes.arch, request.from(), routes.version(target), request.accepted(),
        true, hops, Optional.empty());
  }

  /** The channel's graph restricted to the updates usable with {@code accepted}, as a JGraphT view. */
  static Graph<Integer, RouteEdge> usable(ChannelRoutes routes, AcceptedRisks accepted) {
    return routes.usable(accepted);
  }

  /** Hops from each release to {@code target} in {@code g}; -1 where it cannot be reached. */
  static int[] hopsTo(Graph<Integer, RouteEdge> g, int target, int n) {
    return Bfs.hops(g, target, n, true, -1);
  }

  /** Releases reachable from {@code from} in {@code g}, as a bit set of indexes. */
  static BitSet reachableFrom(Graph<Integer, RouteEdge> g, int from) {
    int[] hops = Bfs.hops(g, from, g.vertexSet().size(), false, -1);
    BitSet result = new BitSet(hops.length);
    for (int v = 0; v < hops.length; v++) {
      if (hops[v] >= 0) {
        result.set(v);
      }
    }
    return result;
  }

  private static int newestReachable(Graph<Integer, RouteEdge> g, int from) {
    // Indexes follow SemVer precedence, so the newest reachable release is the highest index.
    return reachableFrom(g, from).length() - 1;
  }

  /** The tie-break walk: each hop to the newest release one hop closer to the target. */
  private static List<Hop> walk(ChannelRoutes routes, Graph<Integer, RouteEdge> g, int from, int target, int[] remaining) {
    List<Hop> hops = new ArrayList<>(remaining[from]);
    int at = from;
    while (at != target) {
      RouteEdge best = null;
      for (RouteEdge e : g.outgoingEdgesOf(at)) {
        if (remaining[e.to] == remaining[at] - 1 && (best == null || e.to > best.to)) {
          best = e;
        }
      }
      hops.add(hop(routes, Objects.requireNonNull(best, "a release on a shortest path has a next hop")));
      at = best.to;
    }
    return hops;
  }

  static Hop hop(ChannelRoutes routes, RouteEdge e) {
    HopKind kind = e.kind == RouteEdge.Kind.UNCONDITIONAL ? HopKind.UNCONDITIONAL : HopKind.CONDITIONAL;
    return new Hop(routes.version(e.from), routes.version(e.to), kind, e.risks);
  }

  static PathCut cut(
      ChannelRoutes routes, Graph<Integer, RouteEdge> usable, int from, int target, int[] toTarget, AcceptedRisks accepted) {
    BitSet near = reachableFrom(usable, from);
    // First choice: updates into releases that reach the target with the accepted risks, so
    // that opening any one of them opens a path. When the two sides are further apart, every
    // unusable update into a release that leads to the target at all.
    List<RouteEdge> crossing = crossing(routes, near, toTarget);
    if (crossing.isEmpty()) {
      crossing = crossing(routes, near, hopsTo(routes.graph, target, routes.nodes.size()));
    }
    crossing.sort(Comparator.<RouteEdge>comparingInt(e -> e.from).thenComparingInt(e -> e.to));
    List<CutEdge> listed = new ArrayList<>();
    for (RouteEdge e : crossing.subList(0, Math.min(PathCut.MAX_EDGES, crossing.size()))) {
      listed.add(new CutEdge(routes.version(e.from), routes.version(e.to), UpdateExplainer.reasons(routes, e)));
    }
    RiskSetSearch.Result risks = RiskSetSearch.smallest(routes, from, target, accepted);
    return new PathCut(listed, crossing.size(), risks.opens(), risks.risks(), risks.minimal());
  }

  /** Updates from {@code near} to outside it, into releases with {@code toTarget >= 0}. */
  private static List<RouteEdge> crossing(ChannelRoutes routes, BitSet near, int[] toTarget) {
    List<RouteEdge> edges = new ArrayList<>();
    for (int u = near.nextSetBit(0); u >= 0; u = near.nextSetBit(u + 1)) {
      for (RouteEdge e : routes.graph.outgoingEdgesOf(u)) {
        if (!near.get(e.to) && toTarget[e.to] >= 0) {
          edges.add(e);
        }
      }
    }
    return edges;
  }

  private ChannelRoutes routes(PathRequest request) throws PathQueryException {
    Optional<ArchGraph> archGraph = index.snapshot().archGraph(request.arch());
    if (archGraph.isEmpty()) {
      throw new PathQueryException(PathQueryException.Kind.UNKNOWN_ARCH, "arch", request.arch(),
          "no release has architecture " + request.arch());
    }
    Optional<ChannelRoutes> routes = index.routes(request.channel(), request.arch());
    if (routes.isEmpty()) {
      throw new PathQueryException(PathQueryException.Kind.UNKNOWN_CHANNEL, "channel", request.channel(),
          "channel " + request.channel() + " is not in the graph-data");
    }
    return routes.get();
  }

  private int node(ChannelRoutes routes, PathRequest request, String parameter, String version) throws PathQueryException {
    Optional<Integer> i = routes.index(version);
    if (i.isPresent()) {
      return i.get();
    }
    Optional<Release> release = index.snapshot().archGraph(request.arch()).flatMap(g -> g.release(version))
        .filter(r -> !r.isAbstract());
    if (release.isEmpty()) {
      throw new PathQueryException(PathQueryException.Kind.UNKNOWN_VERSION, parameter, version,
          parameter + " version " + version + " has no " + request.arch() + " release");
    }
    // Stable channels first: the ones a cluster most likely should be in.
    List<String> elsewhere = index.channelsWith(version, request.arch()).stream()
        .sorted(Comparator.comparingInt(SafePathPlanner::familyRank).thenComparing(Comparator.naturalOrder()))
        .toList();
    throw new PathQueryException(PathQueryException.Kind.VERSION_NOT_IN_CHANNEL, parameter, version,
        parameter + " version " + version + " is not in channel " + request.channel() + " on " + request.arch()
            + (elsewhere.isEmpty() ? "" : "; it is in " + PathIndex.shortList(elsewhere, 6) + " (/v1/plan plans an update across channels)"));
  }

  private static int familyRank(String channel) {
    List<String> families = List.of("stable-", "fast-", "eus-", "candidate-");
    for (int i = 0; i < families.size(); i++) {
      if (channel.startsWith(families.get(i))) {
        return i;
      }
    }
    return families.size();
  }
}
