package io.covington.server.registry;

import io.covington.graph.bundled.BundledData;
import io.covington.graph.input.GraphData;
import io.covington.graph.input.GraphDataReader;
import io.covington.graph.input.InvalidInputException;
import io.covington.graph.input.ReleaseSet;
import io.covington.graph.snapshot.GraphSnapshot;
import io.covington.server.load.GraphLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenShift graph's inputs when releases or graph-data come from a registry: the releases of
 * the {@code --releases-registry} repositories (or the given other release set), and the graph-data
 * of the {@code --graph-data-image} (or a directory, or the bundled one). Each load scrapes again;
 * unchanged images come from the cache. Blocks: run it on a worker thread.
 */
public final class RegistryInputs implements GraphLoader {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryInputs.class);
  private static final int CACHE_ENTRIES = 20_000;

  /** Releases from elsewhere, when the registry gives only the graph-data. */
  @FunctionalInterface
  public interface ReleaseLoader {
    ReleaseSet load() throws InvalidInputException, InterruptedException;
  }

  /** The last scrape: when it ended, how long it took and what each repository saw. */
  public record LastScrape(java.time.Instant at, double seconds, java.util.List<ScrapeStats> stats) {}

  private final Optional<RegistryReleaseSource> releaseSource;
  private final ReleaseLoader otherReleases;
  private final Optional<GraphDataImage> graphDataImage;
  private final Optional<Path> graphDataDir;
  private final RegistryMetrics metrics;
  private final AtomicReference<LastScrape> lastScrape = new AtomicReference<>();

  private RegistryInputs(Optional<RegistryReleaseSource> releaseSource, ReleaseLoader otherReleases,
      Optional<GraphDataImage> graphDataImage, Optional<Path> graphDataDir, RegistryMetrics metrics) {
    this.releaseSource = releaseSource;
    this.otherReleases = otherReleases;
    this.graphDataImage = graphDataImage;
    this.graphDataDir = graphDataDir;
    this.metrics = metrics;
  }

  /**
   * Sets up the client, cache and sources.
   *
   * @param otherReleases used when no release repository is given
   * @param graphDataDir used when no graph-data image is given; empty for the bundled graph-data
   * @throws IllegalArgumentException when the auth or CA files cannot be used
   */
  public static RegistryInputs create(RegistryConfig config, ReleaseLoader otherReleases, Optional<Path> graphDataDir,
      RegistryMetrics metrics) {
    RegistryCredentials credentials = config.authFile().map(RegistryCredentials::read).orElse(RegistryCredentials.none());
    RegistryClient client = new RegistryClient(RegistryTls.context(config.caFiles()), credentials,
        RegistryClient.Settings.defaults(), metrics::error, Clock.systemUTC());
    Optional<RegistryReleaseSource> releases = Optional.empty();
    if (!config.releaseRepositories().isEmpty()) {
      ReleaseImageCache cache = new ReleaseImageCache(CACHE_ENTRIES, config.cacheDir().map(d -> d.resolve("release-images")));
      releases = Optional.of(new RegistryReleaseSource(config.releaseRepositories(), client, cache,
          config.fullReadLimit(), config.concurrency(), config.pageSize()));
    }
    Optional<GraphDataImage> image = config.graphDataImage().map(ref -> new GraphDataImage(ref, client, workDir(config)));
    return new RegistryInputs(releases, otherReleases, image, graphDataDir, metrics);
  }

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

  /** The last scrape of the release repositories that listed every repository. */
  public Optional<LastScrape> lastScrape() {
    return Optional.ofNullable(lastScrape.get());
  }

  /** One line per registry input, with the last scrape's counts, for {@code /status}. */
  @Override
  public java.util.List<String> sources() {
    java.util.List<String> lines = new java.util.ArrayList<>();
    LastScrape last = lastScrape.get();
    if (releaseSource.isPresent()) {
      if (last == null) {
        lines.add("releases: registry, not scraped yet");
      }
      for (ScrapeStats s : last == null ? java.util.List.<ScrapeStats>of() : last.stats()) {
        lines.add(String.format(java.util.Locale.ROOT,
            "releases: registry %s, last scrape %s in %.1f s: %d tags seen, %d skipped, %d failed, %d releases, %d from cache",
            s.repository(), last.at(), last.seconds(), s.tagsSeen(), s.tagsSkipped(), s.tagsFailed(), s.releases(), s.cacheHits()));
      }
    }
    graphDataImage.ifPresent(image -> lines.add("graph-data: image " + image));
    return lines;
  }

  @Override
  public GraphSnapshot load() throws InvalidInputException, InterruptedException {
    ReleaseSet releases = releaseSource.isPresent() ? scrape(releaseSource.get()) : otherReleases.load();
    GraphData data;
    if (graphDataImage.isPresent()) {
      data = GraphDataReader.read(graphDataImage.get().resolve());
    } else {
      data = graphDataDir.isPresent() ? GraphDataReader.read(graphDataDir.get()) : BundledData.graphData();
    }
    return GraphSnapshot.build(releases, data);
  }

  private ReleaseSet scrape(RegistryReleaseSource source) throws InvalidInputException, InterruptedException {
    long start = System.nanoTime();
    try {
      RegistryReleaseSource.Scrape scrape = source.scrape();
      double seconds = (System.nanoTime() - start) / 1e9;
      metrics.scraped(scrape.stats(), seconds);
      lastScrape.set(new LastScrape(java.time.Instant.now(), seconds, scrape.stats()));
      for (ScrapeStats s : scrape.stats()) {
        LOG.info("registry {}: {} tags, {} releases, {} skipped, {} failed, {} from cache, in {} ms", s.repository(),
            s.tagsSeen(), s.releases(), s.tagsSkipped(), s.tagsFailed(), s.cacheHits(), Math.round(seconds * 1000));
      }
      return scrape.releases();
    } catch (InvalidInputException e) {
      metrics.scrapeFailed((System.nanoTime() - start) / 1e9);
      throw e;
    }
  }
}
