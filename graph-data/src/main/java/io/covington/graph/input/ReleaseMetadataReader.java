package io.covington.graph.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.covington.graph.model.MetadataKeys;
import io.covington.graph.model.Release;
import io.covington.graph.snapshot.Versions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a directory of release-metadata documents ({@code *.json}), one per release image.
 *
 * <p>Each file is the image's {@code release-manifests/release-metadata} document ({@code kind:
 * cincinnati-metadata-v0}) plus the two facts upstream reads from the image itself, as top-level
 * keys: {@code payload} (the pull spec) and {@code architecture} ({@code amd64}, {@code arm64},
 * {@code s390x}, {@code ppc64le}, {@code multi}; {@code x86_64}/{@code aarch64} accepted). When
 * {@code architecture} is absent, a document labelled {@code release.openshift.io/architecture=multi}
 * is a multi release; a document labelled multi whose {@code architecture} is one platform is that
 * platform's piece of a multi release and is left out, as the reference scraper does (see {@link
 * ReleaseArchitecture}).
 */
public final class ReleaseMetadataReader {

  public static final String KIND = "cincinnati-metadata-v0";

  /**
   * The problem kind of a document labelled {@code release.openshift.io/architecture=multi} in an
   * image of one platform: a piece of a multi release, left out.
   */
  public static final String MULTI_ARCH_PIECE = ReleaseArchitecture.PIECE;

  private ReleaseMetadataReader() {}

  /** Reads {@code dir} within the default limits. */
  public static ReleaseSet read(Path dir) throws InvalidInputException {
    return read(dir, InputLimits.DEFAULT);
  }

  public static ReleaseSet read(Path dir, InputLimits limits) throws InvalidInputException {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException(List.of(LoadProblem.of(dir.toString(), "missing_directory", "release-metadata directory does not exist")));
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    } catch (IOException e) {
      throw new InvalidInputException(List.of(LoadProblem.of(dir.toString(), "unreadable", e.getMessage())));
    }
    InputFiles reader;
    try {
      reader = new InputFiles(dir, limits);
    } catch (IOException e) {
      throw new InvalidInputException(List.of(LoadProblem.of(dir.toString(), "unreadable", e.getMessage())));
    }
    Problems problems = new Problems();
    List<Release> releases = new ArrayList<>();
    List<ReleaseEdge> edges = new ArrayList<>();
    List<byte[]> hashed = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Path file : files) {
      if (!file.getFileName().toString().endsWith(".json") || Files.isDirectory(file)) {
        problems.add(file.toString(), "ignored_file", "only *.json release-metadata documents are read");
        continue;
      }
      byte[] bytes = reader.read(file, "release-metadata document", problems);
      if (bytes == null) {
        continue;
      }
      hashed.add(bytes);
      Optional<Document> doc = parse(bytes, file.toString(), problems);
      if (doc.isEmpty()) {
        continue;
      }
      Release r = doc.get().release();
      if (!ids.add(r.id())) {
        problems.add(file.toString(), "duplicate_release", r.id() + " is described by another file too; this file is ignored");
        continue;
      }
      releases.add(r);
      edges.addAll(doc.get().edges());
    }
    return new ReleaseSet(releases, edges, problems.list(), Json.contentHash(hashed));
  }

  /** One parsed document: the release and the updates its {@code previous}/{@code next} declare. */
  public record Document(Release release, List<ReleaseEdge> edges) {}

  /** Parses one document; problems are reported to {@code problems}, the document skipped. */
  public static Optional<Document> parse(byte[] bytes, String source, Problems problems) {
    return parse(bytes, source, Optional.empty(), Optional.empty(), problems);
  }

  /**
   * Parses one document exactly as found in a release image, with the two facts the image gives:
   * its pull spec and its architecture (from the image config, or {@code multi} for a manifest
   * list). They take precedence over any {@code payload}/{@code architecture} keys in the document.
   */
  public static Optional<Document> parseImageDocument(
      byte[] bytes, String source, String payload, String architecture, Problems problems) {
    return parse(bytes, source, Optional.of(payload), Optional.of(architecture), problems);
  }

  private static Optional<Document> parse(
      byte[] bytes, String source, Optional<String> imagePayload, Optional<String> imageArch, Problems problems) {
    Optional<JsonNode> parsed = Json.parse(Json.JSON, bytes, source, problems);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    JsonNode root = parsed.get();
    if (!root.isObject()) {
      problems.add(source, "invalid_release_metadata", "a release-metadata document is a JSON object");
      return Optional.empty();
    }
    if (!KIND.equals(root.path("kind").asText(null))) {
      problems.add(source, "invalid_release_metadata", "'kind' must be " + KIND + ", got " + root.path("kind"));
      return Optional.empty();
    }
    Optional<String> version = Json.string(root, "version", source, problems);
    if (version.isEmpty()) {
      return Optional.empty();
    }
    if (!Versions.isSemver(version.get())) {
      problems.add(source, "invalid_version", "'" + version.get() + "' is not a SemVer 2.0 version");
      return Optional.empty();
    }
    Map<String, String> metadata = Json.stringMap(root.get("metadata"), "metadata", source, problems);
    // Both image facts are checked before giving up, so a document straight out of a release
    // image (which has neither) gets both fixes named at once.
    String payload = imagePayload.orElse(root.path("payload").isTextual() ? root.path("payload").asText() : "");
    boolean payloadMissing = payload.isBlank();
    if (payloadMissing) {
      problems.add(source, "missing_payload", "add 'payload' (the release image pull spec, registry/repo@sha256:…): upstream reads it from the image");
    }
    String stated = imageArch.orElseGet(() -> root.path("architecture").asText(""));
    Optional<String> arch = ReleaseArchitecture.decide(stated, metadata, Optional.empty(), source, version.get(), problems);
    if (arch.isEmpty() || payloadMissing) {
      return Optional.empty();
    }
    metadata.putIfAbsent(MetadataKeys.ARCH, arch.get());
    Release release = new Release(version.get(), arch.get(), payload, ReleaseArchitecture.completed(metadata, payload, arch.get()));
    List<ReleaseEdge> edges = new ArrayList<>();
    for (String previous : versions(root.get("previous"), "previous", source, problems)) {
      edges.add(new ReleaseEdge(previous + "+" + arch.get(), release.id()));
    }
    for (String next : versions(root.get("next"), "next", source, problems)) {
      edges.add(new ReleaseEdge(release.id(), next + "+" + arch.get()));
    }
    return Optional.of(new Document(release, edges));
  }

  private static List<String> versions(JsonNode list, String field, String source, Problems problems) {
    if (list == null || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      problems.add(source, "invalid_field", "'" + field + "' must be a list of versions");
      return List.of();
    }
    List<String> result = new ArrayList<>();
    for (JsonNode v : list) {
      if (v.isTextual() && Versions.isSemver(v.asText())) {
        result.add(v.asText());
      } else {
        problems.add(source, "invalid_version", "'" + field + "' entry " + v + " is not a SemVer version; left out");
      }
    }
    return result;
  }
}
