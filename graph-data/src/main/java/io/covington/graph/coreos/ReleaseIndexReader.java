package io.covington.graph.coreos;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.covington.graph.input.LoadProblem;
import io.covington.graph.input.Problems;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a Fedora CoreOS release index ({@code releases.json}).
 *
 * <p>The document is all-or-nothing: an entry that cannot be understood would shift every later
 * {@code age_index}, so any problem rejects the whole document (reported to {@link Problems},
 * never thrown). The only exception is a commit with an empty checksum, which is skipped as the
 * reference server does.
 */
final class ReleaseIndexReader {

  static final String KIND = "invalid_release_index";
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  private ReleaseIndexReader() {}

  /** Reads the index from {@code in} (closed afterwards); {@code source} names it in problems. */
  public static Optional<ReleaseIndex> read(String source, InputStream in, Problems problems) {
    Optional<IndexDoc> doc = CoreOsJson.read(source, in, IndexDoc.class, KIND, problems);
    if (doc.isEmpty()) {
      return Optional.empty();
    }
    List<IndexedRelease> releases = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < doc.get().releases.size(); i++) {
      ReleaseDoc entry = doc.get().releases.get(i);
      if (!seen.add(entry.version)) {
        problems.add(
            LoadProblem.of(
                source,
                KIND,
                "at releases["
                    + i
                    + "]: version "
                    + entry.version
                    + " appears twice; versions must be unique"));
        return Optional.empty();
      }
      Optional<IndexedRelease> release = toRelease(source, i, entry, problems);
      if (release.isEmpty()) {
        return Optional.empty();
      }
      releases.add(release.get());
    }
    return Optional.of(new ReleaseIndex(doc.get().stream, releases, source,
        Optional.ofNullable(doc.get().synthetic).filter(s -> !s.isBlank())));
  }

  /** Reads the index from a string, e.g. a body fetched over HTTP. */
  public static Optional<ReleaseIndex> read(String source, String json, Problems problems) {
    return read(source, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), problems);
  }

  private static Optional<IndexedRelease> toRelease(
      String source, int i, ReleaseDoc entry, Problems problems) {
    Map<String, String> commits = new LinkedHashMap<>();
    for (CommitDoc commit : entry.commits) {
      if (commit.checksum.isEmpty()) {
        continue;
      }
      if (commits.put(commit.architecture, commit.checksum) != null) {
        problems.add(duplicateArch(source, i, "commits", commit.architecture));
        return Optional.empty();
      }
    }
    Map<String, String> images = new LinkedHashMap<>();
    for (OciImageDoc image : entry.ociImages) {
      Optional<String> pullSpec = pullSpec(image);
      if (pullSpec.isEmpty()) {
        problems.add(
            LoadProblem.of(
                source,
                KIND,
                "at releases["
                    + i
                    + "].oci-images: digest-ref `"
                    + image.digestRef
                    + "` is neither `repo@sha256:<64 hex>` nor `sha256:<64 hex>`"));
        return Optional.empty();
      }
      if (images.put(image.architecture, pullSpec.get()) != null) {
        problems.add(duplicateArch(source, i, "oci-images", image.architecture));
        return Optional.empty();
      }
    }
    return Optional.of(new IndexedRelease(entry.version, entry.metadata, commits, images));
  }

  /**
   * The image pull spec: the real index's {@code digest-ref} already is one
   * ({@code quay.io/fedora/fedora-coreos@sha256:…}); a bare digest is joined to {@code image}.
   */
  static Optional<String> pullSpec(OciImageDoc image) {
    int at = image.digestRef.lastIndexOf('@');
    if (at > 0 && DIGEST.matcher(image.digestRef.substring(at + 1)).matches()) {
      return Optional.of(image.digestRef);
    }
    if (DIGEST.matcher(image.digestRef).matches()) {
      return Optional.of(image.image + "@" + image.digestRef);
    }
    return Optional.empty();
  }

  private static LoadProblem duplicateArch(String source, int i, String field, String arch) {
    return LoadProblem.of(
        source, KIND, "at releases[" + i + "]." + field + ": architecture " + arch + " appears twice");
  }

  /** {@code covington.io/synthetic} marks Covington's own generated indexes; Fedora's have no such field. */
  record IndexDoc(String stream, List<ReleaseDoc> releases, @JsonProperty("covington.io/synthetic") String synthetic) {
    IndexDoc {
      CoreOsJson.requireText(stream, "stream");
      releases = List.copyOf(CoreOsJson.require(releases, "releases"));
    }
  }

  record ReleaseDoc(
      String version,
      String metadata,
      List<CommitDoc> commits,
      @JsonProperty("oci-images") List<OciImageDoc> ociImages) {
    ReleaseDoc {
      CoreOsJson.requireText(version, "version");
      CoreOsJson.require(metadata, "metadata");
      commits = List.copyOf(CoreOsJson.require(commits, "commits"));
      ociImages = ociImages == null ? List.of() : List.copyOf(ociImages);
    }
  }

  record CommitDoc(String architecture, String checksum) {
    CommitDoc {
      CoreOsJson.requireText(architecture, "architecture");
      CoreOsJson.require(checksum, "checksum");
    }
  }

  record OciImageDoc(String architecture, String image, @JsonProperty("digest-ref") String digestRef) {
    OciImageDoc {
      CoreOsJson.requireText(architecture, "architecture");
      CoreOsJson.requireText(image, "image");
      CoreOsJson.requireText(digestRef, "digest-ref");
    }
  }
}
