package io.covington.graph.input;

import io.covington.graph.model.Release;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

  /** The releases and updates of both sets; a release in both is reported and the first kept. */
  public ReleaseSet merge(ReleaseSet other) {
    Set<String> ids = new HashSet<>();
    List<Release> all = new ArrayList<>();
    List<LoadProblem> merged = new ArrayList<>(problems);
    merged.addAll(other.problems);
    for (Release r : releases) {
      ids.add(r.id());
      all.add(r);
    }
    for (Release r : other.releases) {
      if (ids.add(r.id())) {
        all.add(r);
      } else {
        merged.add(LoadProblem.of("release " + r.id(), "duplicate_release", "release is in more than one input; the first one is kept"));
      }
    }
    List<ReleaseEdge> allEdges = new ArrayList<>(edges);
    allEdges.addAll(other.edges);
    return new ReleaseSet(all, allEdges, merged, revision + "+" + other.revision);
  }
}
