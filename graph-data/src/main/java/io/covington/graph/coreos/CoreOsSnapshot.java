package io.covington.graph.coreos;

import io.covington.graph.input.LoadProblem;
import io.covington.graph.snapshot.Snapshot;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every CoreOS stream's graphs, built once for every base architecture and scheme; immutable and
 * safe to share between threads. Lookups are O(1).
 */
public final class CoreOsSnapshot implements Snapshot {

  private final Map<String, CoreOsStream> streams;
  private final Map<String, List<String>> basearches;
  private final Map<CoreOsGraphKey, CoreOsGraph> graphs;
  private final List<LoadProblem> problems;
  private final String revision;
  private final Instant builtAt;

  private CoreOsSnapshot(
      Map<String, CoreOsStream> streams,
      Map<String, List<String>> basearches,
      Map<CoreOsGraphKey, CoreOsGraph> graphs,
      List<LoadProblem> problems,
      String revision,
      Instant builtAt) {
    this.streams = streams;
    this.basearches = basearches;
    this.graphs = graphs;
    this.problems = problems;
    this.revision = revision;
    this.builtAt = builtAt;
  }

  /**
   * Builds every graph of {@code streams}.
   *
   * @param problems what was wrong while reading them (the bad streams are already left out)
   * @throws IllegalArgumentException if two streams have the same name
   */
  public static CoreOsSnapshot of(List<CoreOsStream> streams, List<LoadProblem> problems) {
    Map<String, CoreOsStream> byName = new TreeMap<>();
    Map<String, List<String>> arches = new TreeMap<>();
    Map<CoreOsGraphKey, CoreOsGraph> graphs = new HashMap<>();
    for (CoreOsStream stream : streams) {
      if (byName.put(stream.name(), stream) != null) {
        throw new IllegalArgumentException("stream " + stream.name() + " given twice");
      }
      List<String> streamArches = stream.index().basearches();
      arches.put(stream.name(), streamArches);
      for (String arch : streamArches) {
        for (Scheme scheme : Scheme.values()) {
          graphs.put(
              new CoreOsGraphKey(stream.name(), arch, scheme),
              CoreOsGraphBuilder.build(stream.index(), stream.updates(), arch, scheme));
        }
      }
    }
    return new CoreOsSnapshot(
        Collections.unmodifiableMap(byName),
        Collections.unmodifiableMap(arches),
        Map.copyOf(graphs),
        List.copyOf(problems),
        "unversioned",
        Instant.now());
  }

  /** The same streams named by {@code newRevision}, the identity of the inputs they were read from. */
  public CoreOsSnapshot withRevision(String newRevision) {
    return new CoreOsSnapshot(streams, basearches, graphs, problems, newRevision, builtAt);
  }

  /** A snapshot with no streams: every lookup answers empty. */
  public static CoreOsSnapshot empty() {
    return of(List.of(), List.of());
  }

  /**
   * The graph for {@code stream}, {@code basearch} and {@code scheme}; empty when the stream or
   * the architecture is unknown (an HTTP 404). A known architecture with no payload of the
   * scheme answers a graph without nodes.
   */
  public Optional<CoreOsGraph> graph(String stream, String basearch, Scheme scheme) {
    return graph(new CoreOsGraphKey(stream, basearch, scheme));
  }

  /** The graph for {@code key}, as {@link #graph(String, String, Scheme)}. */
  public Optional<CoreOsGraph> graph(CoreOsGraphKey key) {
    return Optional.ofNullable(graphs.get(key));
  }

  /** The stream names, sorted. */
  public List<String> streams() {
    return List.copyOf(streams.keySet());
  }

  /** The base architectures of {@code stream}, sorted; empty for an unknown stream. */
  public List<String> basearches(String stream) {
    return basearches.getOrDefault(stream, List.of());
  }

  /** The inputs of {@code stream}, if known. */
  public Optional<CoreOsStream> stream(String stream) {
    return Optional.ofNullable(streams.get(stream));
  }

  /** What was wrong in the inputs; the streams concerned are not in this snapshot. */
  @Override
  public List<LoadProblem> problems() {
    return problems;
  }

  /** The identity of the inputs, as the source that read them names it. */
  @Override
  public String revision() {
    return revision;
  }

  @Override
  public Instant builtAt() {
    return builtAt;
  }
}
