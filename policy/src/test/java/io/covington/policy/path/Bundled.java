package io.covington.policy.path;

import io.covington.graph.bundled.BundledData;
import io.covington.graph.snapshot.GraphSnapshot;

/** The bundled snapshot and its path index, built once per test JVM. */
final class Bundled {

  static final GraphSnapshot SNAPSHOT = load();
  static final PathIndex INDEX = PathIndex.of(SNAPSHOT);
  static final SafePathPlanner PLANNER = new SafePathPlanner(INDEX);
  static final UpdateExplainer EXPLAINER = new UpdateExplainer(INDEX);

  private Bundled() {}

  private static GraphSnapshot load() {
    try {
      return GraphSnapshot.build(BundledData.releases(), BundledData.graphData());
    } catch (Exception e) {
      throw new IllegalStateException("the bundled data must load", e);
    }
  }
}
