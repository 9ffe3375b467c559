package io.covington.graph.validate;

import io.covington.graph.input.BlockedEdge;
import io.covington.graph.model.ChannelGraph;
import io.covington.graph.model.Release;
import io.covington.graph.model.VersionPair;
import io.covington.graph.snapshot.ArchGraph;
import io.covington.graph.snapshot.ChannelSummary;
import io.covington.graph.snapshot.EdgeRemoval;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.graph.snapshot.UpdateEdge;
import io.covington.graph.snapshot.Versions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What changed in the served graphs between two snapshots, channel by channel: releases added or
 * removed, updates added, removed, made conditional or unconditional ({@link EdgeDiff}), risks
 * added to, removed from or changed on updates conditional in both, each with the graph-data files
 * that caused it. O(channels × (releases + updates)).
 */
public final class SnapshotChanges {

  private static final String BLOCKED_EDGES = "blocked-edges/";
  private static final String CHANNELS = "channels/";

  private SnapshotChanges() {}

  /** Every change, sorted by architecture, channel and kind; empty when the served graphs are the same. */
  public static List<GraphChange> between(GraphSnapshot base, GraphSnapshot head) {
    List<GraphChange> result = new ArrayList<>();
    Set<String> arches = new TreeSet<>(base.architectures());
    arches.addAll(head.architectures());
    for (String arch : arches) {
      Set<String> channels = new TreeSet<>();
      base.channels(arch).stream().map(ChannelSummary::name).forEach(channels::add);
      head.channels(arch).stream().map(ChannelSummary::name).forEach(channels::add);
      for (String channel : channels) {
        ChannelGraph before = base.channel(channel, arch).orElse(ChannelGraph.empty(channel, arch));
        ChannelGraph after = head.channel(channel, arch).orElse(ChannelGraph.empty(channel, arch));
        compare(result, base, head, before, after);
      }
    }
    return List.copyOf(result);
  }

  private static void compare(List<GraphChange> out, GraphSnapshot base, GraphSnapshot head, ChannelGraph before, ChannelGraph after) {
    String arch = after.arch();
    String channel = after.channel();
    Set<String> was = versions(before);
    Set<String> is = versions(after);
    List<String> channelFile = List.of(CHANNELS + channel + ".yaml");
    List<String> added = sorted(is.stream().filter(v -> !was.contains(v)).toList());
    List<String> removed = sorted(was.stream().filter(v -> !is.contains(v)).toList());
    if (!added.isEmpty()) {
      out.add(new GraphChange(arch, channel, GraphChange.Kind.RELEASES_ADDED, added, List.of(), Optional.empty(), List.of(), channelFile));
    }
    if (!removed.isEmpty()) {
      out.add(new GraphChange(arch, channel, GraphChange.Kind.RELEASES_REMOVED, removed, List.of(), Optional.empty(), List.of(),
          channelFile));
    }
    ChannelEdgeChanges edges = EdgeDiff.compare(channel, arch, before, after);
    Optional<ArchGraph> baseGraph = base.archGraph(arch);
    Optional<ArchGraph> headGraph = head.archGraph(arch);
    // An update that appears or disappears with a release is explained by the channel file;
    // otherwise by the blocks that were lifted (base) or that now remove it (head).
    add(out, arch, channel, GraphChange.Kind.UPDATES_ADDED, edges.added(), p -> was.contains(p.from()) && was.contains(p.to())
        ? removalFiles(baseGraph, p) : channelFile);
    add(out, arch, channel, GraphChange.Kind.UPDATES_REMOVED, edges.removed(), p -> is.contains(p.from()) && is.contains(p.to())
        ? removalFiles(headGraph, p) : channelFile);
    add(out, arch, channel, GraphChange.Kind.MADE_CONDITIONAL, edges.madeConditional(), p -> conditionFiles(headGraph, p, Optional.empty()));
    add(out, arch, channel, GraphChange.Kind.MADE_UNCONDITIONAL, edges.madeUnconditional(),
        p -> conditionFiles(baseGraph, p, Optional.empty()));
    for (RiskChange risk : edges.risks()) {
      Optional<ArchGraph> where = risk.change() == RiskChange.Change.REMOVED ? baseGraph : headGraph;
      GraphChange.Kind kind = switch (risk.change()) {
        case ADDED -> GraphChange.Kind.RISK_ADDED;
        case REMOVED -> GraphChange.Kind.RISK_REMOVED;
        case CHANGED -> GraphChange.Kind.RISK_CHANGED;
      };
      out.add(new GraphChange(arch, channel, kind, List.of(), risk.updates(), Optional.of(risk.risk()), risk.fields(),
          files(risk.updates(), p -> conditionFiles(where, p, Optional.of(risk.risk())))));
    }
  }

  private static void add(List<GraphChange> out, String arch, String channel, GraphChange.Kind kind, List<VersionPair> updates,
      Function<VersionPair, List<String>> cause) {
    if (!updates.isEmpty()) {
      out.add(new GraphChange(arch, channel, kind, List.of(), updates, Optional.empty(), List.of(), files(updates, cause)));
    }
  }

  private static List<String> files(List<VersionPair> updates, Function<VersionPair, List<String>> cause) {
    Set<String> files = new TreeSet<>();
    updates.forEach(p -> files.addAll(cause.apply(p)));
    return List.copyOf(files);
  }

  /** The blocked-edges files of the conditions on {@code p} in {@code graph} (of {@code risk} only, when given). */
  private static List<String> conditionFiles(Optional<ArchGraph> graph, VersionPair p, Optional<String> risk) {
    Optional<UpdateEdge> edge = graph.flatMap(g -> edge(g, p));
    if (edge.isEmpty()) {
      return List.of();
    }
    List<String> files = new ArrayList<>();
    for (BlockedEdge b : edge.get().conditions()) {
      if (risk.isEmpty() || b.risk().map(r -> r.name().equals(risk.get())).orElse(false)) {
        files.add(inGraphData(b.source()));
      }
    }
    return files;
  }

  /** The files whose blocks or metadata removed {@code p} in {@code graph}. */
  private static List<String> removalFiles(Optional<ArchGraph> graph, VersionPair p) {
    if (graph.isEmpty()) {
      return List.of();
    }
    String suffix = "+" + graph.get().arch();
    List<String> files = new ArrayList<>();
    for (EdgeRemoval r : graph.get().removals()) {
      if (r.fromId().equals(p.from() + suffix) && r.toId().equals(p.to() + suffix)) {
        if (r.blocks().isEmpty()) {
          files.add(inGraphData(r.source()));
        }
        r.blocks().forEach(b -> files.add(inGraphData(b.source())));
      }
    }
    return files;
  }

  private static Optional<UpdateEdge> edge(ArchGraph g, VersionPair p) {
    Optional<Release> from = g.release(p.from());
    Optional<Release> to = g.release(p.to());
    if (from.isEmpty() || to.isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(g.graph().getEdge(from.get(), to.get()));
  }

  /** A source as a path inside graph-data: from its last {@code blocked-edges/} or {@code channels/}. */
  static String inGraphData(String source) {
    int at = Math.max(source.lastIndexOf(BLOCKED_EDGES), source.lastIndexOf(CHANNELS));
    return at < 0 ? source : source.substring(at);
  }

  private static Set<String> versions(ChannelGraph g) {
    Set<String> result = new HashSet<>();
    g.nodes().forEach(r -> result.add(r.version()));
    return result;
  }

  private static List<String> sorted(List<String> versions) {
    return versions.stream().sorted(Versions.PRECEDENCE).toList();
  }
}
