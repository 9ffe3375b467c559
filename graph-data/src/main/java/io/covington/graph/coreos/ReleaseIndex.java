package io.covington.graph.coreos;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One stream's release index ({@code releases.json}): every release, oldest first.
 *
 * @param stream the stream the document declares
 * @param releases releases in index order; a release's position is its {@code age_index}
 * @param source the file or URL it was read from
 * @param synthetic what of the index is not real, as its {@code covington.io/synthetic} field says
 *     (Covington's bundled indexes: generated checksums and digests); empty for real data
 */
record ReleaseIndex(String stream, List<IndexedRelease> releases, String source, Optional<String> synthetic) {

  public ReleaseIndex {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(synthetic, "synthetic");
    releases = List.copyOf(releases);
  }

  /** An index of real data. */
  ReleaseIndex(String stream, List<IndexedRelease> releases, String source) {
    this(stream, releases, source, Optional.empty());
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
