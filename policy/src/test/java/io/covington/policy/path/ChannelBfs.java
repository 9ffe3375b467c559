package io.covington.policy.path;

import io.covington.graph.model.ChannelGraph;
import io.covington.graph.model.ConditionalUpdateGroup;
import io.covington.graph.model.IndexEdge;
import io.covington.graph.model.Risk;
import io.covington.graph.model.VersionPair;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A test oracle written independently of the planner: plain breadth-first search over a served
 * {@link ChannelGraph} as the API serves it (version pairs, risk names).
 */
final class ChannelBfs {

  final ChannelGraph graph;
  /** (from, to) → risk names; empty for unconditional. */
  final Map<VersionPair, Set<String>> edges = new HashMap<>();
  final Map<String, List<String>> out = new HashMap<>();
  final Map<String, List<String>> in = new HashMap<>();

  ChannelBfs(ChannelGraph graph) {
    this.graph = graph;
    for (IndexEdge e : graph.edges()) {
      add(new VersionPair(graph.nodes().get(e.from()).version(), graph.nodes().get(e.to()).version()), Set.of());
    }
    for (ConditionalUpdateGroup group : graph.conditionalEdges()) {
      Set<String> names = new HashSet<>();
      group.risks().stream().map(Risk::name).forEach(names::add);
      group.edges().forEach(p -> add(p, Set.copyOf(names)));
    }
  }

  private void add(VersionPair pair, Set<String> risks) {
    edges.put(pair, risks);
    out.computeIfAbsent(pair.from(), k -> new ArrayList<>()).add(pair.to());
    in.computeIfAbsent(pair.to(), k -> new ArrayList<>()).add(pair.from());
  }

  /** Hops from {@code from} to every version reachable with the edges {@code usable} keeps. */
  Map<String, Integer> distances(String from, Predicate<Set<String>> usable) {
    Map<String, Integer> dist = new HashMap<>();
    ArrayDeque<String> queue = new ArrayDeque<>();
    dist.put(from, 0);
    queue.add(from);
    while (!queue.isEmpty()) {
      String v = queue.poll();
      for (String w : out.getOrDefault(v, List.of())) {
        if (!dist.containsKey(w) && usable.test(edges.get(new VersionPair(v, w)))) {
          dist.put(w, dist.get(v) + 1);
          queue.add(w);
        }
      }
    }
    return dist;
  }

  /** Hops from every version that reaches {@code to} with the edges {@code usable} keeps. */
  Map<String, Integer> distancesTo(String to, Predicate<Set<String>> usable) {
    Map<String, Integer> dist = new HashMap<>();
    ArrayDeque<String> queue = new ArrayDeque<>();
    dist.put(to, 0);
    queue.add(to);
    while (!queue.isEmpty()) {
      String v = queue.poll();
      for (String w : in.getOrDefault(v, List.of())) {
        if (!dist.containsKey(w) && usable.test(edges.get(new VersionPair(w, v)))) {
          dist.put(w, dist.get(v) + 1);
          queue.add(w);
        }
      }
    }
    return dist;
  }

  Optional<Integer> distance(String from, String to, Predicate<Set<String>> usable) {
    return Optional.ofNullable(distances(from, usable).get(to));
  }

  static Predicate<Set<String>> accepting(Set<String> accepted) {
    return accepted::containsAll;
  }
}
