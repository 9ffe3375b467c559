package io.covington.sources.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a release image: its architecture from the image config (or {@code multi} for an index of
 * several platforms) and its {@code release-manifests/release-metadata} from the layers, top-most
 * first.
 *
 * <p>What is verified: every manifest (its bytes hash to the digest it is known by) and every image
 * config (read whole). A layer is read to its end, and its sha256 and size checked, whenever it
 * does not hold the document, or its descriptor says it is at most {@code fullReadLimit} bytes;
 * a document from a layer above the limit is used after stopping at the file, unverified past the
 * bytes read, and {@link ReleaseImage#layerVerified()} says so. Release payload layers are small
 * (the release-manifests layer is a few MiB), so in practice everything is verified.
 */
final class ReleaseImageReader {

  static final String METADATA_PATH = "release-manifests/release-metadata";
  private static final int MAX_CONFIG_BYTES = 4 << 20;
  private static final int MAX_DOCUMENT_BYTES = 1 << 20;

  private final RegistryClient client;
  private final long fullReadLimit;

  ReleaseImageReader(RegistryClient client, long fullReadLimit) {
    this.client = client;
    this.fullReadLimit = fullReadLimit;
  }

  ReleaseImage read(RegistryRepository repo, RegistryClient.Manifest manifest) throws RegistryException, InterruptedException {
    String source = repo.pullSpec(manifest.digest());
    ImageManifest parsed = ImageManifest.parse(manifest, source);
    if (parsed instanceof ImageManifest.Image image) {
      return readImage(repo, source, image, List.of());
    }
    ImageManifest.Index index = (ImageManifest.Index) parsed;
    List<ImageManifest.PlatformManifest> platforms = new ArrayList<>();
    for (ImageManifest.PlatformManifest entry : index.manifests()) {
      // buildx adds attestation manifests with platform unknown/unknown: not a platform.
      if (!entry.architecture().isEmpty() && !"unknown".equals(entry.architecture())) {
        platforms.add(entry);
      }
    }
    if (platforms.isEmpty()) {
      throw new RegistryException("invalid_manifest", source + ": the index lists no platform image");
    }
    List<String> children = platforms.stream().map(p -> p.descriptor().digest()).toList();
    long arches = platforms.stream().map(ImageManifest.PlatformManifest::architecture).distinct().count();
    ImageManifest.PlatformManifest first = platforms.get(0);
    RegistryClient.Manifest child = client.manifest(repo, first.descriptor().digest());
    if (!(ImageManifest.parse(child, repo.pullSpec(child.digest())) instanceof ImageManifest.Image image)) {
      throw new RegistryException("invalid_manifest", source + ": platform entry " + child.digest() + " is not an image manifest");
    }
    ReleaseImage piece = readImage(repo, repo.pullSpec(child.digest()), image, children);
    String arch = arches > 1 ? "multi" : first.architecture();
    return new ReleaseImage(arch, piece.document(), children, piece.layerVerified());
  }

  private ReleaseImage readImage(RegistryRepository repo, String source, ImageManifest.Image image, List<String> children)
      throws RegistryException, InterruptedException {
    byte[] config = client.smallBlob(repo, image.config().digest(), image.config().size(), MAX_CONFIG_BYTES);
    String arch;
    try {
      JsonNode node = ImageManifest.JSON.readTree(config);
      arch = node == null ? "" : node.path("architecture").asText("");
    } catch (IOException e) {
      throw new RegistryException("invalid_manifest", source + ": image config is not JSON: " + e.getMessage());
    }
    if (arch.isEmpty()) {
      throw new RegistryException("invalid_manifest", source + ": image config has no architecture");
    }
    List<ImageManifest.Descriptor> layers = image.layers();
    for (int i = layers.size() - 1; i >= 0; i--) {
      ImageManifest.Descriptor layer = layers.get(i);
      LayerSearch.Result result = searchLayer(repo, source, layer);
      if (result instanceof LayerSearch.Found found) {
        boolean verified = layer.size() >= 0 && layer.size() <= fullReadLimit;
        return new ReleaseImage(arch, Optional.of(new String(found.content(), StandardCharsets.UTF_8)), children, verified);
      }
      if (result instanceof LayerSearch.WhitedOut) {
        break;
      }
    }
    return new ReleaseImage(arch, Optional.empty(), children, true);
  }

  private LayerSearch.Result searchLayer(RegistryRepository repo, String source, ImageManifest.Descriptor layer)
      throws RegistryException, InterruptedException {
    try (VerifyingInputStream blob = client.blob(repo, layer.digest(), layer.size())) {
      LayerSearch.Result result;
      try {
        result = LayerSearch.find(blob, METADATA_PATH, MAX_DOCUMENT_BYTES);
      } catch (VerifyingInputStream.Mismatch e) {
        throw e;
      } catch (IOException e) {
        // A corrupt tar may be a corrupt download: if the blob does not match its digest, say that.
        blob.drainAndVerify();
        throw client.error("invalid_layer", source + ": layer " + layer.digest() + " is not a readable tar: " + e.getMessage());
      }
      if (!(result instanceof LayerSearch.Found) || (layer.size() >= 0 && layer.size() <= fullReadLimit)) {
        blob.drainAndVerify();
      }
      return result;
    } catch (VerifyingInputStream.Mismatch e) {
      throw client.error("digest_mismatch", source + ": layer " + layer.digest() + ": " + e.getMessage());
    } catch (IOException e) {
      throw client.error("unreachable", source + ": reading layer " + layer.digest() + " failed: " + e);
    }
  }
}
