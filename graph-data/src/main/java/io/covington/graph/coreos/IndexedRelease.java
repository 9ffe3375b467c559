package io.covington.graph.coreos;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a release index: a version and its payload per architecture and scheme.
 *
 * @param version the release version, never parsed (order comes from the index)
 * @param metadataUrl the URL of the release's {@code release.json}
 * @param commits OSTree commit checksum by architecture (entries with an empty checksum dropped)
 * @param ociImages image pull spec with digest ({@code repo@sha256:…}) by architecture
 */
record IndexedRelease(
    String version, String metadataUrl, Map<String, String> commits, Map<String, String> ociImages) {

  public IndexedRelease {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(metadataUrl, "metadataUrl");
    commits = Map.copyOf(commits);
    ociImages = Map.copyOf(ociImages);
  }

  /** The payload of this release for {@code basearch} under {@code scheme}, if it has one. */
  public Optional<String> payload(String basearch, Scheme scheme) {
    return Optional.ofNullable(
        scheme == Scheme.CHECKSUM ? commits.get(basearch) : ociImages.get(basearch));
  }
}
