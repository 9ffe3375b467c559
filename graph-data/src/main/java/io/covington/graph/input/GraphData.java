package io.covington.graph.input;

import java.util.List;
import java.util.Map;

/**
 * The content of a graph-data directory in the openshift/cincinnati-graph-data layout.
 *
 * @param layoutVersion the {@code version} file's content, e.g. {@code 1.1.0}
 * @param channels channels by name, sorted by name
 * @param blockedEdges blocked edges sorted by file name
 * @param rawMetadata {@code raw/metadata.json}: version → key → value, merged into releases
 * @param problems what was wrong; bad files were skipped
 * @param revision a short identity of the content read (a content hash or commit id)
 */
public record GraphData(
    String layoutVersion,
    List<Channel> channels,
    List<BlockedEdge> blockedEdges,
    Map<String, Map<String, String>> rawMetadata,
    List<LoadProblem> problems,
    String revision) {

  public GraphData {
    channels = List.copyOf(channels);
    blockedEdges = List.copyOf(blockedEdges);
    rawMetadata = Map.copyOf(rawMetadata);
    problems = List.copyOf(problems);
  }

  /** Graph-data with no channels and no blocks: every channel query answers the empty graph. */
  public static GraphData empty() {
    return new GraphData("1.1.0", List.of(), List.of(), Map.of(), List.of(), "none");
  }
}
