package io.covington.graph.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.covington.graph.model.MetadataKeys;
import io.covington.graph.model.Release;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a raw graph in the reference graph-builder's format: {@code {"nodes":[{"version":
 * "4.16.3+amd64","payload":…,"metadata":{…}}],"edges":[[i,j]]}}. A node's architecture is its
 * {@code +arch} version suffix, else {@code io.openshift.upgrades.graph.release.arch}, else {@code
 * multi} when labelled {@code release.openshift.io/architecture=multi} (so a graph API response of
 * {@code arch=multi} reads as multi), else {@code amd64}, as for the oldest images; a node labelled
 * multi with a single-platform architecture is left out, see {@link ReleaseArchitecture}. Other
 * top-level keys are ignored.
 */
public final class RawGraphReader {

  /** The architecture of a node the graph states nothing about, as of the oldest images. */
  private static final String DEFAULT_ARCH = "amd64";

  private RawGraphReader() {}

  /**
   * Reads {@code json}; bad nodes and edges are reported and skipped.
   *
   * @param source the file or URL the bytes came from, for problem reports
   * @throws InvalidInputException if the document is not a raw graph at all
   */
  public static ReleaseSet read(byte[] json, String source) throws InvalidInputException {
    if (json.length > InputLimits.DEFAULT.maxDocumentBytes()) {
      throw new InvalidInputException(List.of(LoadProblem.of(source, "document_too_large", "the raw graph is " + json.length
          + " bytes, more than the " + InputLimits.size(InputLimits.DEFAULT.maxDocumentBytes()) + " a document may have")));
    }
    Problems problems = new Problems();
    Optional<JsonNode> parsed = Json.parse(Json.JSON, json, source, problems);
    if (parsed.isEmpty()) {
      throw new InvalidInputException(problems.list());
    }
    JsonNode root = parsed.get();
    JsonNode nodes = root.path("nodes");
    JsonNode edges = root.path("edges");
    if (!root.isObject() || !nodes.isArray() || !edges.isArray()) {
      throw new InvalidInputException(List.of(LoadProblem.at(source, 1, "invalid_graph", "a raw graph is an object with 'nodes' and 'edges' arrays")));
    }
    List<Release> releases = new ArrayList<>();
    List<String> idByIndex = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int i = 0;
    for (JsonNode node : nodes) {
      String where = source + " nodes[" + i++ + "]";
      Release r = readNode(node, where, problems);
      if (r != null && !ids.add(r.id())) {
        problems.add(where, "duplicate_release", r.id() + " is listed twice; the first one is kept");
        r = null;
      }
      idByIndex.add(r == null ? null : r.id());
      if (r != null) {
        releases.add(r);
      }
    }
    List<ReleaseEdge> result = new ArrayList<>();
    int j = 0;
    for (JsonNode edge : edges) {
      String where = source + " edges[" + j++ + "]";
      if (!edge.isArray() || edge.size() != 2 || !edge.get(0).canConvertToInt() || !edge.get(1).canConvertToInt()
          || !edge.get(0).isIntegralNumber() || !edge.get(1).isIntegralNumber()) {
        problems.add(where, "invalid_edge", "an edge is a pair of node indexes, got " + edge);
        continue;
      }
      int from = edge.get(0).asInt();
      int to = edge.get(1).asInt();
      if (from < 0 || to < 0 || from >= idByIndex.size() || to >= idByIndex.size()) {
        problems.add(where, "invalid_edge", "node index out of range in " + edge + " (there are " + idByIndex.size() + " nodes)");
        continue;
      }
      if (idByIndex.get(from) != null && idByIndex.get(to) != null) {
        result.add(new ReleaseEdge(idByIndex.get(from), idByIndex.get(to)));
      }
    }
    return new ReleaseSet(releases, result, problems.list(), Json.contentHash(List.of(json)));
  }

  private static Release readNode(JsonNode node, String where, Problems problems) {
    if (!node.isObject() || !node.path("version").isTextual()) {
      problems.add(where, "invalid_release", "a node needs a string 'version'");
      return null;
    }
    String full = node.get("version").asText();
    Map<String, String> metadata = Json.stringMap(node.get("metadata"), "metadata", where, problems);
    JsonNode payload = node.path("payload");
    if (!payload.isMissingNode() && !payload.isTextual()) {
      problems.add(where, "invalid_release", "'payload' must be a string");
      return null;
    }
    int plus = full.indexOf('+');
    String version = plus < 0 ? full : full.substring(0, plus);
    String stated = plus < 0 ? metadata.getOrDefault(MetadataKeys.ARCH, "") : full.substring(plus + 1);
    Optional<String> arch = ReleaseArchitecture.decide(stated, metadata, Optional.of(DEFAULT_ARCH), where, full, problems);
    if (arch.isEmpty()) {
      return null;
    }
    String key = metadata.getOrDefault(MetadataKeys.ARCH, "");
    if (plus >= 0 && !key.isEmpty() && !Architectures.normalize(key).equals(arch)) {
      // The reference's arch filter selects by the key and strips only a matching suffix, so it
      // would serve this node on the key's architecture with the suffix still in its version.
      problems.add(where, "conflicting_architecture", full + ": the version suffix says " + arch.get() + " but "
          + MetadataKeys.ARCH + " says '" + key + "'; served as " + arch.get() + ", fix one of the two");
    }
    String pullSpec = payload.asText("");
    return new Release(version, arch.get(), pullSpec, ReleaseArchitecture.completed(metadata, pullSpec, arch.get()));
  }
}
