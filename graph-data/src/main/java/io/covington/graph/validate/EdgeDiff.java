package io.covington.graph.validate;

import io.covington.graph.model.ChannelGraph;
import io.covington.graph.model.ConditionalUpdateGroup;
import io.covington.graph.model.IndexEdge;
import io.covington.graph.model.VersionPair;
import io.covington.graph.snapshot.ChannelSummary;
import io.covington.graph.snapshot.GraphSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The per-channel difference in served updates between two snapshots, as a reviewer of a
 * graph-data change wants it: which updates of which channel disappear or become conditional.
 * O(channels × updates).
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
    return new ChannelEdgeChanges(channel, arch, removed, madeConditional, added, madeUnconditional);
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
}
