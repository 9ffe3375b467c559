package io.covington.graph.validate;

import io.covington.graph.input.GraphData;
import io.covington.graph.input.LoadProblem;
import io.covington.graph.input.ReleaseSet;
import io.covington.graph.snapshot.GraphSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether newly read data may replace a graph that is being served. New data is refused when the
 * graph-data has any {@linkplain GraphDataValidator#publicationErrors publication error} (a file
 * that does not parse or does not follow the schema, a bad regular expression, a risk without
 * rules, an incomplete tree, no channel at all; not the rules of graph-data's own CI, which the
 * reference serves) or the snapshot has no release; in strict mode, also when the snapshot has
 * any problem. Data that cannot be read at all never gets this far.
 */
public final class ReloadAcceptance {

  private ReloadAcceptance() {}

  /** Why {@code snapshot}, built from {@code data}, must not be published; empty when it may be. */
  public static List<LoadProblem> rejections(GraphData data, ReleaseSet releases, GraphSnapshot snapshot, boolean strict) {
    List<LoadProblem> reasons = new ArrayList<>();
    GraphDataValidator.publicationErrors(data).stream()
        .map(Finding::problem)
        .forEach(reasons::add);
    // A pattern too slow to search blocks everything it is searched in: not what graph-data meant.
    snapshot.problems().stream().filter(p -> p.kind().equals("slow_pattern")).forEach(reasons::add);
    if (releases.releases().isEmpty() || snapshot.architectures().isEmpty()) {
      reasons.add(LoadProblem.of("releases", "no_releases", "the releases are empty; every client would get the empty graph"));
    }
    if (strict) {
      for (LoadProblem p : snapshot.problems()) {
        if (!reasons.contains(p)) {
          reasons.add(p);
        }
      }
    }
    return List.copyOf(reasons);
  }
}
