package io.covington.sources.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How to reach the registries, as given on the command line.
 *
 * @param releaseRepositories repositories whose tags are release images ({@code --releases-registry})
 * @param graphDataImage the graph-data image ({@code --graph-data-image})
 * @param authFile a Docker/Podman {@code auth.json} or {@code .dockercfg} ({@code --registry-auth})
 * @param caFiles extra PEM CA certificates ({@code --registry-ca})
 * @param cacheDir where read metadata and the unpacked graph-data are kept across restarts
 * @param interval how often the registries are scraped again
 * @param concurrency how many images are read at once
 * @param pageSize the {@code n} asked for per tag-list page
 * @param fullReadLimit layers up to this size are read to their end and digest-verified even after
 *     the document is found
 */
public record RegistryConfig(
    List<RegistryRepository> releaseRepositories,
    Optional<RegistryRepository> graphDataImage,
    Optional<Path> authFile,
    List<Path> caFiles,
    Optional<Path> cacheDir,
    Duration interval,
    int concurrency,
    int pageSize,
    long fullReadLimit) {

  public static final long DEFAULT_FULL_READ_LIMIT = 256L << 20;

  public RegistryConfig {
    releaseRepositories = List.copyOf(releaseRepositories);
    caFiles = List.copyOf(caFiles);
    if (concurrency < 1 || pageSize < 1) {
      throw new IllegalArgumentException("registry concurrency and page size must be at least 1");
    }
    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("--registry-interval must be at least 1s, got " + interval);
    }
  }

  public boolean isUsed() {
    return !releaseRepositories.isEmpty() || graphDataImage.isPresent();
  }
}
