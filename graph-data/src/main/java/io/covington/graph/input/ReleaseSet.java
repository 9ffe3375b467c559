package io.covington.graph.input;

import io.covington.graph.model.Release;
import java.util.List;

/**
 * The releases known to the server and the updates their metadata declares, before graph-data is
 * applied. Every edge joins two releases of the same architecture that are in {@link #releases()}.
 *
 * @param releases releases with their raw metadata (edge-editing keys not yet applied)
 * @param edges updates declared by the release metadata
 * @param problems what was wrong in the input; bad entries were skipped
 * @param revision a short identity of the content read (a content hash), for status and logs
 */
public record ReleaseSet(
    List<Release> releases, List<ReleaseEdge> edges, List<LoadProblem> problems, String revision) {

  public ReleaseSet {
    releases = List.copyOf(releases);
    edges = List.copyOf(edges);
    problems = List.copyOf(problems);
  }
}
