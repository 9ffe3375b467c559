package io.covington.policy.path;

import io.covington.graph.model.Risk;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.jgrapht.Graph;

/**
 * Finds a smallest set of risks, beyond those already accepted, whose acceptance opens a path
 * between two releases of a channel.
 *
 * <p><b>Method.</b> First an upper bound U: the unaccepted risks on the planner's path with every
 * risk accepted. Then a label-setting search over (release, risk set) pairs for a smaller set:
 * labels are settled in order of set size (a bucket queue), only sets smaller than U are kept, a
 * label is dropped when a subset of its risks already settled at the same release (dominance), and
 * the first label settled at the target has a smallest set. When the search ends without one, U is
 * a smallest set. Only served updates between releases that are reachable from {@code from} and
 * lead to the target (with every risk accepted) are explored; risk sets are bit masks over the
 * channel's risk table, precomputed by {@link ChannelRoutes}.
 *
 * <p><b>Complexity and bound.</b> Two breadth-first searches, then O(L · (d + s)) where L is the
 * number of settled labels, d the out-degree and s the labels already at a release. L is at most N
 * · C(k, &lt;|U|) for k distinct risks in the region; dominance and the bound U keep it near N on
 * real graph-data. L is capped at {@link #LABEL_BUDGET}; past it (or for a channel with more than 64
 * distinct risks) the answer is U, marked not proven minimal.
 */
final class RiskSetSearch {

  /** The most labels settled before answering the upper bound; keeps a request within milliseconds. */
  static final int LABEL_BUDGET = 10_000;

  /** The search's answer. */
  record Result(boolean opens, List<Risk> risks, boolean minimal) {}

  private record Label(int node, long risks) {}

  private RiskSetSearch() {}

  static Result smallest(ChannelRoutes routes, int from, int target, AcceptedRisks accepted) {
    int n = routes.nodes.size();
    Graph<Integer, RouteEdge> served = routes.served;
    BitSet forward = SafePathPlanner.reachableFrom(served, from);
    if (!forward.get(target)) {
      return new Result(false, List.of(), true);
    }
    int[] toTarget = SafePathPlanner.hopsTo(served, target, n);
    List<RouteEdge> path = shortestNewestPath(served, from, target, toTarget);
    if (routes.riskTable.isEmpty() && path.stream().anyMatch(e -> !e.risks.isEmpty())) {
      return new Result(true, unaccepted(path, accepted), false);
    }
    long acceptedBits = 0;
    for (int b = 0; b < routes.riskTable.size(); b++) {
      if (accepted.accepts(routes.riskTable.get(b).name())) {
        acceptedBits |= 1L << b;
      }
    }
    long upper = 0;
    for (RouteEdge e : path) {
      upper |= e.riskBits & ~acceptedBits;
    }
    int bound = Long.bitCount(upper);
    BitSet region = new BitSet(n);
    for (int v = forward.nextSetBit(0); v >= 0; v = forward.nextSetBit(v + 1)) {
      if (toTarget[v] >= 0) {
        region.set(v);
      }
    }

    List<List<Long>> settled = new ArrayList<>(n);
    List<Set<Long>> queued = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      settled.add(new ArrayList<>(2));
      queued.add(new HashSet<>(2));
    }
    List<ArrayDeque<Label>> buckets = new ArrayList<>();
    push(buckets, queued, new Label(from, 0L));
    int count = 0;
    for (int size = 0; size < buckets.size() && size < bound; size++) {
      ArrayDeque<Label> bucket = buckets.get(size);
      while (!bucket.isEmpty()) {
        Label label = bucket.poll();
        if (dominated(settled.get(label.node), label.risks)) {
          continue;
        }
        settled.get(label.node).add(label.risks);
        if (label.node == target) {
          return new Result(true, risks(label.risks, routes.riskTable), true);
        }
        if (++count > LABEL_BUDGET) {
          return new Result(true, risks(upper, routes.riskTable), false);
        }
        for (RouteEdge e : served.outgoingEdgesOf(label.node)) {
          if (!region.get(e.to)) {
            continue;
          }
          long next = label.risks | (e.riskBits & ~acceptedBits);
          if (Long.bitCount(next) < bound && !dominated(settled.get(e.to), next)) {
            push(buckets, queued, new Label(e.to, next));
          }
        }
      }
    }
    return new Result(true, risks(upper, routes.riskTable), true);
  }

  private static void push(List<ArrayDeque<Label>> buckets, List<Set<Long>> queued, Label label) {
    if (!queued.get(label.node).add(label.risks)) {
      return;
    }
    int size = Long.bitCount(label.risks);
    while (buckets.size() <= size) {
      buckets.add(new ArrayDeque<>());
    }
    buckets.get(size).add(label);
  }

  /** Whether some settled set is a subset of {@code risks}. */
  private static boolean dominated(List<Long> settled, long risks) {
    for (long s : settled) {
      if ((s & ~risks) == 0) {
        return true;
      }
    }
    return false;
  }

  private static List<Risk> risks(long mask, List<Risk> table) {
    List<Risk> result = new ArrayList<>();
    for (int bit = 0; bit < table.size(); bit++) {
      if ((mask & (1L << bit)) != 0) {
        result.add(table.get(bit));
      }
    }
    return List.copyOf(result);
  }

  /** The planner's path in {@code g}, given the hops to the target of every release. */
  private static List<RouteEdge> shortestNewestPath(Graph<Integer, RouteEdge> g, int from, int target, int[] toTarget) {
    List<RouteEdge> path = new ArrayList<>();
    int at = from;
    while (at != target) {
      RouteEdge best = null;
      for (RouteEdge e : g.outgoingEdgesOf(at)) {
        if (toTarget[e.to] == toTarget[at] - 1 && (best == null || e.to > best.to)) {
          best = e;
        }
      }
      path.add(best);
      at = best.to;
    }
    return path;
  }

  private static List<Risk> unaccepted(List<RouteEdge> path, AcceptedRisks accepted) {
    TreeMap<String, Risk> sorted = new TreeMap<>();
    path.forEach(e -> e.risks.stream().filter(r -> !accepted.accepts(r.name())).forEach(r -> sorted.putIfAbsent(r.name(), r)));
    return List.copyOf(sorted.values());
  }
}
