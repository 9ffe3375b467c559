package io.covington.policy.path;

import io.covington.graph.model.Risk;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jgrapht.Graph;
import org.jgrapht.graph.MaskSubgraph;

/**
 * Finds a smallest set of risks, beyond those already accepted, whose acceptance opens a path
 * between two releases of a channel.
 *
 * <p><b>Method.</b> A label-setting search over (release, risk set) pairs: labels are settled in
 * order of set size (a bucket queue), a label is dropped when a subset of its risks already
 * settled at the same release (dominance), and the first label settled at the target has a
 * smallest set. Only served updates between releases that are reachable from {@code from} and
 * lead to the target (with every risk accepted) are explored; risk sets are bit masks over the
 * distinct risks on those updates.
 *
 * <p><b>Complexity and bound.</b> O(L · (d + s)) where L is the number of settled labels, d the
 * out-degree and s the labels already at a release; L is at most N · 2<sup>k</sup> for k distinct
 * risks in the region, but dominance keeps it near N when risks are few per path, as in real
 * graph-data. L is capped at {@link #LABEL_BUDGET}; the search also needs k ≤ 64. Past either
 * bound it answers the unaccepted risks of a fewest-hop path with every risk accepted, marked not
 * proven minimal.
 */
final class RiskSetSearch {

  /** The most labels settled before falling back to an upper bound. */
  static final int LABEL_BUDGET = 50_000;

  /** The search's answer. */
  record Result(boolean opens, List<Risk> risks, boolean minimal) {}

  private record Label(int node, long risks) {}

  private RiskSetSearch() {}

  static Result smallest(ChannelRoutes routes, int from, int target, AcceptedRisks accepted) {
    int n = routes.nodes.size();
    Graph<Integer, RouteEdge> served = SafePathPlanner.usable(routes, AcceptedRisks.all());
    BitSet forward = SafePathPlanner.reachableFrom(served, from);
    if (!forward.get(target)) {
      return new Result(false, List.of(), true);
    }
    int[] toTarget = SafePathPlanner.hopsTo(served, target, n);
    BitSet region = new BitSet(n);
    for (int v = forward.nextSetBit(0); v >= 0; v = forward.nextSetBit(v + 1)) {
      if (toTarget[v] >= 0) {
        region.set(v);
      }
    }
    Graph<Integer, RouteEdge> g = new MaskSubgraph<>(served, v -> !region.get(v), e -> false);

    Map<String, Integer> bits = new HashMap<>();
    List<Risk> byBit = new ArrayList<>();
    Map<RouteEdge, Long> masks = new IdentityHashMap<>();
    for (int v = region.nextSetBit(0); v >= 0; v = region.nextSetBit(v + 1)) {
      for (RouteEdge e : g.outgoingEdgesOf(v)) {
        long mask = 0;
        for (Risk r : e.risks) {
          if (accepted.accepts(r.name())) {
            continue;
          }
          Integer bit = bits.get(r.name());
          if (bit == null) {
            if (byBit.size() == Long.SIZE) {
              return fallback(routes, from, target, accepted);
            }
            bit = byBit.size();
            bits.put(r.name(), bit);
            byBit.add(r);
          }
          mask |= 1L << bit;
        }
        masks.put(e, mask);
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
    for (int size = 0; size < buckets.size(); size++) {
      ArrayDeque<Label> bucket = buckets.get(size);
      while (!bucket.isEmpty()) {
        Label label = bucket.poll();
        if (dominated(settled.get(label.node), label.risks)) {
          continue;
        }
        settled.get(label.node).add(label.risks);
        if (label.node == target) {
          return new Result(true, risks(label.risks, byBit), true);
        }
        if (++count > LABEL_BUDGET) {
          return fallback(routes, from, target, accepted);
        }
        for (RouteEdge e : g.outgoingEdgesOf(label.node)) {
          long next = label.risks | masks.get(e);
          if (!dominated(settled.get(e.to), next)) {
            push(buckets, queued, new Label(e.to, next));
          }
        }
      }
    }
    throw new IllegalStateException("the target is reachable with every risk accepted, so some label reaches it");
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

  private static List<Risk> risks(long mask, List<Risk> byBit) {
    Map<String, Risk> sorted = new TreeMap<>();
    for (int bit = 0; bit < byBit.size(); bit++) {
      if ((mask & (1L << bit)) != 0) {
        sorted.put(byBit.get(bit).name(), byBit.get(bit));
      }
    }
    return List.copyOf(sorted.values());
  }

  /** An upper bound: the unaccepted risks of the planner's path with every risk accepted. */
  private static Result fallback(ChannelRoutes routes, int from, int target, AcceptedRisks accepted) {
    Graph<Integer, RouteEdge> all = SafePathPlanner.usable(routes, AcceptedRisks.all());
    int[] remaining = SafePathPlanner.hopsTo(all, target, routes.nodes.size());
    Map<String, Risk> sorted = new TreeMap<>();
    int at = from;
    while (at != target) {
      RouteEdge best = null;
      for (RouteEdge e : all.outgoingEdgesOf(at)) {
        if (remaining[e.to] == remaining[at] - 1 && (best == null || e.to > best.to)) {
          best = e;
        }
      }
      best.risks.stream().filter(r -> !accepted.accepts(r.name())).forEach(r -> sorted.putIfAbsent(r.name(), r));
      at = best.to;
    }
    return new Result(true, List.copyOf(sorted.values()), false);
  }
}
