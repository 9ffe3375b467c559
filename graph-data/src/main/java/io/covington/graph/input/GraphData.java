package io.covington.graph.input;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The content of a graph-data directory in the openshift/cincinnati-graph-data layout.
 *
 * @param layoutVersion the {@code version} file's content, e.g. {@code 1.1.0}
 * @param channels channels by name, sorted by name
 * @param blockedEdges blocked edges sorted by file name
 * @param rawMetadata {@code raw/metadata.json}: version → key → value, merged into releases
 * @param problems what was wrong; bad files were skipped
 * @param revision a short identity of the content read (a content hash or commit id)
 * @param signatures the release signatures of its {@code signatures/} folder, served by the
 *     signature store endpoint
 */
public record GraphData(
    String layoutVersion,
    List<Channel> channels,
    List<BlockedEdge> blockedEdges,
    Map<String, Map<String, String>> rawMetadata,
    List<LoadProblem> problems,
    String revision,
    ReleaseSignatures signatures) {

  public GraphData {
    Objects.requireNonNull(signatures, "signatures");
    channels = List.copyOf(channels);
    blockedEdges = List.copyOf(blockedEdges);
    rawMetadata = Map.copyOf(rawMetadata);
    problems = List.copyOf(problems);
  }

  /** Graph-data without signatures. */
  public GraphData(String layoutVersion, List<Channel> channels, List<BlockedEdge> blockedEdges,
      Map<String, Map<String, String>> rawMetadata, List<LoadProblem> problems, String revision) {
    this(layoutVersion, channels, blockedEdges, rawMetadata, problems, revision, ReleaseSignatures.empty());
  }

  /**
   * This graph-data with {@code overlay} laid over it: channels and blocked edges of both (a
   * channel declared by both is reported and the overlay's is used), raw metadata and signatures merged.
   */
  public GraphData merge(GraphData overlay) {
    Map<String, Channel> byName = new TreeMap<>();
    List<LoadProblem> merged = new ArrayList<>(problems);
    merged.addAll(overlay.problems);
    channels.forEach(c -> byName.put(c.name(), c));
    for (Channel c : overlay.channels) {
      Channel old = byName.put(c.name(), c);
      if (old != null) {
        merged.add(LoadProblem.of(c.source(), "duplicate_channel", "channel '" + c.name() + "' is also declared in " + old.source() + "; this one is used"));
      }
    }
    List<BlockedEdge> blocks = new ArrayList<>(blockedEdges);
    blocks.addAll(overlay.blockedEdges);
    blocks.sort(Comparator.comparing(BlockedEdge::source));
    Map<String, Map<String, String>> raw = new LinkedHashMap<>(rawMetadata);
    overlay.rawMetadata.forEach(
        (version, kv) -> {
          Map<String, String> m = new LinkedHashMap<>(raw.getOrDefault(version, Map.of()));
          kv.forEach((k, v) -> m.merge(k, v, (a, b) -> a + "," + b));
          raw.put(version, m);
        });
    return new GraphData(
        layoutVersion, List.copyOf(byName.values()), blocks, raw, merged, revision + "+" + overlay.revision,
        signatures.merge(overlay.signatures));
  }

  /** The same content named by another revision, e.g. the git commit it was checked out from. */
  public GraphData withRevision(String newRevision) {
    return new GraphData(layoutVersion, channels, blockedEdges, rawMetadata, problems, newRevision, signatures);
  }

  /** Graph-data with no channels and no blocks: every channel query answers the empty graph. */
  public static GraphData empty() {
    return new GraphData("1.1.0", List.of(), List.of(), Map.of(), List.of(), "none");
  }
}
