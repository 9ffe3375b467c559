package io.covington.graph.snapshot;

import io.covington.graph.input.GraphData;
import io.covington.graph.input.ReleaseSet;

/** Builds a {@link GraphSnapshot} (work in progress). */
final class SnapshotBuilder {
  private final ReleaseSet releases;
  private final GraphData data;

  SnapshotBuilder(ReleaseSet releases, GraphData data) {
    this.releases = releases;
    this.data = data;
  }

  GraphSnapshot build() {
    throw new UnsupportedOperationException("not yet: " + releases.revision() + data.revision());
  }
}
