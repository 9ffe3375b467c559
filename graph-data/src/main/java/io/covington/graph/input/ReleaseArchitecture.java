package io.covington.graph.input;

import io.covington.graph.model.MetadataKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides the architecture a release is served under, the same way for every input format, and
 * completes the metadata the reference graph-builder attaches to a scraped release.
 *
 * <p>Two facts decide: the architecture the image itself states (its image config, or {@code
 * multi} for a manifest list of several platforms; in files, the top-level {@code architecture},
 * the {@code +arch} version suffix or {@code io.openshift.upgrades.graph.release.arch}), and the
 * label {@code release.openshift.io/architecture} of the release-metadata document, which release
 * images carry only as {@code multi}. A release labelled {@code multi} whose image is of one
 * platform is one platform's piece of a multi release: the reference scraper leaves it out, and so
 * does Covington. A release the input states nothing about but labels {@code multi} (a response of
 * the graph API, whose versions have no suffix) is a {@code multi} release.
 */
final class ReleaseArchitecture {

  static final String MULTI = "multi";

  /** The problem kind of a left-out platform piece of a multi release. */
  static final String PIECE = "multi_arch_piece";

  private static final Pattern DIGEST = Pattern.compile("@(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$");

  private ReleaseArchitecture() {}

  /**
   * The served architecture, or empty when the release is left out (the reason is reported).
   *
   * @param stated the architecture the image or input states, empty when it states none
   * @param fallback the architecture of a release nothing is stated about; empty when one is required
   * @param subject what the release is called in problem reports, e.g. its version
   */
  static Optional<String> decide(
      String stated, Map<String, String> metadata, Optional<String> fallback, String where, String subject, Problems problems) {
    String label = metadata.getOrDefault(MetadataKeys.RELEASE_ARCHITECTURE, "");
    if (!label.isEmpty() && !label.equals(MULTI)) {
      problems.add(where, "invalid_architecture_label", subject + ": " + MetadataKeys.RELEASE_ARCHITECTURE + " is '" + label
          + "'; release images set it only to 'multi', and clusters from 4.21 refuse a graph whose node has any other value");
    }
    if (stated.isEmpty()) {
      if (label.equals(MULTI)) {
        return Optional.of(MULTI);
      }
      if (fallback.isEmpty()) {
        problems.add(where, "missing_architecture", "add 'architecture' (e.g. amd64): upstream reads it from the image config");
      }
      return fallback;
    }
    Optional<String> arch = Architectures.normalize(stated);
    if (arch.isEmpty()) {
      problems.add(where, "unknown_architecture", subject + ": architecture '" + stated + "' is not one of amd64, arm64, s390x, ppc64le, multi");
      return Optional.empty();
    }
    if (label.equals(MULTI) && !arch.get().equals(MULTI)) {
      problems.add(where, PIECE, subject + " is labelled " + MetadataKeys.RELEASE_ARCHITECTURE + "=multi but its image is "
          + arch.get() + ": one platform's piece of a multi release, left out as the reference graph-builder does"
          + " (serve the manifest list instead)");
      return Optional.empty();
    }
    return arch;
  }

  /**
   * {@code metadata} with what the reference graph-builder attaches to a scraped release: {@code
   * io.openshift.upgrades.graph.release.manifestref}, the digest its payload is pulled by (when the
   * payload is by digest and the key is absent), and for a {@code multi} release the label {@code
   * release.openshift.io/architecture=multi} every multi release image carries, which the
   * cluster-version-operator reads to know an update is multi-architecture.
   */
  static Map<String, String> completed(Map<String, String> metadata, String payload, String arch) {
    Map<String, String> result = new LinkedHashMap<>(metadata);
    Matcher digest = DIGEST.matcher(payload);
    if (digest.find()) {
      result.putIfAbsent(MetadataKeys.MANIFEST_REF, digest.group(1));
    }
    if (arch.equals(MULTI)) {
      result.putIfAbsent(MetadataKeys.RELEASE_ARCHITECTURE, MULTI);
    }
    return result;
  }
}
