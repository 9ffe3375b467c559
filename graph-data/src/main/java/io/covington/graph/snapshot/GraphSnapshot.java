package io.covington.graph.snapshot;

import io.covington.graph.input.Channel;
import io.covington.graph.input.GraphData;
import io.covington.graph.input.LoadProblem;
import io.covington.graph.input.ReleaseSet;
import io.covington.graph.model.ChannelGraph;
import io.covington.graph.signature.SignatureStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One immutable view of the OpenShift update graph: every architecture's graph and every
 * channel's served graph, computed once when the snapshot is built. Safe to share between threads.
 */
public final class GraphSnapshot implements Snapshot {

  private final Map<String, ArchGraph> archGraphs;
  private final Map<String, Map<String, ChannelGraph>> channelGraphs;
  private final List<Channel> channels;
  private final List<LoadProblem> problems;
  private final String revision;
  private final Instant builtAt;
  private final Duration buildDuration;
  private final Map<String, GraphStats> stats;
  private final SignatureStore signatures;

  GraphSnapshot(
      Map<String, ArchGraph> archGraphs,
      Map<String, Map<String, ChannelGraph>> channelGraphs,
      List<Channel> channels,
      List<LoadProblem> problems,
      String revision,
      Instant builtAt,
      Duration buildDuration) {
    this(archGraphs, channelGraphs, channels, problems, revision, builtAt, buildDuration, SignatureStore.empty());
  }

  private GraphSnapshot(
      Map<String, ArchGraph> archGraphs,
      Map<String, Map<String, ChannelGraph>> channelGraphs,
      List<Channel> channels,
      List<LoadProblem> problems,
      String revision,
      Instant builtAt,
      Duration buildDuration,
      SignatureStore signatures) {
    this.signatures = signatures;
    this.archGraphs = Map.copyOf(archGraphs);
    this.channelGraphs = Map.copyOf(channelGraphs);
    this.channels = List.copyOf(channels);
    this.problems = List.copyOf(problems);
    this.revision = revision;
    this.builtAt = builtAt;
    this.buildDuration = buildDuration;
    this.stats = computeStats(this.archGraphs);
  }

  /**
   * Builds a snapshot from releases and graph-data. Problems of the inputs are carried over into
   * {@link #problems()}; the build itself adds problems for data it cannot use (for example a
   * channel version that is not SemVer) and never throws on bad data.
   */
  public static GraphSnapshot build(ReleaseSet releases, GraphData data) {
    return new SnapshotBuilder(releases, data).build();
  }

  /**
   * This snapshot serving {@code store}'s release signatures; the store's problems (refused
   * signatures, misnamed files) are added to the {@linkplain #problems() problems}.
   */
  public GraphSnapshot withSignatures(SignatureStore store) {
    List<LoadProblem> all = new ArrayList<>(problems);
    all.addAll(store.problems());
    return new GraphSnapshot(archGraphs, channelGraphs, channels, all, revision, builtAt, buildDuration, store);
  }

  /** The release signatures served with this graph (the signature store endpoint). */
  public SignatureStore signatures() {
    return signatures;
  }

  /**
   * The graph served for {@code channel} on {@code arch}; empty when the channel or the
   * architecture is unknown (the API then serves the empty graph).
   */
  public Optional<ChannelGraph> channel(String channel, String arch) {
    Map<String, ChannelGraph> byName = channelGraphs.get(arch);
    return byName == null ? Optional.empty() : Optional.ofNullable(byName.get(channel));
  }

  /** Every channel of the graph-data, with its release count on {@code arch}, sorted by name. */
  public List<ChannelSummary> channels(String arch) {
    Map<String, ChannelGraph> byName = channelGraphs.getOrDefault(arch, Map.of());
    List<ChannelSummary> result = new ArrayList<>();
    for (Channel c : channels) {
      ChannelGraph g = byName.get(c.name());
      result.add(new ChannelSummary(c.name(), g == null ? 0 : g.nodes().size()));
    }
    return Collections.unmodifiableList(result);
  }

  /** Architectures that have at least one release. */
  public SortedSet<String> architectures() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(archGraphs.keySet()));
  }

  public Optional<ArchGraph> archGraph(String arch) {
    return Optional.ofNullable(archGraphs.get(arch));
  }

  /** Size of each architecture's whole graph. */
  public Map<String, GraphStats> stats() {
    return stats;
  }

  private static Map<String, GraphStats> computeStats(Map<String, ArchGraph> archGraphs) {
    Map<String, GraphStats> result = new TreeMap<>();
    archGraphs.forEach(
        (arch, g) -> {
          int conditional = (int) g.graph().edgeSet().stream().filter(UpdateEdge::isConditional).count();
          int releases = (int) g.releases().stream().filter(r -> !r.isAbstract()).count();
          result.put(arch, new GraphStats(releases, g.graph().edgeSet().size() - conditional, conditional));
        });
    return Collections.unmodifiableMap(result);
  }

  /** Problems found in the inputs and while building; bad entries were skipped. */
  @Override
  public List<LoadProblem> problems() {
    return problems;
  }

  /** Identity of the inputs: {@code <releases revision>/<graph-data revision>}. */
  @Override
  public String revision() {
    return revision;
  }

  @Override
  public Instant builtAt() {
    return builtAt;
  }

  public Duration buildDuration() {
    return buildDuration;
  }
}
