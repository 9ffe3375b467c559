package io.covington.graph.coreos;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the graph of one stream for one base architecture and scheme from its two documents. */
final class CoreOsGraphBuilder {

  private CoreOsGraphBuilder() {}

  /**
   * The graph of {@code index} for {@code basearch} and {@code scheme}, with the directives of
   * {@code updates} matched by exact version. Releases without a payload for the arch and scheme
   * are left out; the others keep their position in the full index as {@code age_index}.
   */
  public static CoreOsGraph build(
      ReleaseIndex index, UpdatesMetadata updates, String basearch, Scheme scheme) {
    List<CoreOsNode> nodes = new ArrayList<>();
    List<UpdateDirectives> directives = new ArrayList<>();
    List<IndexedRelease> releases = index.releases();
    for (int ageIndex = 0; ageIndex < releases.size(); ageIndex++) {
      IndexedRelease release = releases.get(ageIndex);
      Optional<String> payload = release.payload(basearch, scheme);
      if (payload.isEmpty()) {
        continue;
      }
      UpdateDirectives d = updates.forVersion(release.version());
      nodes.add(
          new CoreOsNode(
              release.version(), payload.get(), ageIndex, d, CoreOsMetadata.of(scheme, ageIndex, d)));
      directives.add(d);
    }
    return new CoreOsGraph(index.stream(), basearch, scheme, nodes, UpdateEdges.compute(directives));
  }
}
