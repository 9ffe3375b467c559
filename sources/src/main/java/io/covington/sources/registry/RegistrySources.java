package io.covington.sources.registry;

import io.covington.graph.input.GraphData;
import io.covington.graph.input.ReleaseSet;
import io.covington.graph.signature.Keyring;
import io.covington.sources.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The sources a registry gives, as configured by the registry flags: the releases of the {@code
 * --releases-registry} repositories and the graph-data of the {@code --graph-data-image}, sharing
 * one client (credentials, CAs) and the cache of what release images hold.
 *
 * @param releases the release source, when release repositories are given
 * @param graphData the graph-data image source, when an image is given
 */
public record RegistrySources(Optional<Source<ReleaseSet>> releases, Optional<Source<GraphData>> graphData) {

  private static final int CACHE_ENTRIES = 20_000;

  /**
   * Sets up the client, cache and sources.
   *
   * @throws IllegalArgumentException when the auth or CA files cannot be used
   */
  public static RegistrySources create(RegistryConfig config, RegistryEvents events) {
    return create(config, events, Optional.empty());
  }

  /**
   * Sets up the client, cache and sources; with {@code imageKeyring}, the graph-data image must be
   * signed ({@link ImageSignatures}) by one of its keys, the signatures fetched from {@code store}.
   *
   * @throws IllegalArgumentException when the auth or CA files cannot be used
   */
  public static RegistrySources create(RegistryConfig config, RegistryEvents events, Optional<ImageVerification> verification) {
    RegistryCredentials credentials = config.authFile().map(RegistryCredentials::read).orElse(RegistryCredentials.none());
    SSLContext tls = RegistryTls.context(config.caFiles());
    RegistryClient client = new RegistryClient(tls, credentials,
        RegistryClient.Settings.defaults(), events::error, Clock.systemUTC());
    Optional<Source<ReleaseSet>> releases = Optional.empty();
    if (!config.releaseRepositories().isEmpty()) {
      ReleaseImageCache cache = new ReleaseImageCache(CACHE_ENTRIES, config.cacheDir().map(d -> d.resolve("release-images")));
      releases = Optional.of(new RegistryReleaseSource(config.releaseRepositories(), client, cache,
          config.fullReadLimit(), config.concurrency(), config.pageSize(), events));
    }
    Optional<Source<GraphData>> image =
        config.graphDataImage().map(ref -> new GraphDataImage(ref, client, workDir(config),
            verification.map(v -> new ImageSignatures(v.keyring(), v.store(), tls))));
    return new RegistrySources(releases, image);
  }

  /**
   * How the graph-data image is verified.
   *
   * @param keyring the keys one of which must have signed the image's manifest digest
   * @param store the signature store the signatures are fetched from
   */
  public record ImageVerification(Keyring keyring, URI store) {}

  private static Path workDir(RegistryConfig config) {
    try {
      if (config.cacheDir().isPresent()) {
        Path dir = config.cacheDir().get().resolve("graph-data-image");
        Files.createDirectories(dir);
        return dir;
      }
      Path temp = Files.createTempDirectory("covington-graph-data-");
      temp.toFile().deleteOnExit();
      return temp;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder to unpack the graph-data image: " + e.getMessage(), e);
    }
  }
}
