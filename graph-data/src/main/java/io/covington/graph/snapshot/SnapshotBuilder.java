package io.covington.graph.snapshot;

import static io.covington.graph.model.MetadataKeys.ARCH;
import static io.covington.graph.model.MetadataKeys.CHANNELS;
import static io.covington.graph.model.MetadataKeys.PREVIOUS_REMOVE_REGEX;

import io.covington.graph.input.BlockedEdge;
import io.covington.graph.input.Channel;
import io.covington.graph.input.GraphData;
import io.covington.graph.input.Problems;
import io.covington.graph.input.ReleaseSet;
import io.covington.graph.model.ChannelGraph;
import io.covington.graph.model.Release;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.graph.AsUnmodifiableGraph;

/**
 * Builds a {@link GraphSnapshot} the way the reference graph-builder does: releases and their
 * declared updates, graph-data metadata merged in, edge-editing metadata applied, blocked edges
 * removed or made conditional, then one served graph per channel and architecture.
 *
 * <p>Cost: O(R + E·B) where R is releases, E declared updates and B blocked edges per target
 * version (blocks are indexed by target), plus O(C·E) for the channel views.
 */
final class SnapshotBuilder {

  private final ReleaseSet releaseSet;
  private final GraphData data;
  private final Problems problems = new Problems();

  SnapshotBuilder(ReleaseSet releaseSet, GraphData data) {
    this.releaseSet = releaseSet;
    this.data = data;
  }

  GraphSnapshot build() {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    releaseSet.problems().forEach(problems::add);
    data.problems().forEach(problems::add);

    ReleaseTable table = ReleaseTable.of(releaseSet.releases(), problems);
    table.mergeRawMetadata(data.rawMetadata());
    Map<String, List<String>> channelsByVersion = channelsByVersion(table);
    BlockIndex blocks = new BlockIndex(data.blockedEdges());

    Map<String, ArchGraph> archGraphs = new TreeMap<>();
    Map<String, Map<String, ChannelGraph>> channelGraphs = new TreeMap<>();
    for (String arch : table.architectures()) {
      EdgeEditor editor = new EdgeEditor(arch, table, blocks, problems);
      editor.declare(releaseSet.edges());
      editor.applyEdgeEditing();
      List<Release> served = servedReleases(table.releasesOf(arch), channelsByVersion, blocks);
      ArchGraph archGraph = toArchGraph(arch, served, editor);
      archGraphs.put(arch, archGraph);
      channelGraphs.put(arch, ChannelViews.of(archGraph, data.channels()));
    }
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    return new GraphSnapshot(
        archGraphs,
        channelGraphs,
        data.channels(),
        problems.list(),
        releaseSet.revision() + "/" + data.revision(),
        started,
        took);
  }

  /** Channel names per release id, in the reference's order (by channel version, then name). */
  private Map<String, List<String>> channelsByVersion(ReleaseTable table) {
    Map<String, TreeSet<Channel>> byId = new HashMap<>();
    for (Channel channel : data.channels()) {
      for (String v : channel.versions()) {
        for (ReleaseTable.Entry e : table.matching(v)) {
          byId.computeIfAbsent(e.id(), k -> new TreeSet<>(ChannelOrder.INSTANCE)).add(channel);
        }
      }
    }
    Map<String, List<String>> result = new HashMap<>();
    byId.forEach((id, set) -> result.put(id, set.stream().map(Channel::name).toList()));
    return result;
  }

  /**
   * The releases as served: channel membership and the blocked-edge patterns recorded in
   * metadata, the builder's own arch key dropped.
   */
  private List<Release> servedReleases(
      List<ReleaseTable.Entry> entries, Map<String, List<String>> channels, BlockIndex blocks) {
    List<Release> result = new ArrayList<>();
    for (ReleaseTable.Entry e : entries) {
      if (e.removed()) {
        continue;
      }
      Map<String, String> metadata = new LinkedHashMap<>(e.metadata());
      metadata.remove(ARCH);
      List<String> names = channels.get(e.id());
      if (names != null) {
        metadata.put(CHANNELS, String.join(",", names));
      }
      List<String> patterns = blocks.patternsFor(e.version(), e.id());
      if (!patterns.isEmpty()) {
        String joined = String.join("|", patterns);
        metadata.merge(PREVIOUS_REMOVE_REGEX, joined, (old, add) -> old + "|" + add);
      }
      result.add(new Release(e.version(), e.arch(), e.payload(), metadata));
    }
    result.sort((a, b) -> Versions.PRECEDENCE.compare(a.version(), b.version()));
    return result;
  }

  private static ArchGraph toArchGraph(String arch, List<Release> served, EdgeEditor editor) {
    Graph<Release, UpdateEdge> graph = new CompactDigraph<>();
    Map<String, Release> byId = new HashMap<>();
    Map<String, Release> byVersion = new HashMap<>();
    for (Release r : served) {
      graph.addVertex(r);
      byId.put(r.id(), r);
      byVersion.put(r.version(), r);
    }
    for (EdgeEditor.Edge e : editor.edges()) {
      Release from = byId.get(e.fromId());
      Release to = byId.get(e.toId());
      if (from != null && to != null) {
        graph.addEdge(from, to, new UpdateEdge(from, to, e.conditions()));
      }
    }
    return new ArchGraph(arch, new AsUnmodifiableGraph<>(graph), served, byVersion, editor.removals());
  }

  /** Blocked edges indexed by their {@code to} value. */
  static final class BlockIndex {
    private final Map<String, List<BlockedEdge>> byTo = new HashMap<>();

    BlockIndex(List<BlockedEdge> blocks) {
      for (BlockedEdge b : blocks) {
        byTo.computeIfAbsent(b.to(), k -> new ArrayList<>()).add(b);
      }
    }

    /**
     * Blocks that may apply to this target: those naming it by version or by id, and those that
     * select by OS transition alone; in file-name order.
     */
    List<BlockedEdge> forTarget(String version, String id) {
      List<BlockedEdge> byVersion = byTo.getOrDefault(version, List.of());
      List<BlockedEdge> byId = byTo.getOrDefault(id, List.of());
      List<BlockedEdge> any = byTo.getOrDefault(BlockedEdge.ANY_TARGET, List.of());
      if (byId.isEmpty() && any.isEmpty()) {
        return byVersion;
      }
      List<BlockedEdge> all = new ArrayList<>(byVersion);
      all.addAll(byId);
      all.addAll(any);
      all.sort(Comparator.comparing(BlockedEdge::source));
      return all;
    }

    /** The {@code from} patterns recorded on a target as {@code previous.remove_regex}, as upstream does. */
    List<String> patternsFor(String version, String id) {
      return forTarget(version, id).stream()
          .filter(b -> b.osTransition().isEmpty())
          .map(b -> b.from().pattern())
          .toList();
    }
  }
}
