package io.covington.sources.registry;

import io.covington.graph.input.GraphData;
import io.covington.graph.input.GraphDataReader;
import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.LoadProblem;
import io.covington.sources.Source;
import io.covington.sources.archive.Untar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Graph-data shipped as an image (oc-mirror's {@code openshift/graph-image}): the tag is resolved to
 * a manifest digest on every load and the image unpacked again only when the digest changed, as the
 * git source follows commits. The graph-data directory is the shallowest folder of the image that
 * holds a {@code version} file and a {@code channels/} folder. The revision is the manifest digest.
 * Blocks: call it on a worker thread.
 */
final class GraphDataImage implements Source<GraphData> {

  private static final Logger LOG = LoggerFactory.getLogger(GraphDataImage.class);
  /** An image carries its base layers too: up to 1 GiB and 200,000 entries are unpacked. */
  private static final Untar.Budget UNPACK_BUDGET = new Untar.Budget(1L << 30, 200_000);

  private final RegistryRepository image;
  private final RegistryClient client;
  private final Path workDir;
  private final Optional<ImageSignatures> signatures;
  private String digest;
  private String signedBy;
  private Path unpacked;
  private Path graphData;

  /**
   * @param workDir where images are unpacked, one folder per digest; old ones are deleted
   */
  GraphDataImage(RegistryRepository image, RegistryClient client, Path workDir) {
    this(image, client, workDir, Optional.empty());
  }

  /**
   * @param signatures when given, an image is used only once a signature of its manifest digest
   *     verifies (checked before any layer is downloaded)
   */
  GraphDataImage(RegistryRepository image, RegistryClient client, Path workDir, Optional<ImageSignatures> signatures) {
    if (image.reference().isEmpty()) {
      throw new IllegalArgumentException("graph-data image " + image.display() + ": give a tag or digest, e.g. "
          + image.display() + ":latest");
    }
    this.image = image;
    this.client = client;
    this.workDir = workDir;
    this.signatures = signatures;
  }

  /** The image reference and the digest last unpacked, for {@code /status}. */
  @Override
  public synchronized String toString() {
    return image.display() + digest().map(d -> "@" + d).orElse(" (not pulled yet)");
  }

  @Override
  public String location() {
    return "image " + this;
  }

  @Override
  public synchronized List<String> describe() {
    if (signatures.isEmpty()) {
      return List.of(location());
    }
    return List.of(location(), "image signature: required from " + signatures.get().store()
        + (signedBy == null ? " (none verified yet)" : ", verified: " + signedBy));
  }

  @Override
  public String update() throws InvalidInputException, InterruptedException {
    resolve();
    return digest;
  }

  /** The graph-data of the image last unpacked, named by its content hash. */
  @Override
  public synchronized GraphData read() throws InvalidInputException {
    if (graphData == null) {
      throw new IllegalStateException("read() before a successful update()");
    }
    return GraphDataReader.read(graphData);
  }

  /** The manifest digest of the image now unpacked, if any. */
  public synchronized Optional<String> digest() {
    return Optional.ofNullable(digest);
  }

  /**
   * The graph-data directory of the image the tag names now.
   *
   * @throws InvalidInputException when the image cannot be pulled or holds no graph-data
   */
  public synchronized Path resolve() throws InvalidInputException, InterruptedException {
    String source = image.display() + ":" + image.reference().get();
    try {
      RegistryClient.Manifest manifest = client.manifest(image, image.reference().get());
      if (manifest.digest().equals(digest) && Files.isDirectory(graphData)) {
        return graphData;
      }
      if (signatures.isPresent()) {
        requireSignature(manifest.digest(), source);
      }
      ImageManifest.Image layers = imageOf(manifest, source);
      Path dir = workDir.resolve("graph-data-" + Digests.hex(manifest.digest()).substring(0, 16));
      Untar.deleteTree(dir);
      Files.createDirectories(dir);
      Untar unpacker = new Untar(dir, UNPACK_BUDGET, Untar.Special.SKIP, true);
      for (ImageManifest.Descriptor layer : layers.layers()) {
        try (VerifyingInputStream blob = client.blob(image, layer.digest(), layer.size())) {
          unpacker.unpack(LayerSearch.decompressed(blob));
          blob.drainAndVerify();
        } catch (VerifyingInputStream.Mismatch e) {
          throw client.error("digest_mismatch", source + ": layer " + layer.digest() + ": " + e.getMessage());
        } catch (IOException e) {
          throw client.error("invalid_layer", source + ": layer " + layer.digest() + ": " + e.getMessage());
        }
      }
      if (!unpacker.skipped().isEmpty()) {
        LOG.info("graph-data image {}: left out {} link(s) and special file(s), e.g. {}", source, unpacker.skipped().size(),
            unpacker.skipped().get(0));
      }
      Path found = graphDataFolder(dir).orElseThrow(() -> new InvalidInputException(List.of(LoadProblem.of(source,
          "no_graph_data", "the image has no folder with a 'version' file and a 'channels' folder"))));
      Path previous = unpacked;
      digest = manifest.digest();
      unpacked = dir;
      graphData = found;
      if (previous != null && !previous.equals(dir)) {
        Untar.deleteTree(previous);
      }
      LOG.info("graph-data image {} is {}, unpacked at {}", source, digest, found);
      return found;
    } catch (RegistryException e) {
      throw new InvalidInputException(List.of(LoadProblem.of(source, "registry_" + e.kind(), e.getMessage())));
    } catch (IOException e) {
      throw new InvalidInputException(List.of(LoadProblem.of(source, "unreadable", "cannot unpack into " + workDir + ": " + e)));
    }
  }

  /** Refuses the image, before anything of it is downloaded, unless a signature of {@code manifestDigest} verifies. */
  private void requireSignature(String manifestDigest, String source) throws InvalidInputException, InterruptedException {
    ImageSignatures.Outcome outcome = signatures.get().check(manifestDigest);
    if (!outcome.isVerified()) {
      LOG.warn("graph-data image {} is {}, which has no signature that verifies: {}", source, manifestDigest,
          String.join("; ", outcome.refusals()));
      throw new InvalidInputException(List.of(LoadProblem.of(source, "unsigned_image", "the image is " + manifestDigest
          + ", which has no signature that verifies with --graph-data-keyring (" + String.join("; ", outcome.refusals())
          + "); its graph-data is not used")));
    }
    signedBy = outcome.verified().keyId() + " " + outcome.verified().signer() + " (" + outcome.url() + ")";
    LOG.info("graph-data image {} ({}) is signed by {}", source, manifestDigest, signedBy);
  }

  private ImageManifest.Image imageOf(RegistryClient.Manifest manifest, String source) throws RegistryException, InterruptedException {
    ImageManifest parsed = ImageManifest.parse(manifest, source);
    if (parsed instanceof ImageManifest.Image single) {
      return single;
    }
    // Graph-data is the same on every platform: take the first real platform's image.
    for (ImageManifest.PlatformManifest entry : ((ImageManifest.Index) parsed).manifests()) {
      if (!"unknown".equals(entry.architecture())) {
        RegistryClient.Manifest child = client.manifest(image, entry.descriptor().digest());
        if (ImageManifest.parse(child, source) instanceof ImageManifest.Image single) {
          return single;
        }
      }
    }
    throw new RegistryException("invalid_manifest", source + ": the index has no image manifest");
  }

  /** The shallowest folder (breadth first, names sorted) holding {@code version} and {@code channels/}. */
  static Optional<Path> graphDataFolder(Path root) throws IOException {
    Deque<Path> queue = new ArrayDeque<>(List.of(root));
    while (!queue.isEmpty()) {
      Path dir = queue.removeFirst();
      if (Files.isRegularFile(dir.resolve("version")) && Files.isDirectory(dir.resolve("channels"))) {
        return Optional.of(dir);
      }
      try (Stream<Path> children = Files.list(dir)) {
        children.filter(Files::isDirectory).sorted(Comparator.comparing(Path::toString)).forEach(queue::addLast);
      }
    }
    return Optional.empty();
  }
}
