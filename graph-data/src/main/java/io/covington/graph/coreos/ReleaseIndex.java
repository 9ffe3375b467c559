package io.covington.graph.coreos;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One stream's release index ({@code releases.json}): every release, oldest first.
 *
 * @param stream the stream the document declares
 * @param releases releases in index order; a release's position is its {@code age_index}
 * @param source the file or URL it was read from
 */
record ReleaseIndex(String stream, List<IndexedRelease> releases, String source) {

  public ReleaseIndex {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(source, "source");
    releases = List.copyOf(releases);
  }

  /** Every architecture any release has a payload for, under either scheme, sorted. */
  public List<String> basearches() {
    TreeSet<String> arches = new TreeSet<>();
    for (IndexedRelease release : releases) {
      arches.addAll(release.commits().keySet());
      arches.addAll(release.ociImages().keySet());
    }
    return List.copyOf(arches);
  }
}
