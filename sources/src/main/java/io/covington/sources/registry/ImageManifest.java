package io.covington.sources.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed manifest: either an image (config and layers, bottom-most layer first) or an index /
 * manifest list (one entry per platform).
 */
sealed interface ImageManifest {

  ObjectMapper JSON = new ObjectMapper();

  /** A content descriptor. */
  record Descriptor(String mediaType, String digest, long size) {}

  /** A platform entry of an index. */
  record PlatformManifest(Descriptor descriptor, String os, String architecture) {}

  /** A single-platform image. */
  record Image(Descriptor config, List<Descriptor> layers) implements ImageManifest {
    public Image {
      layers = List.copyOf(layers);
    }
  }

  /** A multi-platform index or manifest list. */
  record Index(List<PlatformManifest> manifests) implements ImageManifest {
    public Index {
      manifests = List.copyOf(manifests);
    }
  }

  /**
   * Parses a manifest of one of the four supported media types; the type comes from the response
   * header, or from the document's {@code mediaType} when the registry sent none.
   */
  static ImageManifest parse(RegistryClient.Manifest manifest, String source) throws RegistryException {
    JsonNode root;
    try {
      root = JSON.readTree(manifest.bytes());
    } catch (IOException e) {
      throw new RegistryException("invalid_manifest", source + ": manifest is not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new RegistryException("invalid_manifest", source + ": manifest is not a JSON object");
    }
    String type = root.path("mediaType").asText(manifest.mediaType());
    if (type.isEmpty() || "application/json".equals(type)) {
      type = root.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
    }
    if (MediaTypes.isIndex(type)) {
      List<PlatformManifest> entries = new ArrayList<>();
      for (JsonNode m : root.path("manifests")) {
        entries.add(new PlatformManifest(descriptor(m, source), m.path("platform").path("os").asText(""),
            m.path("platform").path("architecture").asText("")));
      }
      return new Index(entries);
    }
    if (MediaTypes.isImage(type)) {
      List<Descriptor> layers = new ArrayList<>();
      for (JsonNode layer : root.path("layers")) {
        layers.add(descriptor(layer, source));
      }
      return new Image(descriptor(root.path("config"), source), layers);
    }
    throw new RegistryException("unsupported", source + ": manifest media type '" + type
        + "' is not an OCI or Docker schema 2 image or index");
  }

  private static Descriptor descriptor(JsonNode node, String source) throws RegistryException {
    String digest = node.path("digest").asText("");
    if (!Digests.isDigest(digest)) {
      throw new RegistryException("invalid_manifest", source + ": descriptor digest '" + digest + "' is not sha256:<64 hex>");
    }
    return new Descriptor(node.path("mediaType").asText(""), digest, node.path("size").asLong(-1));
  }
}
