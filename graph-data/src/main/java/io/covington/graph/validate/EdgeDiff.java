package io.covington.graph.validate;

import io.covington.graph.model.ChannelGraph;
import io.covington.graph.model.ConditionalUpdateGroup;
import io.covington.graph.model.IndexEdge;
import io.covington.graph.model.Risk;
import io.covington.graph.model.VersionPair;
import io.covington.graph.snapshot.ChannelSummary;
import io.covington.graph.snapshot.GraphSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The per-channel difference in served updates between two snapshots, as a reviewer of a
 * graph-data change wants it: which updates of which channel disappear or become conditional,
 * and which risks are added to, removed from or changed on updates that stay conditional.
 * O(channels × updates × risks per update).
 */
public final class EdgeDiff {

  private static final Comparator<VersionPair> ORDER =
      Comparator.comparing(VersionPair::from).thenComparing(VersionPair::to);

  private EdgeDiff() {}

  /** Every channel (on every architecture of either snapshot) whose updates changed, sorted by arch and channel. */
  public static List<ChannelEdgeChanges> between(GraphSnapshot base, GraphSnapshot head) {
    Set<String> arches = new TreeSet<>(base.architectures());
    arches.addAll(head.architectures());
    List<ChannelEdgeChanges> result = new ArrayList<>();
    for (String arch : arches) {
      Set<String> channels = new TreeSet<>();
      base.channels(arch).stream().map(ChannelSummary::name).forEach(channels::add);
      head.channels(arch).stream().map(ChannelSummary::name).forEach(channels::add);
      for (String channel : channels) {
        ChannelEdgeChanges changes =
            compare(
                channel,
                arch,
                base.channel(channel, arch).orElse(ChannelGraph.empty(channel, arch)),
                head.channel(channel, arch).orElse(ChannelGraph.empty(channel, arch)));
        if (!changes.isEmpty()) {
          result.add(changes);
        }
      }
    }
    return List.copyOf(result);
  }

  static ChannelEdgeChanges compare(String channel, String arch, ChannelGraph base, ChannelGraph head) {
    Set<VersionPair> baseEdges = unconditional(base);
    Set<VersionPair> baseConditional = conditional(base);
    Set<VersionPair> headEdges = unconditional(head);
    Set<VersionPair> headConditional = conditional(head);
    List<VersionPair> removed = new ArrayList<>();
    List<VersionPair> madeConditional = new ArrayList<>();
    List<VersionPair> madeUnconditional = new ArrayList<>();
    List<VersionPair> added = new ArrayList<>();
    for (VersionPair p : baseEdges) {
      if (headConditional.contains(p)) {
        madeConditional.add(p);
      } else if (!headEdges.contains(p)) {
        removed.add(p);
      }
    }
    for (VersionPair p : baseConditional) {
      if (headEdges.contains(p)) {
        madeUnconditional.add(p);
      } else if (!headConditional.contains(p)) {
        removed.add(p);
      }
    }
    for (VersionPair p : headEdges) {
      if (!baseEdges.contains(p) && !baseConditional.contains(p)) {
        added.add(p);
      }
    }
    for (VersionPair p : headConditional) {
      if (!baseEdges.contains(p) && !baseConditional.contains(p)) {
        added.add(p);
      }
    }
    removed.sort(ORDER);
    madeConditional.sort(ORDER);
    added.sort(ORDER);
    madeUnconditional.sort(ORDER);
    return new ChannelEdgeChanges(channel, arch, removed, madeConditional, added, madeUnconditional, risks(base, head));
  }

  /** Risk changes on updates conditional in both graphs, one entry per risk and kind of change. */
  private static List<RiskChange> risks(ChannelGraph base, ChannelGraph head) {
    Map<VersionPair, List<Risk>> before = risksByUpdate(base);
    Map<VersionPair, List<Risk>> after = risksByUpdate(head);
    Map<RiskKey, List<VersionPair>> grouped = new TreeMap<>(RiskKey.ORDER);
    for (Map.Entry<VersionPair, List<Risk>> e : after.entrySet()) {
      List<Risk> old = before.get(e.getKey());
      if (old == null) {
        continue;
      }
      Map<String, Risk> oldByName = byName(old);
      Map<String, Risk> newByName = byName(e.getValue());
      newByName.forEach((name, risk) -> {
        Risk was = oldByName.get(name);
        List<String> fields = was == null ? List.of() : differences(was, risk);
        if (was == null || !fields.isEmpty()) {
          RiskChange.Change change = was == null ? RiskChange.Change.ADDED : RiskChange.Change.CHANGED;
          grouped.computeIfAbsent(new RiskKey(name, change, fields), k -> new ArrayList<>()).add(e.getKey());
        }
      });
      oldByName.keySet().stream().filter(name -> !newByName.containsKey(name)).forEach(name ->
          grouped.computeIfAbsent(new RiskKey(name, RiskChange.Change.REMOVED, List.of()), k -> new ArrayList<>()).add(e.getKey()));
    }
    List<RiskChange> result = new ArrayList<>();
    grouped.forEach((key, updates) -> {
      updates.sort(ORDER);
      result.add(new RiskChange(key.risk(), key.change(), key.fields(), updates));
    });
    return result;
  }

  private static Map<VersionPair, List<Risk>> risksByUpdate(ChannelGraph g) {
    Map<VersionPair, List<Risk>> result = new HashMap<>();
    for (ConditionalUpdateGroup group : g.conditionalEdges()) {
      for (VersionPair p : group.edges()) {
        result.computeIfAbsent(p, k -> new ArrayList<>()).addAll(group.risks());
      }
    }
    return result;
  }

  private static Map<String, Risk> byName(List<Risk> risks) {
    Map<String, Risk> result = new HashMap<>();
    risks.forEach(r -> result.putIfAbsent(r.name(), r));
    return result;
  }

  private static List<String> differences(Risk a, Risk b) {
    List<String> fields = new ArrayList<>();
    if (!a.url().equals(b.url())) {
      fields.add("url");
    }
    if (!a.message().equals(b.message())) {
      fields.add("message");
    }
    if (!a.matchingRules().equals(b.matchingRules())) {
      fields.add("matchingRules");
    }
    return fields;
  }

  private static Set<VersionPair> unconditional(ChannelGraph g) {
    Set<VersionPair> pairs = new HashSet<>();
    for (IndexEdge e : g.edges()) {
      pairs.add(new VersionPair(g.nodes().get(e.from()).version(), g.nodes().get(e.to()).version()));
    }
    return pairs;
  }

  private static Set<VersionPair> conditional(ChannelGraph g) {
    Set<VersionPair> pairs = new HashSet<>();
    for (ConditionalUpdateGroup group : g.conditionalEdges()) {
      pairs.addAll(group.edges());
    }
    return pairs;
  }

  private record RiskKey(String risk, RiskChange.Change change, List<String> fields) {
    static final Comparator<RiskKey> ORDER = Comparator.comparing(RiskKey::risk)
        .thenComparing(RiskKey::change).thenComparing(k -> String.join(",", k.fields()));
  }
}
