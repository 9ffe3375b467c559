package io.covington.graph.snapshot;

import io.covington.graph.model.ChannelGraph;
import io.covington.graph.model.ConditionalUpdateGroup;
import io.covington.graph.model.IndexEdge;
import io.covington.graph.model.Risk;
import io.covington.graph.model.VersionPair;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The updates one served graph offers, as version pairs: the unconditional ones, and the risk names
 * of each conditional one. Compares graphs the way the protocol says to: as sets, never by index.
 */
record ServedUpdates(Set<VersionPair> unconditional, Map<VersionPair, Set<String>> conditional) {

  static ServedUpdates of(ChannelGraph g) {
    Set<VersionPair> plain = new HashSet<>();
    for (IndexEdge e : g.edges()) {
      plain.add(new VersionPair(g.nodes().get(e.from()).version(), g.nodes().get(e.to()).version()));
    }
    Map<VersionPair, Set<String>> conditional = new HashMap<>();
    for (ConditionalUpdateGroup group : g.conditionalEdges()) {
      Set<String> names = new TreeSet<>();
      group.risks().stream().map(Risk::name).forEach(names::add);
      group.edges().forEach(p -> conditional.put(p, names));
    }
    return new ServedUpdates(Set.copyOf(plain), Map.copyOf(conditional));
  }

  /** Every pair a cluster may be offered, with or without risks. */
  Set<VersionPair> all() {
    Set<VersionPair> all = new HashSet<>(unconditional);
    all.addAll(conditional.keySet());
    return all;
  }
}
